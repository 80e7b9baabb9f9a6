import {
  applyEvents,
  emptyDashboardState,
  type AreaRollup,
  type DashboardState,
  type LoggedEvent,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

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
}

/** Events folded at a time by a seek: one page in memory, whatever the distance to the snapshot. */
const FOLD_PAGE = 5000;

const maxTs = (events: readonly LoggedEvent[], from: number) =>
  events.reduce((m, e) => Math.max(m, e.tsMs), from);

/** Rebuilds the state from the newest snapshot plus the events after it, then keeps it up to date. */
export async function createStateEngine(
  store: EventStore,
  rollup: AreaRollup,
  policy: SnapshotPolicy = DEFAULT_SNAPSHOT_POLICY,
): Promise<StateEngine> {
  const snap = await store.latestSnapshot();
  let state = snap?.state ?? emptyDashboardState();
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
      .catch((err) => console.error('snapshot failed', err));
    return saving;
  };
  const apply = (events: readonly LoggedEvent[]) => {
    state = applyEvents(state, events, rollup);
    stateMaxTs = maxTs(events, stateMaxTs);
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
      const from = await store.latestSnapshot(atMs);
      let s = from?.state ?? emptyDashboardState();
      const start = from ?? { seq: 0, maxTsMs: Number.MIN_SAFE_INTEGER };
      for await (const page of store.foldRange(start, atMs, FOLD_PAGE)) s = applyEvents(s, page, rollup);
      return s;
    },
  };
}
