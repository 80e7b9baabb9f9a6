import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021 } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import {
  applyEvents,
  countByStatus,
  DEFAULT_ALERT_RULES,
  PROTOCOL_VERSION,
  type IocEvent,
  type LiveBatch,
  type SensorReading,
} from '../../protocol';
import { connectLive, startTestServer, until, type TestServer } from './support/test-server';

const T0 = Date.parse('2021-08-02T10:00:00+07:00');
const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);

const reading = (i: number, value: number): SensorReading => ({
  v: PROTOCOL_VERSION,
  id: `wl-794:${i}`,
  source: 'test',
  area: '794',
  tsMs: T0 + i * 60_000,
  stream: 'sensor',
  siteId: 'LA-WL-794-01',
  kind: 'water_level',
  value,
  unit: 'm',
  lonLat: [106.41, 10.54],
});

/**
 * The province-wide rules change an operator's file makes: the water-level alarm lowered to 0,60 m, raised from
 * the first reading over it (no on-delay), so one reading after the change shows it.
 */
const lowered: IocEvent = {
  v: PROTOCOL_VERSION,
  id: 'rules-lowered',
  source: 'alert-rules',
  stream: 'ops',
  area: '80',
  tsMs: T0 + 90_000,
  operator: 'alert-rules-file',
  action: 'alert-rules:changed',
  rules: {
    ...DEFAULT_ALERT_RULES,
    sensorThresholds: { water_level: { warning: 0.5, alarm: 0.6 } },
    alarms: { sensors: { water_level: { onDelay: { readings: 1 } } } },
  },
};

describe('the rules in force reach a district dashboard', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ clock: { now: () => T0 + 3 * 60_000, speed: () => 1 } });
  });
  afterEach(async () => {
    await server.close();
  });

  it('in a resync and in events mode, so a 0,9 m reading after the change counts as an alarm there', async () => {
    const events = await connectLive(server.url, '794', { mode: 'events' });
    await server.app.ingest.ingest([reading(0, 0.9), reading(1, 0.9), lowered, reading(2, 0.9)]);
    await until(events.socket, () => events.batches.at(-1)?.toSeq === 4);

    const ack = await events.socket.emitWithAck('live:resync', { area: '794', afterSeq: 0 });
    expect(ack.ok).toBe(true);
    const resync = (ack as { data: LiveBatch }).data;
    for (const batch of [resync, { events: events.batches.flatMap((b) => b.events) }]) {
      expect(batch.events.map((e) => e.id)).toContain('rules-lowered');
      const folded = applyEvents(events.snapshot.state, batch.events, rollup);
      expect(folded.alerts.rules?.sensorThresholds.water_level?.alarm).toBe(0.6);
      expect(countByStatus(Object.values(folded.sites), folded.alerts, T0 + 3 * 60_000).alarm).toBe(1);
    }
    events.socket.close();
  });
});
