/*
 * The backfill `npm start` does on an empty store, timed: `npx tsx bench/backfill.ts [--from ISO] [--to ISO]`.
 * It builds the same app (store, engine, ingest, fan-out) and drives the same `backfill` and `appendPlanned` as
 * server/index.ts, with the sensor history's worker beside it as `npm start` runs it.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMATIC_2021, SENSOR_SITES } from '../geo';
import { createApp } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite-store';
import { createSimulation } from '../simulators/plan';
import { backfill } from '../simulators/runner';
import { runHistoryBackfill } from '../server/sensor-history/run-history-backfill';

export interface BackfillFigure {
  events: number;
  seconds: number;
  cpuSeconds: number;
  eventsPerSecond: number;
  /** The event log's files on disk (database and write-ahead log), bytes. */
  logBytes: number;
  /** The sensor history: hourly summaries per site of every day, written by its worker beside the events. */
  history: { seconds: number; bytes: number; siteDays: number };
  from: string;
  to: string;
}

export const DEFAULT_FROM = '2019-01-01T00:00:00+07:00';
export const DEFAULT_TO = '2021-08-01T08:00:00+07:00';
const SENSOR_HISTORY_MS = 6 * 3600_000;

const sizeOf = (...files: string[]) => files.reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);

/** `sensorHours`: raw sensor readings before `to`, as `npm start` backfills (6 h); less for a small run. */
export async function benchBackfill(
  from = DEFAULT_FROM,
  to = DEFAULT_TO,
  sensorHours = SENSOR_HISTORY_MS / 3600_000,
): Promise<BackfillFigure> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-backfill-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
  const app = await createApp({
    store,
    clock: { now: () => toMs, speed: () => 0 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: ['bench-token-0123456789'],
    batchWindowMs: 200,
    version: 'bench',
    // A benchmark measures the pipeline, not access: its clients read without signing in.
    readAccess: 'open',
  });
  const sim = createSimulation({
    seed: 2021,
    sites: SENSOR_SITES,
    sensorHistoryFromMs: toMs - sensorHours * 3600_000,
    historyFromMs: fromMs,
  });
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const historyFile = path.join(dir, 'sensor-history.sqlite');
    let siteDays = 0;
    const historyDone = runHistoryBackfill(
      historyFile,
      { seed: 2021, sites: SENSOR_SITES, fromMs, toMs: toMs - sensorHours * 3600_000 },
      (p) => (siteDays = p.done),
    ).then(() => (performance.now() - t0) / 1000);
    const events = await backfill(
      sim,
      fromMs,
      toMs,
      async (batch) => void (await app.ingest.appendPlanned(batch)),
    );
    await app.engine.snapshot();
    const historySeconds = await historyDone;
    // The first run is done when both are: the dashboards' history and the sensor history.
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const log = path.join(dir, 'events.sqlite');
    return {
      events,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventsPerSecond: events / seconds,
      logBytes: sizeOf(log, `${log}-wal`),
      history: {
        seconds: historySeconds,
        bytes: sizeOf(historyFile, `${historyFile}-wal`),
        siteDays,
      },
      from,
      to,
    };
  } finally {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const r = await benchBackfill(arg('--from') ?? DEFAULT_FROM, arg('--to') ?? DEFAULT_TO);
  console.log(
    `backfill ${r.from} → ${r.to}: ${r.events.toLocaleString('en')} events in ${r.seconds.toFixed(1)} s ` +
      `(cpu ${r.cpuSeconds.toFixed(1)} s, ${Math.round(r.eventsPerSecond).toLocaleString('en')} events/s), ` +
      `log ${(r.logBytes / 1e6).toFixed(0)} MB; sensor history ${r.history.siteDays.toLocaleString('en')} ` +
      `site-days in ${r.history.seconds.toFixed(1)} s, ${(r.history.bytes / 1e6).toFixed(0)} MB`,
  );
}
