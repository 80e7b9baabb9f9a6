/**
 * Replay benchmark: builds a history of N events through the real ingest path (validation, log, state engine
 * with its snapshot policy), then measures seeks to random instants and the sustained replay rate at 3600×
 * to one client over a real socket. Printed, never asserted.
 *
 *   npx tsx bench/replay-seek.ts [--events 1000000] [--seeks 100] [--play-seconds 10]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { AREAS_2021, makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../geo';
import { applyEvents, type DashboardState } from '../protocol';
import { createApp } from '../server/app';
import { createSimulation } from '../simulators/plan';
import { connectReplay, ok } from '../tests/integration/support/replay-client';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seeks: { type: 'string', default: '100' },
    'play-seconds': { type: 'string', default: '10' },
  },
});
const target = Number(values.events);
const seeks = Number(values.seeks);
const playMs = Number(values['play-seconds']) * 1000;

// Durability is not what is measured here; the log is thrown away afterwards.
process.env.SQLITE_SYNC = 'OFF';
const { openSqliteStore } = await import('../server/store/sqlite-store');
const dir = mkdtempSync(path.join(tmpdir(), 'bench-replay-'));
const store = openSqliteStore(path.join(dir, 'events.sqlite'));
const app = await createApp({
  store,
  clock: { now: () => Date.now(), speed: () => 1 },
  areaSet: SCHEMATIC_2021,
  ingestTokens: ['bench-token-0123456789'],
  batchWindowMs: 200,
  version: 'bench',
});
await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;

const START = Date.parse('2021-08-01T00:00:00+07:00');
const sim = createSimulation({
  seed: 2021,
  sites: SENSOR_SITES,
  sensorHistoryFromMs: START,
  historyFromMs: START,
});
let built = 0;
let end = START;
const t0 = performance.now();
while (built < target) {
  const events = sim.eventsBetween(end, end + 3600_000).slice(0, target - built);
  for (let i = 0; i < events.length; i += 5000)
    built += (await app.ingest.ingest(events.slice(i, i + 5000))).accepted;
  end += 3600_000;
  if (built % 200_000 < events.length) process.stdout.write(`\rbuilt ${built.toLocaleString('en')} events`);
}
await app.engine.snapshot();
console.log(
  `\nhistory: ${built.toLocaleString('en')} events, ${((end - START) / 86_400_000).toFixed(1)} days, built in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

const socket = await connectReplay(url);
const times: number[] = [];
for (let i = 0; i < seeks; i++) {
  const atMs = START + Math.floor(Math.random() * (end - START));
  const t = performance.now();
  ok(await socket.emitWithAck('replay:seek', { atMs }));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number) =>
  times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(0);
console.log(
  `seek (${seeks} random instants, socket round trip): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`,
);

const rollup = makeRollup(AREAS_2021);
const start = ok(await socket.emitWithAck('replay:seek', { atMs: START }));
let state: DashboardState = start.state;
let delivered = 0;
let batches = 0;
socket.on('replay:batch', (batch, done) => {
  state = batch.state ?? applyEvents(state, batch.events, rollup);
  delivered += batch.events?.length ?? 0;
  batches++;
  done();
});
const tPlay = performance.now();
ok(await socket.emitWithAck('replay:play', { speed: 3600 }));
await new Promise((r) => setTimeout(r, playMs));
ok(await socket.emitWithAck('replay:pause', {}));
const seconds = (performance.now() - tPlay) / 1000;
const scenarioS =
  (state.areas['80'] ? Math.max(...Object.values(state.areas['80'].lastTsMs)) - START : 0) / 1000;
console.log(
  `play at 3600× for ${seconds.toFixed(1)} s: ${batches} batches, ${(delivered / seconds).toFixed(0)} events/s delivered and folded, ` +
    `${(scenarioS / seconds).toFixed(0)}× effective speed`,
);
socket.close();
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
