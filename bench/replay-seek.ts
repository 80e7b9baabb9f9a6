/**
 * Replay benchmark (issue 6): builds a history of N events through the backfill's trusted path
 * (`IngestService.appendPlanned`: area check, log with its daily aggregates, state engine with its snapshot
 * policy, fan-out), then times seeks to random instants over a real socket and the sustained replay rate at
 * 3600× to one client that folds and acknowledges every batch. Printed, never asserted.
 *
 *   npx tsx bench/replay-seek.ts [--events 10000000] [--seeks 100] [--play-seconds 10] [--small]
 *                                [--keep] [--log FILE]
 *
 * `--keep` leaves the built log in place (its path is printed); `--log FILE` measures on such a log instead of
 * building one, to re-measure seeks without another build.
 *
 * `--small` (what `npm run bench -- --small` passes): 200 000 events, 30 seeks, 5 s of play. The last line of
 * output is the summary `bench/run.ts` puts in its table.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { AREAS_2021, makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../geo';
import { applyEvents, type DashboardState } from '../protocol';
import { createApp } from '../server/app';
import { createSimulation } from '../simulators/plan';
import { connectReplay, ok } from '../testkit/replay-client';

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    seeks: { type: 'string' },
    'play-seconds': { type: 'string' },
    small: { type: 'boolean', default: false },
    log: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const small = values.small;
const target = Number(values.events ?? (small ? 200_000 : 10_000_000));
const seeks = Number(values.seeks ?? (small ? 30 : 100));
const playMs = Number(values['play-seconds'] ?? (small ? 5 : 10)) * 1000;
/** Events handed to one appendPlanned call, as the backfill's hourly batches are. */
const BUILD_BATCH = 10_000;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const n = (x: number) => Math.round(x).toLocaleString('en');

const { openSqliteStore } = await import('../server/store/sqlite-store');
const dir = values.log
  ? null
  : mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), 'bench-replay-'));
const file = values.log ?? path.join(dir!, 'events.sqlite');
// Durability is not what is measured here; the log is thrown away afterwards.
const store = openSqliteStore(file, { synchronous: 'OFF' });
const app = await createApp({
  store,
  clock: { now: () => Date.now(), speed: () => 1 },
  areaSet: SCHEMATIC_2021,
  ingestTokens: ['bench-token-0123456789'],
  batchWindowMs: 200,
  version: 'bench',
  // A benchmark measures the pipeline, not access: its clients read without signing in.
  readAccess: 'open',
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
console.log(values.log ? `measuring on ${file}` : `building ${n(target)} events… (load ${load()})`);
let built = values.log ? await store.countEvents() : 0;
let end = values.log ? (await store.lastEventTsMs('sensor'))! : START;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
while (built < target && !values.log) {
  const hour = sim.eventsBetween(end, end + 3600_000);
  const events = hour.slice(0, target - built);
  for (let i = 0; i < events.length; i += BUILD_BATCH)
    built += (await app.ingest.appendPlanned(events.slice(i, i + BUILD_BATCH))).accepted;
  end = events.length < hour.length ? events.at(-1)!.tsMs : end + 3600_000;
  if (built % 500_000 < events.length) process.stdout.write(`\r  ${n(built)} events`);
}
await app.engine.snapshot();
const buildS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const buildCpuS = (cpu.user + cpu.system) / 1e6;
const stats = new Database(file, { readonly: true });
const snaps = stats
  .prepare<[], { n: number; bytes: number }>(
    'SELECT count(*) AS n, avg(length(body)) AS bytes FROM snapshots',
  )
  .get()!;
const late = stats.prepare<[], { n: number }>('SELECT count(*) AS n FROM late_events').get()!.n;
stats.close();
const dbMb = statSync(file).size / 1e6;
console.log(
  `\nhistory: ${n(built)} events, ${((end - START) / 86_400_000).toFixed(1)} days, ` +
    (values.log
      ? 'an earlier log'
      : `built in ${buildS.toFixed(0)} s, cpu ${buildCpuS.toFixed(0)} s (${n(built / buildS)} ev/s, load ${load()})`) +
    `; log ${n(dbMb)} MB, ${n(snaps.n)} snapshots of ~${n(snaps.bytes / 1000)} KB, ` +
    `${n(late)} late events`,
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
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const seekLine = `seek p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms`;
console.log(`${seekLine} (${seeks} random instants, socket round trip, load ${load()})`);

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
  `play at 3600× for ${seconds.toFixed(1)} s: ${batches} batches, ${n(delivered / seconds)} events/s delivered and ` +
    `folded, ${(scenarioS / seconds).toFixed(0)}× effective speed (load ${load()})`,
);
socket.close();
await app.close();
await store.close();
if (dir && !values.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`log kept: ${file}`);
// The summary bench/run.ts shows (its last line, ≤ 110 characters); the goal is p95 ≤ 300 ms.
console.log(
  `${(built / 1e6).toFixed(1)}M ev built ${buildS.toFixed(0)} s; seek p50 ${pct(50).toFixed(0)}, p95 ${pct(95).toFixed(0)} ms; ` +
    `3600×: ${n(delivered / seconds)} ev/s; load ${os.loadavg()[0]!.toFixed(1)}`,
);
