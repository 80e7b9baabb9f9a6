import Database from 'better-sqlite3';
import { dedupeKey } from '../../protocol/dedupe-key';
import type { IocEvent, LoggedEvent, StreamName } from '../../protocol';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format';
import { SQLITE_SYNC_LEVELS, type SqliteSync } from './sqlite-sync';
import type {
  Aggregator,
  AppendOutcome,
  AppendResult,
  DailyAggregateRow,
  EventStore,
  FoldStart,
  TimeRangeFilter,
} from './event-store';
import {
  ensureSqliteSiteDaily,
  siteDailyIncrements,
  siteDailyWhere,
  SITE_DAILY_SELECT,
  SQLITE_SITE_DAILY,
  type SiteDailyRow,
} from './site-daily';

const SCHEMA = `
-- source/id hold the dedupe key (protocol/dedupe-key.ts): the sender's for most events, the area and day for a
-- COVID report; the event as sent, with its own source and id, is the body.
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  stream TEXT NOT NULL,
  area TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (source, id)
);
CREATE INDEX IF NOT EXISTS events_stream_ts ON events (stream, ts_ms);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts_ms);
CREATE INDEX IF NOT EXISTS events_dossier_id ON events (id) WHERE stream = 'dossier';
CREATE TABLE IF NOT EXISTS daily_metrics (
  metric TEXT NOT NULL,
  area TEXT NOT NULL,
  day TEXT NOT NULL,
  value REAL NOT NULL,
  weight REAL NOT NULL,
  PRIMARY KEY (metric, area, day)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY,
  max_ts_ms INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_ts ON snapshots (max_ts_ms);
-- Events appended with a time before the latest one already logged (a late reading, an import of the past).
-- A fold from a snapshot reads the time index from the snapshot's latest time on, which misses exactly these.
CREATE TABLE IF NOT EXISTS late_events (
  seq INTEGER PRIMARY KEY,
  ts_ms INTEGER NOT NULL
);
`;

/** Lists the late events of a log written before late_events existed (once, when the table is created). */
const BACKFILL_LATE = `
INSERT OR IGNORE INTO late_events (seq, ts_ms)
SELECT seq, ts_ms FROM (
  SELECT seq, ts_ms, max(ts_ms) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
  FROM events
) WHERE ts_ms < prev_max
`;

/**
 * A fold's read: the time index from the snapshot's latest time to the instant (SQLite's index on ts_ms carries
 * the rowid, so it is the (ts_ms, seq) index the filter needs), and the late events after the snapshot by
 * their own primary key. Named index and CROSS JOIN (SQLite keeps that join order): without statistics the
 * planner takes the seq > ? rowid range of events, which walks to the end of the log (EXPLAIN QUERY PLAN).
 */
const FOLD_RANGE = `
SELECT seq, body FROM events INDEXED BY events_ts WHERE ts_ms >= ? AND ts_ms <= ? AND seq > ?
UNION ALL
SELECT e.seq, e.body FROM late_events l CROSS JOIN events e ON e.seq = l.seq WHERE l.seq > ? AND l.ts_ms < ?
ORDER BY seq
`;

/**
 * `byRowid` writes the columns as `+col`, which keeps SQLite off their indexes: a page of a range reads a short
 * stretch of the primary key, where the time index would read (and sort) the whole range once per page.
 */
function rangeWhere(filter: TimeRangeFilter, byRowid = false): { sql: string; params: (string | number)[] } {
  const col = (name: string) => (byRowid ? `+${name}` : name);
  const where = [`${col('ts_ms')} >= ?`, `${col('ts_ms')} < ?`];
  const params: (string | number)[] = [filter.fromMs, filter.toMs];
  if (filter.stream) {
    where.push(`${col('stream')} = ?`);
    params.push(filter.stream);
  }
  if (filter.afterSeq !== undefined) {
    where.push('seq > ?');
    params.push(filter.afterSeq);
  }
  if (filter.areas) {
    where.push(`area IN (${filter.areas.map(() => '?').join(',') || 'NULL'})`);
    params.push(...filter.areas);
  }
  return { sql: where.join(' AND '), params };
}

/** Seqs one page of `iterateByTime` covers: a few milliseconds of reading between two turns of the event loop. */
const RANGE_PAGE_SEQS = 2000;

/**
 * The embedded event log. WAL with `synchronous = FULL` (the default; `SQLITE_SYNC`): a transaction that
 * returned is on disk, so an acknowledged event survives a crash of the process or of the machine.
 */
