import {
  applyEvents,
  emptyDashboardState,
  type AreaRollup,
  type DashboardState,
  type LoggedEvent,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

/** Events applied between two stored snapshots: bounds the work of a restart or a look into the past. */
export const SNAPSHOT_EVERY_EVENTS = 100_000;

/** The live reduced state, kept equal to "every event in the log, folded in seq order". */
export interface StateEngine {
  readonly state: DashboardState;
  apply(events: readonly LoggedEvent[]): void;
  /** The state as at an instant: every event with tsMs ≤ atMs, folded in seq order. */
  stateAt(atMs: number): DashboardState;
  /** Stores a snapshot now (on shutdown, after a backfill). */
  snapshot(): void;
}

const maxTs = (events: readonly LoggedEvent[], from: number) =>
  events.reduce((m, e) => Math.max(m, e.tsMs), from);

/** Rebuilds the state from the newest snapshot plus the events after it, then keeps it up to date. */
export function createStateEngine(store: EventStore, rollup: AreaRollup): StateEngine {
  const snap = store.latestSnapshot();
  let state = snap?.state ?? emptyDashboardState();
  let stateMaxTs = snap?.maxTsMs ?? 0;
  let sinceSnapshot = 0;

  const apply = (events: readonly LoggedEvent[]) => {
    state = applyEvents(state, events, rollup);
    stateMaxTs = maxTs(events, stateMaxTs);
    sinceSnapshot += events.length;
    if (sinceSnapshot >= SNAPSHOT_EVERY_EVENTS) snapshot();
  };
  const snapshot = () => {
    if (state.seq === 0) return;
    store.saveSnapshot(state, stateMaxTs);
    sinceSnapshot = 0;
  };

  for (
    let chunk = store.readAfter(state.seq, 20_000);
    chunk.length;
    chunk = store.readAfter(state.seq, 20_000)
  ) {
    apply(chunk);
  }

  return {
    get state() {
      return state;
    },
    apply,
    snapshot,
    stateAt(atMs) {
      // A snapshot whose every event is at or before atMs is a valid start; the rest is a filtered fold.
      const from = store.latestSnapshot(atMs);
      let s = from?.state ?? emptyDashboardState();
      let batch: LoggedEvent[] = [];
      const filter = { fromMs: 0, toMs: atMs + 1, afterSeq: from?.seq ?? 0 };
      for (const e of store.iterateByTime(filter)) {
        batch.push(e);
        if (batch.length === 10_000) {
          s = applyEvents(s, batch, rollup);
          batch = [];
        }
      }
      return applyEvents(s, batch, rollup);
    },
  };
}
