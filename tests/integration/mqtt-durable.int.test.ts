import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMATIC_2021 } from '../../geo';
import { createApp, type App } from '../../server/app';
import { startMqttIngest, type MqttIngest } from '../../server/mqtt/mqtt-ingest';
import type { EventStore } from '../../server/store/event-store';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { reading, TOKEN } from './support/reliability';
import { MQTT_URL, requireService } from './support/services';

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

describe('MQTT: a reading is acknowledged only once it is durable', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-mqtt-durable-'));
  const inner = openSqliteStore(path.join(dir, 'events.sqlite'));
  const { store, state } = outageStore(inner);
  const root = `durable-${process.pid}-${randomBytes(3).toString('hex')}/sensors`;
  const clientId = `ioc-durable-${process.pid}-${randomBytes(3).toString('hex')}`;
  const log: string[] = [];
  let app: App;
  let ingest: MqttIngest;

  beforeAll(async () => {
    await requireService('Mosquitto', MQTT_URL);
    app = await createApp({
      store,
      clock: { now: () => Date.UTC(2021, 7, 3), speed: () => 1 },
      areaSet: SCHEMATIC_2021,
      ingestTokens: [TOKEN],
      batchWindowMs: 50,
      version: 'test',
    });
    ingest = await startMqttIngest({
      url: MQTT_URL,
      ingest: app.ingest,
      topicRoot: root,
      clientId,
      source: SOURCE,
      sessionExpirySeconds: 60,
      onRejected: () => {},
      log: (m) => log.push(m),
    });
  });
  afterAll(async () => {
    await ingest?.close();
    await app?.close();
    await inner.close();
    rmSync(dir, { recursive: true, force: true });
    // The persistent session this test left on the shared broker.
    const forget = await mqtt.connectAsync(MQTT_URL, { clientId, clean: true, protocolVersion: 5 });
    await forget.endAsync();
  });

  it(
    'keeps every QoS 1 reading published while the log refused appends, each once',
    { timeout: 90_000 },
    async () => {
      const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `${clientId}-pub` });
      const sent = Array.from({ length: READINGS }, (_, n) => reading(SOURCE, n));
      for (const [n, r] of sent.entries()) {
        // The log goes away a third of the way through and comes back at two thirds.
        if (n === READINGS / 3) state.down = true;
        if (n === (2 * READINGS) / 3) setTimeout(() => (state.down = false), 1500);
        await publisher.publishAsync(`${root}/${r.siteId}`, JSON.stringify(r), { qos: 1 });
        await new Promise((res) => setTimeout(res, 5));
      }
      await publisher.endAsync();

      const logged = async () => (await inner.readAfter(0, 10_000)).filter((e) => e.source === SOURCE);
      await new Promise((r) => setTimeout(r, 1600));
      await settle(async () => (await logged()).length, READINGS, 10_000);
      // The outage really hit messages in flight, and each was logged once whatever the redeliveries.
      expect(state.refused).toBeGreaterThan(0);
      const events = await logged();
      expect(events.map((e) => e.id).sort()).toEqual(sent.map((r) => r.id).sort());
      expect(new Set(events.map((e) => e.seq)).size).toBe(READINGS);
      expect(log.some((l) => /not acknowledged/.test(l))).toBe(true);
    },
  );
});
