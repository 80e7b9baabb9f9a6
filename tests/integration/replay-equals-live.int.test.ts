import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS_2021, makeRollup, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import {
  applyEvents,
  kpiSnapshot,
  type DashboardState,
  type IocEvent,
  type KpiSnapshot,
} from '../../protocol';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { connectReplay, ok, replayFolder } from '../../testkit/replay-client';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';

const rollup = makeRollup([...AREAS_2021, ...PILOT_AREAS]);
const START = Date.parse('2021-08-02T16:00:00+07:00');
const END = START + 90 * 60_000;
/** Instants to compare at: mid-stream, on the 17:00 COVID reports, and at odd milliseconds. */
const INSTANTS = [
  START + 7 * 60_000 + 123,
  START + 31 * 60_000,
  Date.parse('2021-08-02T17:00:00+07:00'),
  START + 64 * 60_000 + 999,
  START + 89 * 60_000 + 1,
];
const CODES = ['80', ...AREAS_2021.filter((a) => a.parent === '80').map((a) => a.code)];

/** What the wall shows: the KPI snapshot of every area as at the instant, and the sensor map. */
function wallView(state: DashboardState, atMs: number) {
  const kpis: KpiSnapshot[] = CODES.map((code) =>
    kpiSnapshot(state, code, atMs, (site) => rollup(site).includes(code)),
  );
  return { kpis, sites: state.sites };
}

describe('replay equals live', () => {
  let server: TestServer;
  const recorded: { atMs: number; state: DashboardState }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const sim = createSimulation({ seed: 11, sites: SENSOR_SITES, sensorHistoryFromMs: START });
    const events = sim.eventsBetween(START, END);
    const wall = await connectLive(server.url);
    let state = wall.snapshot.state;
    let applied = 0;
    wall.socket.on('live:batch', (b) => (state = applyEvents(state, b.events, rollup)));
    const source = await connectIngest(server.url, TEST_TOKEN);
    // The live feed in time order; at each instant, what the wall has folded is recorded.
    let i = 0;
    for (const atMs of [...INSTANTS, END]) {
      const chunk: IocEvent[] = [];
      while (i < events.length && events[i]!.tsMs <= atMs) chunk.push(events[i++]!);
      for (let k = 0; k < chunk.length; k += 2000) await source.send(chunk.slice(k, k + 2000));
      applied += chunk.length;
      const lastSeq = await server.store.lastSeq();
      await until(wall.socket, () => state.seq === lastSeq);
      if (atMs !== END) recorded.push({ atMs, state });
    }
    source.close();
    wall.socket.close();
    expect(applied).toBe(events.length);
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set(['dossier', 'sensor', 'covid']));
  });
  afterAll(async () => {
    await server.close();
  });

  it('a seek to each instant lands on exactly the state the wall showed then', async () => {
    const socket = await connectReplay(server.url);
    for (const { atMs, state } of recorded) {
      const snap = ok(await socket.emitWithAck('replay:seek', { atMs }));
      expect(snap.position.cursorMs).toBe(atMs);
      expect(wallView(snap.state, atMs)).toEqual(wallView(state, atMs));
      expect(snap.state).toEqual(state);
    }
    socket.close();
  });

  it('playing from the first instant through the others folds to the same states', async () => {
    const socket = await connectReplay(server.url);
    const folder = replayFolder(socket, rollup);
    const first = ok(await socket.emitWithAck('replay:seek', { atMs: recorded[0]!.atMs }));
    folder.reset(first.state, first.position.epoch);
    for (const { atMs, state } of recorded.slice(1)) {
      const paused = folder.untilPaused();
      ok(await socket.emitWithAck('replay:play', { speed: 3600, untilMs: atMs }));
      await paused;
      expect(folder.batches.at(-1)!.position.cursorMs).toBe(atMs);
      expect(wallView(folder.state!, atMs)).toEqual(wallView(state, atMs));
      expect(folder.state).toEqual(state);
    }
    // Batches carried events, not whole states: the log is in time order, so no re-fold was needed.
    expect(folder.batches.some((b) => b.events && b.events.length > 0)).toBe(true);
    expect(folder.batches.every((b) => b.state === undefined)).toBe(true);
    socket.close();
  });
});