export function openSqliteStore(file: string, opts: { synchronous?: SqliteSync } = {}): EventStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Checked again here, as this string is spliced into a pragma: only SQLite's own words get through.
  const synchronous = SQLITE_SYNC_LEVELS.find((l) => l === (opts.synchronous ?? 'FULL'));
  if (!synchronous) throw new Error(`synchronous must be one of ${SQLITE_SYNC_LEVELS.join(', ')}`);
  db.pragma(`synchronous = ${synchronous}`);
  // The (source, id) and time indexes take random inserts: with SQLite's 2 MB default cache a multi-million
  // event log re-reads index pages on every append. 64 MB keeps them resident (the backfill profile's top cost).
  db.pragma('cache_size = -65536');
  // Checkpoint every ~40 MB of WAL instead of 4 MB: fewer checkpoints (each one an fsync of the database file)
  // during a backfill; readers and durability are unaffected.
  db.pragma('wal_autocheckpoint = 10000');
  const hadLateTable = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'late_events'").get();
  db.exec(SCHEMA);
  ensureSqliteSiteDaily(db);
  if (!hadLateTable) db.exec(BACKFILL_LATE);
  // Long reads (NDJSON export, series) run on their own connection: a better-sqlite3 connection that is
  // iterating cannot write, and WAL lets this reader see a consistent snapshot while appends go on.
  const readDb = new Database(file, { readonly: true });

  const insert = db.prepare(
    'INSERT OR IGNORE INTO events (source, id, stream, area, ts_ms, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const findSeq = db.prepare<[string, string], { seq: number }>(
    'SELECT seq FROM events WHERE source = ? AND id = ?',
  );
  const addAggregate = db.prepare(
    `INSERT INTO daily_metrics (metric, area, day, value, weight) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (metric, area, day) DO UPDATE SET value = value + excluded.value, weight = weight + excluded.weight`,
  );
  const addSiteDay = db.prepare(SQLITE_SITE_DAILY.upsert);
  const addLate = db.prepare('INSERT INTO late_events (seq, ts_ms) VALUES (?, ?)');
  // The latest event time in the log: an append below it is late. Kept here, as this process is the only
  // writer; a rolled-back append can leave it too high, which only lists a few extra events as late.
  let highWaterTsMs =
    db.prepare<[], { ts: number | null }>('SELECT max(ts_ms) AS ts FROM events').get()?.ts ??
    Number.NEGATIVE_INFINITY;
  const foldRange = readDb.prepare<[number, number, number, number, number]>(FOLD_RANGE).raw();
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
  const after = db.prepare<[number, number], { seq: number; body: string }>(
    'SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const aggregates = db.prepare<[string, string, string, string], DailyAggregateRow>(
    'SELECT metric, area, day, value, weight FROM daily_metrics WHERE metric = ? AND area = ? AND day >= ? AND day < ? ORDER BY day',
  );
  const lastTs = db.prepare<[string], { ts: number | null }>(
    'SELECT max(ts_ms) AS ts FROM events WHERE stream = ?',
  );
  const lastTsBySource = db.prepare<[string, string], { ts: number | null }>(
    'SELECT max(ts_ms) AS ts FROM events WHERE stream = ? AND source = ?',
  );
  const putSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, max_ts_ms, body) VALUES (?, ?, ?)');
  const getSnapshot = db.prepare<[number], { seq: number; max_ts_ms: number; body: string }>(
    // Ordered as the index is (snapshots' times grow with their seqs): one index step, where ORDER BY seq alone
    // sorted every older snapshot, bodies included.
    'SELECT seq, max_ts_ms, body FROM snapshots WHERE max_ts_ms <= ? ORDER BY max_ts_ms DESC, seq DESC LIMIT 1',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events');
  // Named, because with no statistics SQLite may pick events_stream_ts and scan every dossier event;
  // `stream = 'dossier'` spelled out is what lets it use the partial index.
  const ofDossier = db.prepare<[string, string, string], { seq: number; body: string }>(
    "SELECT seq, body FROM events INDEXED BY events_dossier_id WHERE stream = 'dossier' AND id IN (?, ?, ?) ORDER BY seq",
  );

  const appendTx = db.transaction((events: readonly IocEvent[], aggregate?: Aggregator): AppendResult => {
    const outcomes: AppendOutcome[] = [];
    const accepted: LoggedEvent[] = [];
    for (const e of events) {
      const body = JSON.stringify(e);
      const key = dedupeKey(e);
      const r = insert.run(key.source, key.id, e.stream, e.area, e.tsMs, body);
      if (r.changes === 1) {
        const seq = Number(r.lastInsertRowid);
        if (e.tsMs < highWaterTsMs) addLate.run(seq, e.tsMs);
        else highWaterTsMs = e.tsMs;
        outcomes.push({ status: 'accepted', seq });
        accepted.push({ ...e, seq });
      } else {
        outcomes.push({ status: 'duplicate', seq: findSeq.get(key.source, key.id)!.seq });
      }
    }
    if (aggregate && accepted.length) {
      for (const row of aggregate(accepted))
        addAggregate.run(row.metric, row.area, row.day, row.value, row.weight);
    }
    for (const r of siteDailyIncrements(accepted))
      addSiteDay.run(r.day, r.siteId, r.kind, r.area, r.unit, r.lon, r.lat, r.n, r.sum, r.min, r.max);
    return { outcomes, accepted };
  });

  const toLogged = (row: { seq: number; body: string }): LoggedEvent => ({
    ...(JSON.parse(row.body) as IocEvent),
    seq: row.seq,
  });

  return {
    append: async (events, aggregate) =>
      events.length ? appendTx(events, aggregate) : { outcomes: [], accepted: [] },
    lastSeq: async () => maxSeq.get()?.seq ?? 0,
    readAfter: async (afterSeq, limit) => after.all(afterSeq, limit).map(toLogged),
    async *iterateByTime(filter: TimeRangeFilter) {
      // A statement left iterating would make the read connection busy for every other query, and a single
      // query over a long range runs without a pause: read in short pages of seqs instead, each one query,
      // and give the event loop a turn between pages. The range's seqs are fixed first, so what is appended
      // meanwhile (always above them) stays out, as a single snapshot would keep it.
      // Bounded without the area filter: the time indexes alone answer it, and a wider span only adds pages.
      const { areas: _areas, ...unfiltered } = filter;
      const span = rangeWhere(unfiltered);
      const bounds = readDb
        .prepare<unknown[], { lo: number | null; hi: number | null; n: number }>(
          `SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM events WHERE ${span.sql}`,
        )
        .get(...span.params);
      if (bounds?.lo == null || bounds.hi == null) return;
      // A short range (a replay tick, a step) is one read through the time index, whatever seqs it spans: a late
      // event far from the others would otherwise cost every page between them.
      if (bounds.n <= RANGE_PAGE_SEQS) {
        const { sql, params } = rangeWhere(filter);
        const rows = readDb
          .prepare<unknown[], { seq: number; body: string }>(
            `SELECT seq, body FROM events WHERE ${sql} ORDER BY seq`,
          )
          .all(...params);
        for (const row of rows) yield toLogged(row);
        return;
      }
      const { sql, params } = rangeWhere(filter, true);
      const page = readDb.prepare<unknown[], { seq: number; body: string }>(
        `SELECT seq, body FROM events WHERE seq > ? AND seq <= ? AND ${sql} ORDER BY seq`,
      );
      for (let after = bounds.lo - 1; after < bounds.hi; after += RANGE_PAGE_SEQS) {
        for (const row of page.all(after, Math.min(after + RANGE_PAGE_SEQS, bounds.hi), ...params))
          yield toLogged(row);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    countByTime: async (filter) => {
      const { sql, params } = rangeWhere(filter);
      return readDb
        .prepare<unknown[], { n: number }>(`SELECT count(*) AS n FROM events WHERE ${sql}`)
        .get(...params)!.n;
    },
    async *foldRange(from: FoldStart, toMs: number, pageSize: number) {
      let page: LoggedEvent[] = [];
      // Rows as arrays and the seq set on the parsed body: this loop is most of a seek's cost.
      for (const [seq, body] of foldRange.iterate(
        from.maxTsMs,
        toMs,
        from.seq,
        from.seq,
        from.maxTsMs,
      ) as Iterable<[number, string]>) {
        const e = JSON.parse(body) as LoggedEvent;
        e.seq = seq;
        page.push(e);
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },
    dailyAggregates: async (metric, area, fromDay, toDay) => aggregates.all(metric, area, fromDay, toDay),
    siteDaily: async (kinds, fromDay, toDay) =>
      db
        .prepare<unknown[], SiteDailyRow>(
          `${SITE_DAILY_SELECT} ${siteDailyWhere(kinds, () => '?')} ORDER BY day, site_id, kind`,
        )
        .all(fromDay, toDay, ...kinds),
    siteDailySpan: async (kinds) => {
      const row = db
        .prepare<unknown[], { from: string | null; to: string | null }>(
          `SELECT min(day) AS "from", max(day) AS "to" FROM site_daily ${siteDailyWhere(kinds, () => '?')}`,
        )
        .get('0000-01-01', '9999-12-31', ...kinds);
      return row?.from && row.to ? { from: row.from, to: row.to } : null;
    },
    lastEventTsMs: async (stream: StreamName, source?: string) =>
      (source ? lastTsBySource.get(stream, source) : lastTs.get(stream))?.ts ?? null,
    countEvents: async () => count.get()!.n,
    eventsOfDossier: async (code) =>
      ofDossier
        .all(`${code}:submitted`, `${code}:resolved`, `${code}:paid`)
        .map(toLogged)
        .filter((e) => e.stream === 'dossier' && e.dossierCode === code),
    saveSnapshot: async (state, maxTsMs) =>
      void putSnapshot.run(state.seq, maxTsMs, JSON.stringify(encodeSnapshot(state))),
    latestSnapshot: async (maxTsMs = Number.MAX_SAFE_INTEGER) => {
      const row = getSnapshot.get(maxTsMs);
      return row
        ? { seq: row.seq, maxTsMs: row.max_ts_ms, state: decodeSnapshot(JSON.parse(row.body)) }
        : null;
    },
    close: async () => {
      readDb.close();
      db.close();
    },
  };
}
