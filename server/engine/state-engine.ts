import {
  applyEvents,
  DEFAULT_SOURCE_ORDER,
  emptyDashboardState,
  type Alert,
  outOfTime,
  vnDayStartMs,
  type AreaRollup,
  type EventTimeBounds,
  type DashboardState,
  type LoggedEvent,
} from '../../protocol';
import type { EventStore } from '../store/event-store';
import { componentLogger } from '../log/logger';

/**
 * When a snapshot is stored: after `everyEvents` events or `everyEventMs` of event time, whichever comes
 * first. Bounds the work of a restart and of a seek into the past (replay folds at most that much).
 */
export interface SnapshotPolicy {
  everyEvents: number;
  everyEventMs: number;
}

// 10 000 events: a seek folds 5 000 on average (half the p95 of 20 000 at 10M events, docs/replay.md), for
// ~700 snapshots of ~110 KB per 10M events, 2 % of the log. The 7 days bound a quiet log's restart and seeks.
export const DEFAULT_SNAPSHOT_POLICY: SnapshotPolicy = { everyEvents: 10_000, everyEventMs: 7 * 86_400_000 };

/** The live reduced state, kept equal to "every event in the log, folded in seq order". */
export interface StateEngine {
  readonly state: DashboardState;
  apply(events: readonly LoggedEvent[]): void;
  /** The state as at an instant: every event with tsMs ≤ atMs, folded in seq order. */
  stateAt(atMs: number): Promise<DashboardState>;
  /** Stores a snapshot now (on shutdown, after a backfill). */
  snapshot(): Promise<void>;
  /**
   * Every alarm of the log that was open at `fromMs` or written (raised or changed) up to `toMs`, each as it
   * stood at `toMs`: the alarm report's input, folded by the same reducers as live and replay, without the
   * bound of the state's ring of recent alarms.
   */
  alarmsBetween(fromMs: number, toMs: number): Promise<Alert[]>;
}

/** Events folded at a time by a seek: one page in memory, whatever the distance to the snapshot. */
const FOLD_PAGE = 5000;

/** Newest event time among the events the fold took: a skipped one must not date the snapshot either. */
const maxTs = (events: readonly LoggedEvent[], from: number, bounds: EventTimeBounds | undefined) =>
  events.reduce((m, e) => (bounds && outOfTime(e, bounds) ? m : Math.max(m, e.tsMs)), from);

/**
 * The newest snapshot a fold up to `atMs` may start from. Within `bounds` only: one stored before event time was
 * bounded may carry a 2099 sensor clock or a COVID day 9999-12-31; the fold then starts earlier (or from the
 * start of the log), once, and the snapshots stored after it are clean.
 */
async function foldableSnapshot(
  store: EventStore,
  atMs: number | undefined,
  bounds: EventTimeBounds | undefined,
  order: readonly string[],
) {
  const limit = bounds ? Math.min(atMs ?? Number.MAX_SAFE_INTEGER, bounds.notAfterMs) : atMs;
  const snap = await store.latestSnapshot(limit);
  if (snap && !sameOrder(snap.state, order)) return null;
  return snap && bounds && !stateWithin(snap.state, bounds) ? null : snap;
}

/**
 * Whether a snapshot's reports follow this installation's source precedence. One stored before the report
 * ledger existed, or under another `SOURCE_ORDER`, counted other reports: the fold starts from the log's start
 * then (once; the snapshots stored after it carry the ledger).
 */
function sameOrder(state: DashboardState, order: readonly string[]): boolean {
  const held = state.reports?.order;
  return held !== undefined && held.length === order.length && held.every((p, i) => p === order[i]);
}

function stateWithin(state: DashboardState, bounds: EventTimeBounds): boolean {
  const max = bounds.notAfterMs;
  if ((state.alerts?.sensorClockMs ?? 0) > max) return false;
  if (Object.values(state.sites).some((s) => s.tsMs > max)) return false;
  return Object.values(state.areas).every(
    (a) =>
      Math.max(a.lastTsMs.dossier, a.lastTsMs.sensor, a.lastTsMs.covid) <= max &&
      (a.covid.lastDate === null || vnDayStartMs(a.covid.lastDate) <= max),
  );
}

