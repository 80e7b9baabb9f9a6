/*
 * Event log append rate: the SQLite EventStore (with the daily aggregates, as ingest calls it) against raw
 * better-sqlite3 inserts of the same rows into the same table and indexes, one transaction per batch, in the
 * same run. `npx tsx bench/store-append.ts [events]`
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IocEvent } from '../protocol';
import { SCHEMATIC_2021, SENSOR_SITES } from '../geo';
import { makeRollup } from '../geo/areas';
import { dailyIncrements } from '../server/ingest/daily-aggregates';
import { openSqliteStore } from '../server/store/sqlite-store';
import { createSimulation } from '../simulators/plan';

export interface StoreAppendFigure {
  events: number;
  batch: number;
  storePerSecond: number;
  storeNoAggregatesPerSecond: number;
  rawPerSecond: number;
  ratio: number;
}

const BATCH = 1000;

/** Real plan events (dossiers of a busy month, then sensor readings), so rows have realistic sizes and keys. */
function planEvents(count: number): IocEvent[] {
  const to = Date.parse('2021-08-01T08:00:00+07:00');
  const sim = createSimulation({ seed: 2021, sites: SENSOR_SITES, sensorHistoryFromMs: to - 2 * 3600_000 });
  const out: IocEvent[] = [];
  for (let a = Date.parse('2021-03-01T00:00:00+07:00'); out.length < count && a < to; a += 86_400_000)
    for (const e of sim.eventsBetween(a, Math.min(a + 86_400_000, to))) out.push(e);
  return out.slice(0, count);
}

function timeIt(run: () => void): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

/** The same table and indexes as the store (read from its file), inserted with plain prepared statements. */
function rawInsert(schemaFrom: string, file: string, events: IocEvent[]): number {
  const src = new Database(schemaFrom, { readonly: true });
  const ddl = src
    .prepare<[], { sql: string }>(
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL",
    )
    .all();
  src.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const { sql } of ddl) db.exec(sql);
  const insert = db.prepare(
    'INSERT OR IGNORE INTO events (source, id, stream, area, ts_ms, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tx = db.transaction((batch: IocEvent[]) => {
    for (const e of batch) insert.run(e.source, e.id, e.stream, e.area, e.tsMs, JSON.stringify(e));
  });
  const s = timeIt(() => {
    for (let i = 0; i < events.length; i += BATCH) tx(events.slice(i, i + BATCH));
  });
  db.close();
  return s;
}

async function storeInsert(file: string, events: IocEvent[], aggregates: boolean): Promise<number> {
  const store = openSqliteStore(file);
  const rollup = makeRollup(SCHEMATIC_2021.areas);
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += BATCH)
    await store.append(
      events.slice(i, i + BATCH),
      aggregates ? (news) => dailyIncrements(news, rollup) : undefined,
    );
  const s = (performance.now() - t0) / 1000;
  await store.close();
  return s;
}

export async function benchStoreAppend(count = 200_000): Promise<StoreAppendFigure> {
  const events = planEvents(count);
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-store-'));
  try {
    // Alternated and repeated, best of two each: the machine is shared, and the first run warms the JIT.
    const runs = { store: [] as number[], bare: [] as number[], raw: [] as number[] };
    for (let k = 0; k < 2; k++) {
      runs.store.push(await storeInsert(path.join(dir, `store-${k}.sqlite`), events, true));
      runs.bare.push(await storeInsert(path.join(dir, `bare-${k}.sqlite`), events, false));
      runs.raw.push(rawInsert(path.join(dir, 'store-0.sqlite'), path.join(dir, `raw-${k}.sqlite`), events));
    }
    const rate = (xs: number[]) => events.length / Math.min(...xs);
    const storePerSecond = rate(runs.store);
    const rawPerSecond = rate(runs.raw);
    return {
      events: events.length,
      batch: BATCH,
      storePerSecond,
      storeNoAggregatesPerSecond: rate(runs.bare),
      rawPerSecond,
      ratio: storePerSecond / rawPerSecond,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchStoreAppend(Number(process.argv[2] ?? 200_000));
  const f = (x: number) => Math.round(x).toLocaleString('en');
  console.log(
    `store append: ${f(r.storePerSecond)} ev/s (${f(r.storeNoAggregatesPerSecond)} without aggregates), ` +
      `raw better-sqlite3 ${f(r.rawPerSecond)} ev/s, ratio ${r.ratio.toFixed(2)}`,
  );
}
