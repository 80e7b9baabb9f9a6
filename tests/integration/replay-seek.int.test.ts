import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import { applyEvents, emptyDashboardState, type IocEvent, type LoggedEvent } from '../../protocol';
import type { StoredSnapshot } from '../../server/store/event-store';
import { createSimulation } from '../../simulators/plan';
import { connectReplay, ok, type ReplaySocket } from '../../testkit/replay-client';
import { startTestServer, type TestServer } from './support/test-server';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const START = Date.parse('2021-08-02T16:30:00+07:00');
const END = START + 60 * 60_000;
/** Dense enough that a seek always starts from a snapshot except before the first one. */
const POLICY = { everyEvents: 2500, everyEventMs: 10 * 60_000 };

/** A small seeded generator, so a failing instant can be reproduced. */
function rng(seed: number) {
  let x = seed;
  return () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('replay seek = snapshot + bounded range, equal to a fold from the start', () => {
  let server: TestServer;
  let socket: ReplaySocket;
  let logged: LoggedEvent[];
  let snapshots: StoredSnapshot[];

  beforeAll(async () => {
    // Dozens of seeks in a second, one after another: more than an analyst's default allowance.
    server = await startTestServer({
      snapshotPolicy: POLICY,
      security: { messageRateLimit: { windowMs: 10_000, perSocket: 10_000, perPrincipal: 10_000 } },
    });
    const sim = createSimulation({ seed: 7, sites: SENSOR_SITES, sensorHistoryFromMs: START });
    const events = sim.eventsBetween(START, END);
    // The log as a live source writes it, in time order, except for a sensor's backlog of readings of
    // 16:45–16:55 that arrives only at 17:20: late events, behind snapshots taken meanwhile.
    const backlog = (e: IocEvent) =>
      e.stream === 'sensor' &&
      e.siteId.endsWith('-01') &&
      e.tsMs >= START + 15 * 60_000 &&
      e.tsMs < START + 25 * 60_000;
    const onTime = events.filter((e) => !backlog(e));
    const late = events.filter(backlog);
    expect(late.length).toBeGreaterThan(50);
    const cut = onTime.findIndex((e) => e.tsMs >= START + 50 * 60_000);
    const order = [...onTime.slice(0, cut), ...late, ...onTime.slice(cut)];
    for (let i = 0; i < order.length; i += 700) await server.app.ingest.ingest(order.slice(i, i + 700));
    await server.app.engine.snapshot();
    logged = await server.store.readAfter(0, order.length + 1);
    expect(logged).toHaveLength(order.length);
    snapshots = [];
    for (let s = await server.store.latestSnapshot(); s; s = await server.store.latestSnapshot(s.maxTsMs - 1))
      snapshots.unshift(s);
    socket = await connectReplay(server.url);
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await server?.close();
  });

  const foldFromStart = (atMs: number) =>
    applyEvents(
      emptyDashboardState(),
      logged.filter((e) => e.tsMs <= atMs),
      rollup,
    );
  const seek = async (atMs: number) => ok(await socket.emitWithAck('replay:seek', { atMs })).state;

  it('has the snapshots and late events the cases below need', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(8);
    // Some late event comes after a snapshot whose latest time is already past the late event's own.
    expect(logged.some((e) => snapshots.some((s) => e.seq > s.seq && e.tsMs < s.maxTsMs))).toBe(true);
  });

  it('lands exactly on a snapshot boundary, just before it and just after it', async () => {
    for (const s of snapshots)
      for (const atMs of [s.maxTsMs, s.maxTsMs - 1, s.maxTsMs + 1])
        expect(await seek(atMs), `at ${new Date(atMs).toISOString()}`).toEqual(foldFromStart(atMs));
  });

  it('lands right before the first snapshot and before the first event (no snapshot to start from)', async () => {
    const first = snapshots[0]!;
    const t0 = logged[0]!.tsMs;
    for (const atMs of [t0 - 1, t0, t0 + 1, Math.floor((t0 + first.maxTsMs) / 2), first.maxTsMs - 1]) {
      expect(await server.store.latestSnapshot(atMs)).toBeNull();
      expect(await seek(atMs)).toEqual(foldFromStart(atMs));
    }
    expect((await seek(t0 - 1)).seq).toBe(0);
  });

  it('lands on the fold from the start at 40 random instants, late events included', async () => {
    const next = rng(2021);
    const lateTimes = logged.filter((e, i) => i > 0 && e.tsMs < logged[i - 1]!.tsMs).map((e) => e.tsMs);
    const instants = [
      ...Array.from({ length: 40 }, () => START + Math.floor(next() * (END - START))),
      ...lateTimes.slice(0, 5),
    ];
    for (const atMs of instants) expect(await seek(atMs)).toEqual(foldFromStart(atMs));
  });
});
