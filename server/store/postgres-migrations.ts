import type { PoolClient } from 'pg';
import { PG_SITE_DAILY_MIGRATION } from './site-daily';

/**
 * The PostgreSQL schema, one step per version, applied in order inside one transaction on start.
 *
 * Choices (see docs/scaling.md):
 * - `events` is one table, not partitioned by month: PostgreSQL requires a unique constraint on a partitioned
 *   table to contain the partition key, so `UNIQUE (source, id)` (dedupe across all time) would be lost. Appends
 *   stay cheap because every index but one grows at its right edge (seq, ts_ms roughly in time order).
 * - BRIN on `ts_ms`: events arrive close to time order, so a block range index of a few pages answers
 *   time-range scans for a fraction of a B-tree's size and write cost. B-tree on `(stream, ts_ms)` for per-stream
 *   reads and "last event of a stream" (health, resume).
 * - `log_head` is a one-row counter updated in each append transaction: it is the lock that serialises appends
 *   across nodes, so seqs are global and gap-free and commit order equals seq order (a reader that sees seq n
 *   sees every seq below it, which lets every node tail the log by seq).
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE log_head (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq bigint NOT NULL
  );
  INSERT INTO log_head (seq) VALUES (0);
  CREATE TABLE events (
    seq bigint PRIMARY KEY,
    source text NOT NULL,
    id text NOT NULL,
    stream text NOT NULL,
    area text NOT NULL,
    ts_ms bigint NOT NULL,
    body json NOT NULL,
    UNIQUE (source, id)
  );
  CREATE INDEX events_ts_brin ON events USING brin (ts_ms) WITH (pages_per_range = 32);
  CREATE INDEX events_stream_ts ON events (stream, ts_ms);
  CREATE INDEX events_dossier_id ON events (id) WHERE stream = 'dossier';
  CREATE TABLE daily_metrics (
    metric text NOT NULL,
    area text NOT NULL,
    day text NOT NULL,
    value double precision NOT NULL,
    weight double precision NOT NULL,
    PRIMARY KEY (metric, area, day)
  );
  CREATE TABLE snapshots (
    seq bigint PRIMARY KEY,
    max_ts_ms bigint NOT NULL,
    body json NOT NULL
  );
  CREATE INDEX snapshots_ts ON snapshots (max_ts_ms);
  `,
  // Per-site daily summaries of sensor readings (server/store/site-daily.ts), filled from the log.
  PG_SITE_DAILY_MIGRATION,
  // The cluster's scenario clock, published by the node that holds the scenario lease (server/cluster/scenario-lease.ts).
  `
  CREATE TABLE scenario_clock (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    scenario_ms bigint NOT NULL,
    real_ms bigint NOT NULL,
    speed double precision NOT NULL,
    holder text NOT NULL
  );
  `,
  // Late events (appended with a time before the latest already logged) are listed, so a seek's fold can read
  // the time range from its snapshot on plus these, instead of every event after the snapshot's seq
  // (docs/replay.md). log_head carries the latest time, under the same lock as the seq. The BRIN summarises
  // each block range as it fills: an unsummarised range matches every query, and a seek read the whole tail.
  `
  CREATE TABLE late_events (
    seq bigint PRIMARY KEY,
    ts_ms bigint NOT NULL
  );
  INSERT INTO late_events (seq, ts_ms)
  SELECT seq, ts_ms FROM (
    SELECT seq, ts_ms, max(ts_ms) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
    FROM events
  ) x WHERE ts_ms < prev_max;
  ALTER TABLE log_head ADD COLUMN max_ts_ms bigint;
  ALTER INDEX events_ts_brin SET (autosummarize = on);
  UPDATE log_head SET max_ts_ms = (SELECT max(ts_ms) FROM events);
  `,
];

/** The version whose step creates `site_daily` (tests drop it to check the backfill of an older log). */
export const SITE_DAILY_VERSION = MIGRATIONS.indexOf(PG_SITE_DAILY_MIGRATION) + 1;

/** An arbitrary constant: nodes starting together take turns migrating instead of racing. */
const MIGRATION_LOCK = 804_2021;

export async function migrate(client: PoolClient, schema: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY)');
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => r.version));
    for (let v = 1; v <= MIGRATIONS.length; v++) {
      if (applied.has(v)) continue;
      await client.query(MIGRATIONS[v - 1]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid PostgreSQL schema name "${name}"`);
  return `"${name}"`;
}
