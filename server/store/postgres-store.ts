import pg from 'pg';
import type { IocEvent, LoggedEvent } from '../../protocol';
import { decodeSnapshot, encodeSnapshot } from './snapshot-format';
import { dedupeKey } from '../../protocol/dedupe-key';
import type {
  AppendOutcome,
  AppendResult,
  DailyAggregateRow,
  EventStore,
  FoldStart,
  TimeRangeFilter,
} from './event-store';
import { migrate, quoteIdent } from './postgres-migrations';
import {
  pgSiteDailyParams,
  PG_SITE_DAILY_UPSERT,
  siteDailyIncrements,
  siteDailyWhere,
  SITE_DAILY_SELECT,
  type SiteDailyRow,
} from './site-daily';
import { appendChannel, listenForAppends } from './postgres-listen';
import { componentLogger } from '../log/logger';

/** The PostgreSQL log, plus the wake-up feed that lets every node tail what any node appended. */
export interface PostgresStore extends EventStore {
  /** Calls `onSeq` with the new head seq after each append committed by any node; returns the unsubscriber. */
  watchAppends(onSeq: (headSeq: number) => void): () => void;
}

export interface PostgresStoreOptions {
  /** Schema holding the tables (created if missing); tests use one per run. Default `public`. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
}

/** int8 and numeric come back as numbers: every seq and ms value here is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Row = { seq: number; body: IocEvent };
const toLogged = (row: Row): LoggedEvent => ({ ...row.body, seq: row.seq });
const keyOf = (source: string, id: string) => `${source}\u0000${id}`;

/** Events handed to the reader at a time by the server-side cursor of a time-range read. */
const CURSOR_PAGE = 2000;

/** The SQL condition and parameters of a time-range filter, numbered from $1. */
function rangeWhere(filter: TimeRangeFilter): { sql: string; params: unknown[] } {
  const where = ['ts_ms >= $1', 'ts_ms < $2'];
  const params: unknown[] = [filter.fromMs, filter.toMs];
  if (filter.stream) where.push(`stream = $${params.push(filter.stream)}`);
  if (filter.afterSeq !== undefined) where.push(`seq > $${params.push(filter.afterSeq)}`);
  if (filter.areas) where.push(`area = ANY($${params.push([...filter.areas])}::text[])`);
  return { sql: where.join(' AND '), params };
}

/**
 * A fold's read (see the SQLite store): the time range from the snapshot's latest time, through the BRIN index
 * on ts_ms (events arrive close to time order), plus the late events after the snapshot by their primary key.
 */
const FOLD_RANGE = `
SELECT seq, body FROM events WHERE ts_ms >= $1 AND ts_ms <= $2 AND seq > $3
UNION ALL
SELECT e.seq, e.body FROM late_events l JOIN events e ON e.seq = l.seq WHERE l.seq > $3 AND l.ts_ms < $1
ORDER BY seq`;

/**
 * A pooled client for several queries. A connection lost while the client is checked out but between two queries
 * (a transaction's own work, a cursor waiting for its reader) makes the client emit 'error', and the pool listens
 * only to idle clients: unheard, that is an uncaught exception and the process dies with the database. Heard
 * here, the next query fails instead, and the release hands the error on so the pool drops the broken client.
 */
async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const c = await pool.connect();
  let lost: Error | undefined;
  const onError = (err: Error) => void (lost = err);
  c.on('error', onError);
  const release = c.release.bind(c);
  c.release = (err?: Error | boolean) => {
    c.removeListener('error', onError);
    release(err ?? lost);
  };
  return c;
}

