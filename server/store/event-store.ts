import type { DashboardState, IocEvent, LoggedEvent, MetricName, StreamName } from '../../protocol';
import type { SiteDailyRow } from './site-daily';

export interface AppendResult {
  /** One per input event, in input order. */
  outcomes: AppendOutcome[];
  /** The events that were new, numbered, in seq order. */
  accepted: LoggedEvent[];
}

export type AppendOutcome = { status: 'accepted'; seq: number } | { status: 'duplicate'; seq: number };

export interface TimeRangeFilter {
  fromMs: number;
  toMs: number;
  stream?: StreamName;
  /** Only events whose area is one of these codes. */
  areas?: readonly string[];
  /** Only events with seq greater than this. */
  afterSeq?: number;
}

export interface DailyAggregateRow {
  metric: MetricName;
  area: string;
  /** Vietnam-time day, `YYYY-MM-DD`. */
  day: string;
  value: number;
  weight: number;
}

export interface StoredSnapshot {
  seq: number;
  /** Latest event time folded into the state. */
  maxTsMs: number;
  state: DashboardState;
}

/** Where a fold starts: a snapshot's seq and latest event time (no snapshot: 0 and MIN_SAFE_INTEGER). */
export interface FoldStart {
  seq: number;
  maxTsMs: number;
}

/**
 * The increments of `accepted`, computed from state the aggregator keeps (the live state's report ledger). On a
 * shared log another node may have appended just before this append, and this node not have taken those events
 * yet: a store that can tell (the PostgreSQL log, under its head lock) hands them over as `missed`, the events
 * after `seenSeq()` up to the head, so the aggregator folds them first and the increments follow the log's order.
 */
export interface Aggregator {
  (accepted: readonly LoggedEvent[], missed?: readonly LoggedEvent[]): DailyAggregateRow[];
  /** Seq of the last event the aggregator's state has taken. */
  seenSeq?: () => number;
}

/**
 * The append-only event log. Every method is asynchronous so that the embedded SQLite log and the PostgreSQL
 * log of the scale path are interchangeable; SQLite answers at once.
 * Appends are atomic per call: when `append` returns, every accepted event is
 * durable and numbered; duplicates (same source and id) keep their first sequence number.
 */
export interface EventStore {
  /**
   * Appends in one transaction. `aggregate` sees exactly the events that were new and returns the per-day
   * metric increments to add in the same transaction, so the aggregates can never disagree with the log.
   */
  append(events: readonly IocEvent[], aggregate?: Aggregator): Promise<AppendResult>;
  lastSeq(): Promise<number>;
  /** Events with seq > afterSeq in seq order, at most `limit`. */
  readAfter(afterSeq: number, limit: number): Promise<LoggedEvent[]>;
  /**
   * Events in [fromMs, toMs) by event time, in seq order, without holding them all in memory: read in pages
   * that each end with a turn of the event loop, so a long range never holds the server for its whole read.
   */
  iterateByTime(filter: TimeRangeFilter): AsyncIterableIterator<LoggedEvent>;
  /** Sums of the per-day metric aggregates for [fromDay, toDay) over the given areas. */
  dailyAggregates(
    metric: MetricName,
    area: string,
    fromDay: string,
    toDay: string,
  ): Promise<DailyAggregateRow[]>;
  /**
   * Per-site daily summaries of sensor readings of these kinds for [fromDay, toDay), ordered by day, site and
   * kind. Kept by the store itself in the append transaction (every accepted reading, with or without an
   * aggregator), and filled from the log when the table is first created.
   */
  siteDaily(kinds: readonly string[], fromDay: string, toDay: string): Promise<SiteDailyRow[]>;
  /** First and last day with a site summary of these kinds; null when there is none. */
  siteDailySpan(kinds: readonly string[]): Promise<{ from: string; to: string } | null>;
  lastEventTsMs(stream: StreamName, source?: string): Promise<number | null>;
  /**
   * The events of one dossier (its ids are `<code>:submitted|resolved|paid`, whatever the source), in seq
   * order; read through an index, so a citizen's lookup costs the same with ten or ten million dossiers.
   */
  eventsOfDossier(code: string): Promise<LoggedEvent[]>;
  countEvents(): Promise<number>;
  /** How many events `iterateByTime` would yield for this filter, counted in the store (an export's total). */
  countByTime(filter: TimeRangeFilter): Promise<number>;
  /**
   * What a fold from a snapshot to `toMs` needs: every event with seq > from.seq and tsMs ≤ toMs, in seq
   * order, in pages of at most `pageSize`. Read as a bounded range of the time index, [from.maxTsMs, toMs],
   * plus the log's late events (appended with a time before an earlier event's, which that range can miss):
   * the cost follows the events folded, not the position in the log. `from.maxTsMs` must be the latest event
   * time among seqs ≤ from.seq, as `StoredSnapshot.maxTsMs` is.
   */
  foldRange(from: FoldStart, toMs: number, pageSize: number): AsyncIterableIterator<LoggedEvent[]>;
  /** Stores the reduced state as of its `seq`, so a restart or a seek need not fold the whole log. */
  saveSnapshot(state: DashboardState, maxTsMs: number): Promise<void>;
  /**
   * The newest snapshot, or with `maxTsMs` the newest whose events all happened at or before that instant
   * (every event folded into it has tsMs ≤ its own maxTsMs).
   */
  latestSnapshot(maxTsMs?: number): Promise<StoredSnapshot | null>;
  close(): Promise<void>;
}
