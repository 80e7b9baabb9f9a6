import { hostname } from 'node:os';
import type { App, AppDeps } from '../app';
import { createReadiness, type Readiness } from '../http/readiness';
import type { Config } from '../config';
import { startMqttIngest, type MqttIngest } from '../mqtt/mqtt-ingest';
import type { OpenedStore } from '../store/open-store';
import { connectRedisAdapter, type RedisAdapter } from './redis-adapter';
import { startScenarioLease, type ScenarioLease, type ScenarioLeaseOptions } from './scenario-lease';
import { componentLogger } from '../log/logger';

export interface ScalePath {
  /** What createApp needs for several nodes: the adapter, the shared log's feed, the readiness it reports. */
  appDeps: Pick<AppDeps, 'adapter' | 'sharedLog' | 'readiness' | 'rateLimitRedis'>;
  readiness: Readiness;
  /** Subscribes to the sensors' MQTT topics when `MQTT_URL` is set. */
  startInputs(app: App): Promise<void>;
  /**
   * With a shared log, the lease that lets one node of the cluster run the scenario (simulator and clock);
   * null when the log is this node's own.
   */
  startScenarioLease:
    ((handlers: Pick<ScenarioLeaseOptions, 'onAcquired' | 'onLost'>) => ScenarioLease) | null;
  /** Stops taking inputs (MQTT), first thing on shutdown. */
  stopInputs(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The engines chosen by configuration, beyond the store: `REDIS_URL` (Socket.IO Redis Streams adapter, which
 * needs the shared PostgreSQL log: nodes sharing rooms must share one seq), `MQTT_URL` (+ `MQTT_SHARE_GROUP`,
 * `MQTT_CLIENT_ID`, `MQTT_SOURCE`, credentials and TLS: server/mqtt/mqtt-config.ts). Unset, the node runs alone
 * as before.
 */
export async function connectScalePath(
  config: Pick<Config, 'port' | 'store' | 'redis' | 'mqtt'>,
  opened: OpenedStore,
): Promise<ScalePath> {
  const readiness = createReadiness();
  let redis: RedisAdapter | null = null;
  const redisPrefix = config.redis?.prefix ?? 'ioc';
  if (config.redis) {
    if (!opened.shared)
      throw new Error('REDIS_URL needs DATABASE_URL=postgres://…: nodes that share rooms must share one log');
    redis = await connectRedisAdapter(config.redis.url, redisPrefix);
    const r = redis;
    readiness.add(() => (r.connected() ? null : 'redis not connected'));
  }
  let mqtt: MqttIngest | null = null;
  return {
    appDeps: {
      ...(redis
        ? { adapter: redis.adapter, rateLimitRedis: { client: redis.client, prefix: redisPrefix } }
        : {}),
      sharedLog: opened.shared,
      readiness,
    },
    readiness,
    startScenarioLease:
      opened.shared && config.store.databaseUrl
        ? (handlers) =>
            startScenarioLease({
              url: config.store.databaseUrl!,
              schema: config.store.databaseSchema,
              holder: `${hostname()}:${config.port}/${process.pid}`,
              ...handlers,
            })
        : null,
    async startInputs(app) {
      const mqttConfig = config.mqtt;
      if (!mqttConfig) return;
      mqtt = await startMqttIngest({
        ...mqttConfig,
        ingest: app.ingest,
        onRejected: (reason) => app.metrics.rejected(reason),
      });
      componentLogger('mqtt').info(
        `MQTT: subscribed to ioc/sensors/# on ${new URL(mqttConfig.url).host} as ${mqttConfig.clientId}`,
      );
    },
    async stopInputs() {
      await mqtt?.close();
      mqtt = null;
    },
    async close() {
      await mqtt?.close();
      await redis?.close();
    },
  };
}