export async function openPostgresStore(
  url: string,
  opts: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const schema = opts.schema ?? 'public';
  const channel = appendChannel(schema);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 8,
    types,
    options: `-c search_path=${quoteIdent(schema)}`,
  });
  // An idle client that loses its connection must not crash the process: the pool replaces it.
  pool.on('error', (err) => componentLogger('postgres').error({ err }, 'postgres pool'));
  const first = await pool.connect().catch((err: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${err.message}`);
  });
  try {
    await migrate(first, schema);
  } finally {
    first.release();
  }

  const tx = async <T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const c = await checkout(pool);
    try {
      await c.query('BEGIN');
      const out = await work(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  };

  const listeners = new Set<(seq: number) => void>();
  let stopListening: (() => Promise<void>) | null = null;

  return {
    append: (events, aggregate) =>
      events.length === 0
        ? Promise.resolve({ outcomes: [], accepted: [] })
        : tx(async (c): Promise<AppendResult> => {
            // The row lock on the head serialises appends of every node until commit: seqs are gap-free and
            // become visible in seq order.
            const locked = await c.query<{ seq: number; max_ts_ms: number | null }>(
              'SELECT seq, max_ts_ms FROM log_head FOR UPDATE',
            );
            const head = locked.rows[0]!.seq;
            // What other nodes appended that this node's state has not taken yet, for the aggregates.
            const seen = aggregate?.seenSeq?.() ?? head;
            const missed =
              seen < head
                ? (
                    await c.query<Row>(
                      'SELECT seq, body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq',
                      [seen, head],
                    )
                  ).rows.map(toLogged)
                : [];
            let highWaterTsMs = locked.rows[0]!.max_ts_ms ?? Number.NEGATIVE_INFINITY;
            // source/id columns hold the dedupe key (a COVID report is one per area and day, whoever sends it).
            const keys = events.map(dedupeKey);
            const known = await c.query<{ source: string; id: string; seq: number }>(
              `SELECT e.source, e.id, e.seq FROM events e
               JOIN unnest($1::text[], $2::text[]) AS k(source, id) ON e.source = k.source AND e.id = k.id`,
              [keys.map((k) => k.source), keys.map((k) => k.id)],
            );
            const seqOf = new Map(known.rows.map((r) => [keyOf(r.source, r.id), r.seq]));
            const outcomes: AppendOutcome[] = [];
            const accepted: LoggedEvent[] = [];
            const acceptedKeys: { source: string; id: string }[] = [];
            const late: { seq: number; tsMs: number }[] = [];
            let next = head;
            events.forEach((e, i) => {
              const key = keyOf(keys[i]!.source, keys[i]!.id);
              const seq = seqOf.get(key);
              if (seq !== undefined) return void outcomes.push({ status: 'duplicate', seq });
              seqOf.set(key, ++next);
              if (e.tsMs < highWaterTsMs) late.push({ seq: next, tsMs: e.tsMs });
              else highWaterTsMs = e.tsMs;
              outcomes.push({ status: 'accepted', seq: next });
              accepted.push({ ...e, seq: next });
              acceptedKeys.push(keys[i]!);
            });
            if (accepted.length === 0) return { outcomes, accepted };
            await c.query(
              `INSERT INTO events (seq, source, id, stream, area, ts_ms, body)
               SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::json[])`,
              [
                accepted.map((e) => e.seq),
                acceptedKeys.map((k) => k.source),
                acceptedKeys.map((k) => k.id),
                accepted.map((e) => e.stream),
                accepted.map((e) => e.area),
                accepted.map((e) => e.tsMs),
                accepted.map(({ seq: _seq, ...e }) => JSON.stringify(e)),
              ],
            );
            if (late.length)
              await c.query(
                'INSERT INTO late_events (seq, ts_ms) SELECT * FROM unnest($1::bigint[], $2::bigint[])',
                [late.map((l) => l.seq), late.map((l) => l.tsMs)],
              );
            await c.query('UPDATE log_head SET seq = $1, max_ts_ms = $2', [next, highWaterTsMs]);
            const rows = aggregate ? aggregate(accepted, missed) : [];
            if (rows.length)
              await c.query(
                `INSERT INTO daily_metrics (metric, area, day, value, weight)
                 SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[])
                 ON CONFLICT (metric, area, day) DO UPDATE
                 SET value = daily_metrics.value + excluded.value, weight = daily_metrics.weight + excluded.weight`,
                [
                  rows.map((r) => r.metric),
                  rows.map((r) => r.area),
                  rows.map((r) => r.day),
                  rows.map((r) => r.value),
                  rows.map((r) => r.weight),
                ],
              );
            const siteDays = siteDailyIncrements(accepted);
            if (siteDays.length) await c.query(PG_SITE_DAILY_UPSERT, pgSiteDailyParams(siteDays));
            // Delivered at commit, to every node listening (including this one).
            await c.query('SELECT pg_notify($1, $2)', [channel, String(next)]);
            return { outcomes, accepted };
          }),

    lastSeq: async () => (await pool.query<{ seq: number }>('SELECT seq FROM log_head')).rows[0]!.seq,

    readAfter: async (afterSeq, limit) =>
      (
        await pool.query<Row>('SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2', [
          afterSeq,
          limit,
        ])
      ).rows.map(toLogged),

    async *iterateByTime(filter: TimeRangeFilter) {
      const { sql, params } = rangeWhere(filter);
      // A server-side cursor in a read-only snapshot: sorted once, read in pages, consistent while appends go on.
      const c = await checkout(pool);
      try {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        await c.query(
          `DECLARE range_cursor NO SCROLL CURSOR FOR
           SELECT seq, body FROM events WHERE ${sql} ORDER BY seq`,
          params,
        );
        for (;;) {
          const page = await c.query<Row>(`FETCH ${CURSOR_PAGE} FROM range_cursor`);
          for (const row of page.rows) yield toLogged(row);
          if (page.rows.length < CURSOR_PAGE) break;
        }
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
        c.release();
      }
    },

    countByTime: async (filter) => {
      const { sql, params } = rangeWhere(filter);
      return (await pool.query<{ n: number }>(`SELECT count(*) AS n FROM events WHERE ${sql}`, params))
        .rows[0]!.n;
    },

    async *foldRange(from: FoldStart, toMs: number, pageSize: number) {
      const c = await checkout(pool);
      try {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        // A cursor is planned for its first 10 % of rows by default, which can favour walking the seq-ordered
        // primary key to the end of the log; the whole range is read, so plan for all of it.
        await c.query('SET LOCAL cursor_tuple_fraction = 1');
        await c.query(`DECLARE fold_cursor NO SCROLL CURSOR FOR ${FOLD_RANGE}`, [
          from.maxTsMs,
          toMs,
          from.seq,
        ]);
        for (;;) {
          const page = await c.query<Row>(`FETCH ${Math.max(1, Math.floor(pageSize))} FROM fold_cursor`);
          if (page.rows.length) yield page.rows.map(toLogged);
          if (page.rows.length < pageSize) break;
        }
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
        c.release();
      }
    },

    dailyAggregates: async (metric, area, fromDay, toDay) =>
      (
        await pool.query<DailyAggregateRow>(
          `SELECT metric, area, day, value, weight FROM daily_metrics
           WHERE metric = $1 AND area = $2 AND day >= $3 AND day < $4 ORDER BY day`,
          [metric, area, fromDay, toDay],
        )
      ).rows,

    siteDaily: async (kinds, fromDay, toDay) =>
      (
        await pool.query<SiteDailyRow>(
          `${SITE_DAILY_SELECT} ${siteDailyWhere(kinds, (i) => `$${i}`)} ORDER BY day, site_id, kind`,
          [fromDay, toDay, ...kinds],
        )
      ).rows,

    siteDailySpan: async (kinds) => {
      const row = (
        await pool.query<{ from: string | null; to: string | null }>(
          `SELECT min(day) AS "from", max(day) AS "to" FROM site_daily ${siteDailyWhere(kinds, (i) => `$${i}`)}`,
          ['0000-01-01', '9999-12-31', ...kinds],
        )
      ).rows[0];
      return row?.from && row.to ? { from: row.from, to: row.to } : null;
    },

    lastEventTsMs: async (stream, source) =>
      (
        await pool.query<{ ts: number | null }>(
          source
            ? 'SELECT max(ts_ms) AS ts FROM events WHERE stream = $1 AND source = $2'
            : 'SELECT max(ts_ms) AS ts FROM events WHERE stream = $1',
          source ? [stream, source] : [stream],
        )
      ).rows[0]!.ts,

    eventsOfDossier: async (code) =>
      (
        await pool.query<Row>(
          `SELECT seq, body FROM events WHERE stream = 'dossier' AND id = ANY($1::text[]) ORDER BY seq`,
          [[`${code}:submitted`, `${code}:resolved`, `${code}:paid`]],
        )
      ).rows
        .map(toLogged)
        .filter((e) => e.stream === 'dossier' && e.dossierCode === code),

    // Seqs are gap-free from 1, so the head is the count without scanning the table.
    countEvents: async () => (await pool.query<{ seq: number }>('SELECT seq FROM log_head')).rows[0]!.seq,

    saveSnapshot: async (state, maxTsMs) =>
      void (await pool.query(
        `INSERT INTO snapshots (seq, max_ts_ms, body) VALUES ($1, $2, $3::json)
         ON CONFLICT (seq) DO UPDATE SET max_ts_ms = excluded.max_ts_ms, body = excluded.body`,
        [state.seq, maxTsMs, JSON.stringify(encodeSnapshot(state))],
      )),

    latestSnapshot: async (maxTsMs = Number.MAX_SAFE_INTEGER) => {
      const row = (
        await pool.query<{ seq: number; max_ts_ms: number; body: unknown }>(
          'SELECT seq, max_ts_ms, body FROM snapshots WHERE max_ts_ms <= $1 ORDER BY max_ts_ms DESC, seq DESC LIMIT 1',
          [maxTsMs],
        )
      ).rows[0];
      return row ? { seq: row.seq, maxTsMs: row.max_ts_ms, state: decodeSnapshot(row.body) } : null;
    },

    watchAppends(onSeq) {
      listeners.add(onSeq);
      stopListening ??= listenForAppends(url, schema, (seq) => {
        for (const l of listeners) l(seq);
      });
      return () => void listeners.delete(onSeq);
    },

    close: async () => {
      await stopListening?.();
      await pool.end();
    },
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