/**
 * Rebuilds the state from the newest snapshot plus the events after it, then keeps it up to date. `foldBounds`
 * (read at each fold) is the span of event time folded; events of the log outside it are skipped, so an old
 * log that holds one dated 2099 does not poison the state on restart, on `stateAt` or in replay.
 */
export async function createStateEngine(
  store: EventStore,
  rollup: AreaRollup,
  policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY,
  foldBounds?: () => EventTimeBounds,
  /** Source precedence of the daily reports (`SOURCE_ORDER`); {@link DEFAULT_SOURCE_ORDER} when omitted. */
  sourceOrder: readonly string[] = DEFAULT_SOURCE_ORDER,
): Promise<StateEngine> {
  const snap = await foldableSnapshot(store, undefined, foldBounds?.(), sourceOrder);
  let state = snap?.state ?? emptyDashboardState(sourceOrder);
  let stateMaxTs = snap?.maxTsMs ?? 0;
  let sinceSnapshot = 0;
  let snapshotTs = stateMaxTs;
  let saving: Promise<void> = Promise.resolve();

  const snapshot = (): Promise<void> => {
    if (state.seq === 0) return saving;
    const [s, ts] = [state, stateMaxTs];
    sinceSnapshot = 0;
    snapshotTs = ts;
    // Snapshots are written one after another, in the order taken, off the ingest path.
    saving = saving
      .then(() => store.saveSnapshot(s, ts))
      .catch((err: unknown) => componentLogger('engine').error({ err }, 'snapshot failed'));
    return saving;
  };
  const apply = (events: readonly LoggedEvent[]) => {
    const bounds = foldBounds?.();
    state = applyEvents(state, events, rollup, bounds);
    stateMaxTs = maxTs(events, stateMaxTs, bounds);
    sinceSnapshot += events.length;
    if (snapshotTs === 0) snapshotTs = stateMaxTs; // the first events: event time starts counting there
    if (sinceSnapshot >= policy.everyEvents || stateMaxTs - snapshotTs >= policy.everyEventMs)
      void snapshot();
  };

  for (let chunk = await store.readAfter(state.seq, 20_000); chunk.length;) {
    apply(chunk);
    chunk = await store.readAfter(state.seq, 20_000);
  }

  return {
    get state() {
      return state;
    },
    apply,
    snapshot,
    async stateAt(atMs) {
      // A snapshot whose every event is at or before atMs is a valid start; the rest is a bounded range read.
      const from = await foldableSnapshot(store, atMs, foldBounds?.(), sourceOrder);
      let s = from?.state ?? emptyDashboardState(sourceOrder);
      const start = from ?? { seq: 0, maxTsMs: Number.MIN_SAFE_INTEGER };
      const bounds = foldBounds?.();
      for await (const page of store.foldRange(start, atMs, FOLD_PAGE))
        s = applyEvents(s, page, rollup, bounds);
      return s;
    },
    async alarmsBetween(fromMs, toMs) {
      const from = await foldableSnapshot(store, fromMs, foldBounds?.(), sourceOrder);
      const s = from?.state ?? emptyDashboardState(sourceOrder);
      const byId = new Map<string, Alert>(s.alerts.recent.map((a) => [a.id, a]));
      const start = from ?? { seq: 0, maxTsMs: Number.MIN_SAFE_INTEGER };
      const bounds = foldBounds?.();
      let folded = s;
      // toMs is exclusive for the report; the store's fold takes events at or before its instant.
      for await (const page of store.foldRange(start, toMs - 1, FOLD_PAGE))
        folded = applyEvents(folded, page, rollup, bounds, (a) => byId.set(a.id, a));
      return [...byId.values()];
    },
  };
}
