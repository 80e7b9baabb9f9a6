/*
 * The backfill `npm start` does on an empty store, timed: `npx tsx bench/backfill.ts [--from ISO] [--to ISO]`.
 * It builds the same app (store, engine, ingest, fan-out) and drives the same `backfill` and `appendPlanned` as
 * server/index.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMATIC_2021, SENSOR_SITES } from '../geo';
import { createApp } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite-store';
import { createSimulation } from '../simulators/plan';
import { backfill } from '../simulators/runner';

export interface BackfillFigure {
  events: number;
  seconds: number;
  cpuSeconds: number;
  eventsPerSecond: number;
  from: string;
  to: string;
}

export const DEFAULT_FROM = '2019-01-01T00:00:00+07:00';
export const DEFAULT_TO = '2021-08-01T08:00:00+07:00';
const SENSOR_HISTORY_MS = 6 * 3600_000;

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
    const events = await backfill(
      sim,
      fromMs,
      toMs,
      async (batch) => void (await app.ingest.appendPlanned(batch)),
    );
    await app.engine.snapshot();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      events,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      eventsPerSecond: events / seconds,
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
      `(cpu ${r.cpuSeconds.toFixed(1)} s, ${Math.round(r.eventsPerSecond).toLocaleString('en')} events/s)`,
  );
}
