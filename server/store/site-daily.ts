import type Database from 'better-sqlite3';
import { vnDateKey, vnDayNumber, type IocEvent } from '../../protocol';

/**
 * One sensor site's readings of one kind on one Vietnam-time day: count, sum, min and max, so the daily mean
 * is `sum / n` and any range of days can be summarised without the readings. Position, area and unit are
 * those of the first reading logged that day (a site does not move).
 */
export interface SiteDailyRow {
  /** `YYYY-MM-DD`, Vietnam time. */
  day: string;
  siteId: string;
  kind: string;
  area: string;
  unit: string;
  lon: number;
  lat: number;
  n: number;
  sum: number;
  min: number;
  max: number;
}

/**
 * The site-day increments of a batch of newly logged events, one row per (day, site, kind) it touches: what
 * both stores add to `site_daily` in the append transaction. Why a table of its own and not `daily_metrics`:
 * those rows are keyed by area and summed on conflict, and min/max are not sums.
 */
export function siteDailyIncrements(events: readonly IocEvent[]): SiteDailyRow[] {
  const cells = new Map<string, SiteDailyRow>();
  let lastDayNumber = NaN;
  let day = '';
  for (const e of events) {
    if (e.stream !== 'sensor') continue;
    // Readings come roughly in time order: the day string is rarely rebuilt.
    const dayNumber = vnDayNumber(e.tsMs);
    if (dayNumber !== lastDayNumber) {
      lastDayNumber = dayNumber;
      day = vnDateKey(e.tsMs);
    }
    const key = day + '|' + e.siteId + '|' + e.kind;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, {
        day,
        siteId: e.siteId,
        kind: e.kind,
        area: e.area,
        unit: e.unit,
        lon: e.lonLat[0],
        lat: e.lonLat[1],
        n: 1,
        sum: e.value,
        min: e.value,
        max: e.value,
      });
      continue;
    }
    cell.n += 1;
    cell.sum += e.value;
    if (e.value < cell.min) cell.min = e.value;
    if (e.value > cell.max) cell.max = e.value;
  }
  return [...cells.values()];
}

/** Columns in the order of every statement below. */
const COLUMNS = 'day, site_id, kind, area, unit, lon, lat, n, sum, min, max';
/** Vietnam-time day of `ts_ms` by integer arithmetic (UTC+7, no daylight saving), as `vnDateKey` computes it. */
const SQLITE_DAY = `date((ts_ms + 25200000) / 86400000 * 86400, 'unixepoch')`;
const PG_DAY = `to_char(date '1970-01-01' + ((ts_ms + 25200000) / 86400000)::int, 'YYYY-MM-DD')`;

export const SQLITE_SITE_DAILY = {
  create: `CREATE TABLE site_daily (
    day TEXT NOT NULL, site_id TEXT NOT NULL, kind TEXT NOT NULL,
    area TEXT NOT NULL, unit TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL,
    n INTEGER NOT NULL, sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL,
    PRIMARY KEY (day, site_id, kind)
  ) WITHOUT ROWID`,
  // One pass over the logged readings; the per-reading columns are SQLite's bare columns of the group.
  backfill: `INSERT INTO site_daily (${COLUMNS})
    SELECT ${SQLITE_DAY}, json_extract(body, '$.siteId'), json_extract(body, '$.kind'), area,
      json_extract(body, '$.unit'), json_extract(body, '$.lonLat[0]'), json_extract(body, '$.lonLat[1]'),
      count(*), sum(json_extract(body, '$.value')), min(json_extract(body, '$.value')),
      max(json_extract(body, '$.value'))
    FROM events WHERE stream = 'sensor' GROUP BY 1, 2, 3`,
  upsert: `INSERT INTO site_daily (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (day, site_id, kind) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum,
      min = min(min, excluded.min), max = max(max, excluded.max)`,
};

/** The PostgreSQL migration step: the table, filled from the readings already logged. */
export const PG_SITE_DAILY_MIGRATION = `
  CREATE TABLE site_daily (
    day text NOT NULL, site_id text NOT NULL, kind text NOT NULL,
    area text NOT NULL, unit text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL,
    n bigint NOT NULL, sum double precision NOT NULL, min double precision NOT NULL, max double precision NOT NULL,
    PRIMARY KEY (day, site_id, kind)
  );
  INSERT INTO site_daily (${COLUMNS})
  SELECT ${PG_DAY}, body->>'siteId', body->>'kind', min(area), min(body->>'unit'),
    min((body->'lonLat'->>0)::float8), min((body->'lonLat'->>1)::float8),
    count(*), sum((body->>'value')::float8), min((body->>'value')::float8), max((body->>'value')::float8)
  FROM events WHERE stream = 'sensor' GROUP BY 1, 2, 3;
  `;

/** Adds a batch's increments, as arrays (one statement however many rows). */
export const PG_SITE_DAILY_UPSERT = `INSERT INTO site_daily (${COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
    $8::bigint[], $9::float8[], $10::float8[], $11::float8[])
  ON CONFLICT (day, site_id, kind) DO UPDATE SET n = site_daily.n + excluded.n,
    sum = site_daily.sum + excluded.sum, min = least(site_daily.min, excluded.min),
    max = greatest(site_daily.max, excluded.max)`;

export const pgSiteDailyParams = (rows: readonly SiteDailyRow[]) => [
  rows.map((r) => r.day),
  rows.map((r) => r.siteId),
  rows.map((r) => r.kind),
  rows.map((r) => r.area),
  rows.map((r) => r.unit),
  rows.map((r) => r.lon),
  rows.map((r) => r.lat),
  rows.map((r) => r.n),
  rows.map((r) => r.sum),
  rows.map((r) => r.min),
  rows.map((r) => r.max),
];

/** Reads of either engine return these column names. */
export const SITE_DAILY_SELECT = `SELECT day, site_id AS "siteId", kind, area, unit, lon, lat, n, sum, min, max
  FROM site_daily`;

/** Creates and fills `site_daily` in an existing SQLite log, once: the first start after an upgrade. */
export function ensureSqliteSiteDaily(db: Database.Database): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'site_daily'").get();
  if (exists) return;
  db.transaction(() => {
    db.exec(SQLITE_SITE_DAILY.create);
    db.exec(SQLITE_SITE_DAILY.backfill);
  })();
}

/** `day >= from AND day < to AND kind IN (…)` with placeholders of either engine. */
export function siteDailyWhere(kinds: readonly string[], placeholder: (i: number) => string): string {
  const inList = kinds.map((_k, i) => placeholder(i + 3)).join(', ') || 'NULL';
  return `WHERE day >= ${placeholder(1)} AND day < ${placeholder(2)} AND kind IN (${inList})`;
}
