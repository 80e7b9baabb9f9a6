import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { SCHEMATIC_2021 } from '../../geo';
import { createApp } from '../../server/app';
import { startMqttIngest } from '../../server/mqtt/mqtt-ingest';
import type { EventStore } from '../../server/store/event-store';
import { openPostgresStore } from '../../server/store/postgres-store';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { reading, TOKEN } from './support/reliability';
import { freshSchema, MQTT_URL, PG_URL, requireService } from './support/services';
import { captureLogger, silentLogger } from '../support/capture-logger';

const SOURCE = 'mqtt-durable';
const READINGS = 300;

/** The real log, whose appends throw while `down` is set, as they do while PostgreSQL is unreachable. */
function outageStore(inner: EventStore) {
  const state = { down: false, refused: 0 };
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'append')
        return (...args: Parameters<EventStore['append']>) => {
          if (!state.down) return target.append(...args);
          state.refused++;
          return Promise.reject(new Error('connection to the log lost'));
        };
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store, state };
}

/** A TCP relay to PostgreSQL that can cut every connection and refuse new ones, like a network partition. */
async function cuttableRelay(host: string, port: number) {
  const open = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      cut = true;
      for (const s of open) s.destroy();
    },
    restore: () => void (cut = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until `count()` reaches `target` or stops growing for `quietMs` (MQTT has no answer to wait on). */
async function settle(count: () => Promise<number>, target: number, quietMs: number): Promise<void> {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return;
    if (n !== last) [last, since] = [n, Date.now()];
    else if (Date.now() - since > quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The app on `store` with the MQTT input, READINGS QoS 1 readings published one by one; the log goes away a
 * third of the way through and comes back at two thirds (+1,5 s). Returns the readings sent and what the log
 * holds of them once nothing more arrives, and what the MQTT input logged.
 */
async function publishThroughOutage(store: EventStore, down: () => void, up: () => void) {
  await requireService('Mosquitto', MQTT_URL);
  const root = `durable-${process.pid}-${randomBytes(3).toString('hex')}/sensors`;
  const clientId = `ioc-durable-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { logger, messages: log } = captureLogger();
  const app = await createApp({
    store,
    clock: { now: () => Date.UTC(2021, 7, 3), speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: [TOKEN],
    batchWindowMs: 50,
    version: 'test',
  });
  const ingest = await startMqttIngest({
    url: MQTT_URL,
    ingest: app.ingest,
    topicRoot: root,
    clientId,
    source: SOURCE,
    sessionExpirySeconds: 60,
    onRejected: () => {},
    logger,
  });
  try {
    const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `${clientId}-pub` });
    const sent = Array.from({ length: READINGS }, (_, n) => reading(SOURCE, n));
    for (const [n, r] of sent.entries()) {
      if (n === READINGS / 3) down();
      if (n === (2 * READINGS) / 3) setTimeout(up, 1500);
      await publisher.publishAsync(`${root}/${r.siteId}`, JSON.stringify(r), { qos: 1 });
      await new Promise((res) => setTimeout(res, 5));
    }
    await publisher.endAsync();
    await new Promise((r) => setTimeout(r, 1600));
    const logged = async () => (await store.readAfter(0, 10_000)).filter((e) => e.source === SOURCE);
    await settle(async () => (await logged()).length, READINGS, 10_000);
    return { sent, logged: await logged(), log };
  } finally {
    await ingest.close();
    await app.close();
    // The persistent session this test left on the shared broker.
    const forget = await mqtt.connectAsync(MQTT_URL, { clientId, clean: true, protocolVersion: 5 });
    await forget.endAsync();
  }
}

describe('MQTT: a reading is acknowledged only once it is durable', () => {
  it(
    'keeps every QoS 1 reading published while the log refused appends, each once',
    { timeout: 90_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ioc-mqtt-durable-'));
      const inner = openSqliteStore(path.join(dir, 'events.sqlite'));
      const { store, state } = outageStore(inner);
      try {
        const { sent, logged, log } = await publishThroughOutage(
          store,
          () => (state.down = true),
          () => (state.down = false),
        );
        // The outage really hit messages in flight, and each was logged once whatever the redeliveries.
        expect(state.refused).toBeGreaterThan(0);
        expect(logged.map((e) => e.id).sort()).toEqual(sent.map((r) => r.id).sort());
        expect(new Set(logged.map((e) => e.seq)).size).toBe(READINGS);
        expect(log.some((l) => /not acknowledged/.test(l))).toBe(true);
      } finally {
        await inner.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'keeps every QoS 1 reading published while PostgreSQL was cut off, each once',
    { timeout: 90_000 },
    async () => {
      const { schema, drop } = await freshSchema();
      const pgUrl = new URL(PG_URL);
      const relay = await cuttableRelay(pgUrl.hostname, Number(pgUrl.port || 5432));
      pgUrl.port = String(relay.port);
      const store = await openPostgresStore(pgUrl.toString(), { schema, max: 4 });
      try {
        const { sent, logged, log } = await publishThroughOutage(store, relay.cut, relay.restore);
        expect(logged.map((e) => e.id).sort()).toEqual(sent.map((r) => r.id).sort());
        expect(new Set(logged.map((e) => e.seq)).size).toBe(READINGS);
        expect(log.some((l) => /not acknowledged/.test(l))).toBe(true);
      } finally {
        await store.close();
        await relay.close();
        await drop();
      }
    },
  );
});

describe('MQTT: a persistent session in a share group', () => {
  it(
    'hands the whole stream to the nodes still up when one stops on purpose',
    { timeout: 60_000 },
    async () => {
      await requireService('Mosquitto', MQTT_URL);
      const dir = mkdtempSync(path.join(tmpdir(), 'ioc-mqtt-share-'));
      const store = openSqliteStore(path.join(dir, 'events.sqlite'));
      const root = `share-${process.pid}-${randomBytes(3).toString('hex')}/sensors`;
      const ids = [0, 1].map((n) => `ioc-share-${process.pid}-${randomBytes(3).toString('hex')}-${n}`);
      const app = await createApp({
        store,
        clock: { now: () => Date.UTC(2021, 7, 3), speed: () => 1 },
        areaSet: SCHEMATIC_2021,
        ingestTokens: [TOKEN],
        batchWindowMs: 50,
        version: 'test',
      });
      const start = (clientId: string) =>
        startMqttIngest({
          url: MQTT_URL,
          ingest: app.ingest,
          topicRoot: root,
          shareGroup: `g${process.pid}`,
          clientId,
          source: SOURCE,
          sessionExpirySeconds: 60,
          onRejected: () => {},
          logger: silentLogger(),
        });
      const [staying, leaving] = [await start(ids[0]!), await start(ids[1]!)];
      try {
        await leaving.close();
        const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `${ids[0]}-pub` });
        const sent = Array.from({ length: 40 }, (_, n) => reading(SOURCE, n));
        for (const r of sent)
          await publisher.publishAsync(`${root}/${r.siteId}`, JSON.stringify(r), { qos: 1 });
        await publisher.endAsync();
        const logged = async () => (await store.readAfter(0, 1000)).filter((e) => e.source === SOURCE);
        await settle(async () => (await logged()).length, sent.length, 3000);
        // None of them waits at the broker for the node that left.
        expect((await logged()).length).toBe(sent.length);
      } finally {
        await staying.close();
        await app.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
        for (const clientId of ids) {
          const forget = await mqtt.connectAsync(MQTT_URL, { clientId, clean: true, protocolVersion: 5 });
          await forget.endAsync();
        }
      }
    },
  );
});
