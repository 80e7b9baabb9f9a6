import Database from 'better-sqlite3';
import { vnDayNumber } from '../../protocol';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Vietnam time is UTC+7 all year: day `d` starts at d·24 h − 7 h. */
const dayStart = (day: number) => day * DAY - 7 * HOUR;
/** Every simulated kind rounds to at most two decimals: float32 min/max are read back at that precision. */
const VALUE_SCALE = 100;
const HOURLY_FIELDS = 4;

/** One hour of one site: how many readings, their min, max and mean. */
export interface HourCell {
  /** Start of the hour, ms. */
  hourMs: number;
  count: number;
  min: number;
  max: number;
  mean: number;
}

/** What the history covers, in event time: [fromMs, toMs), of the plan of `seed`. */
export interface HistorySpan {
  fromMs: number;
  toMs: number;
  seed: number;
}

/**
 * Hourly summaries (count, min, max, mean) of every site's readings before the event log's own, one row per
 * site and day (24 × 4 float32, 384 bytes). A separate SQLite file, so the history backfill (a worker thread)
 * writes it without contending with the event log's writer; what it holds is a pure function of the
 * scenario's seed, so it is rebuilt rather than backed up.
 */
export interface SensorHistoryStore {
  span(): HistorySpan | null;
  setSpan(span: HistorySpan): void;
  /** Site-days already written, so an interrupted backfill resumes. */
  writtenDays(): Set<string>;
  writeHourly(rows: readonly { siteId: string; day: number; cells: Float64Array }[]): void;
  /** Hours of a site starting in [fromMs, toMs) that have readings, in time order. */
  hourly(siteId: string, fromMs: number, toMs: number): HourCell[];
  close(): void;
}

export const dayKey = (siteId: string, day: number) => `${siteId}|${day}`;

export function openSensorHistory(file: string, opts: { readonly?: boolean } = {}): SensorHistoryStore {
  const db = new Database(file, { readonly: opts.readonly ?? false });
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    // Rebuilt from the seed if lost: no fsync per commit.
    db.pragma('synchronous = OFF');
    db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS hourly_day (site_id TEXT NOT NULL, day INTEGER NOT NULL,
        body BLOB NOT NULL, PRIMARY KEY (site_id, day)) WITHOUT ROWID;`);
  }
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const hourlyRows = db.prepare<[string, number, number], { day: number; body: Buffer }>(
    'SELECT day, body FROM hourly_day WHERE site_id = ? AND day >= ? AND day <= ? ORDER BY day',
  );
  const insertHourly = opts.readonly
    ? null
    : db.prepare('INSERT OR REPLACE INTO hourly_day (site_id, day, body) VALUES (?, ?, ?)');

  return {
    span() {
      const v = getMeta.get('span');
      return v ? (JSON.parse(v.value) as HistorySpan) : null;
    },
    setSpan(span) {
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('span', JSON.stringify(span));
    },
    writtenDays() {
      const rows = db.prepare('SELECT site_id AS siteId, day FROM hourly_day').all() as {
        siteId: string;
        day: number;
      }[];
      return new Set(rows.map((r) => dayKey(r.siteId, r.day)));
    },
    writeHourly(rows) {
      db.transaction(() => {
        for (const r of rows) {
          const f = Float32Array.from(r.cells);
          insertHourly!.run(r.siteId, r.day, Buffer.from(f.buffer));
        }
      })();
    },
    hourly(siteId, fromMs, toMs) {
      const out: HourCell[] = [];
      if (!(toMs > fromMs)) return out;
      for (const row of hourlyRows.all(siteId, vnDayNumber(fromMs), vnDayNumber(toMs - 1))) {
        const f = new Float32Array(row.body.buffer, row.body.byteOffset, 24 * HOURLY_FIELDS);
        for (let h = 0; h < 24; h++) {
          const hourMs = dayStart(row.day) + h * HOUR;
          const count = Math.round(f[h * HOURLY_FIELDS]!);
          if (count === 0 || hourMs < fromMs || hourMs >= toMs) continue;
          const at = (i: number) => Math.round(f[h * HOURLY_FIELDS + i]! * VALUE_SCALE) / VALUE_SCALE;
          out.push({ hourMs, count, min: at(1), max: at(2), mean: f[h * HOURLY_FIELDS + 3]! });
        }
      }
      return out;
    },
    close() {
      db.close();
    },
  };
}
