import type { AddressInfo } from 'node:net';
import { SCHEMATIC_2021 } from '../../../geo';
import { SENSOR_SOURCE } from '../../../simulators/sensor.simulator';
import { createApp, type App } from '../../../server/app';
import { connectRedisAdapter } from '../../../server/cluster/redis-adapter';
import { startMqttIngest, type MqttIngest } from '../../../server/mqtt/mqtt-ingest';
import { openPostgresStore, type PostgresStore } from '../../../server/store/postgres-store';
import { MQTT_URL, PG_URL, REDIS_URL, requireService } from './services';
import { TEST_TOKEN } from './test-server';
import type { SecurityOptions } from '../../../server/security/options';
import { FIXTURE_ADMISSION } from './fixture-admission';
import { captureLogger } from '../../support/capture-logger';

export interface ClusterNode {
  url: string;
  app: App;
  store: PostgresStore;
  /** What the node logged about MQTT (rejections with reasons). */
  mqttLog: string[];
  close(): Promise<void>;
}

/**
 * One server node of the scale path, as `server/index.ts` builds it with DATABASE_URL, REDIS_URL (and
 * MQTT_URL): its own PostgreSQL pool on the shared schema, its own Redis connection on the shared stream
 * prefix, listening on port 0. Several of them in one test process make a cluster.
 */
export async function startClusterNode(opts: {
  schema: string;
  redisPrefix: string;
  mqtt?: { topicRoot: string; shareGroup?: string };
  batchWindowMs?: number;
  /** Limits beyond the defaults (the message allowance …). */
  security?: Partial<SecurityOptions>;
  /**
   * Hears of the other nodes' appends this late (a LISTEN connection under load): its live state lags the log
   * meanwhile, as any node's may.
   */
  notifyDelayMs?: number;
}): Promise<ClusterNode> {
  await requireService('PostgreSQL', PG_URL);
  await requireService('Redis', REDIS_URL);
  if (opts.mqtt) await requireService('Mosquitto', MQTT_URL);
  const store = await openPostgresStore(PG_URL, { schema: opts.schema, max: 4 });
  const redis = await connectRedisAdapter(REDIS_URL, opts.redisPrefix);
  const app = await createApp({
    store,
    clock: { now: () => Date.UTC(2021, 7, 2, 10), speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: [TEST_TOKEN],
    batchWindowMs: opts.batchWindowMs ?? 50,
    version: 'test',
    adapter: redis.adapter,
    // As the scale path wires it: the message limits count in the shared Redis.
    rateLimitRedis: { client: redis.client, prefix: opts.redisPrefix },
    sharedLog: opts.notifyDelayMs
      ? {
          watchAppends: (onSeq) =>
            store.watchAppends((seq) => void setTimeout(() => onSeq(seq), opts.notifyDelayMs)),
        }
      : store,
    // About the scale path, not access: its dashboards connect without signing in.
    readAccess: 'open',
    ...(opts.security ? { security: opts.security } : {}),
    admission: FIXTURE_ADMISSION,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { logger: mqttLogger, messages: mqttLog } = captureLogger();
  let mqtt: MqttIngest | null = null;
  if (opts.mqtt)
    mqtt = await startMqttIngest({
      url: MQTT_URL,
      ingest: app.ingest,
      topicRoot: opts.mqtt.topicRoot,
      clientId: `cluster-ioc-${process.pid}-${Date.now()}`,
      // The simulator's readings, published as they are.
      source: SENSOR_SOURCE,
      sessionExpirySeconds: 60,
      onRejected: (reason) => app.metrics.rejected(reason),
      ...(opts.mqtt.shareGroup ? { shareGroup: opts.mqtt.shareGroup } : {}),
      logger: mqttLogger,
    });
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    mqttLog,
    async close() {
      await mqtt?.close();
      await app.close();
      await redis.close();
      await store.close();
    },
  };
}
