import {
  applyEvents,
  STREAMS,
  type AreaRollup,
  type DashboardState,
  type LoggedEvent,
  type ReplayAlertMarker,
  type ReplayTimeline,
  type StreamName,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

/** One answer scans at most this many events: a scrubber over years of sensor readings stays responsive. */
export const TIMELINE_MAX_EVENTS = 2_000_000;
const MAX_MARKERS = 1000;
const FOLD_EVERY = 5000;

export interface TimelineDeps {
  store: EventStore;
  rollup: AreaRollup;
  stateAt: (atMs: number) => Promise<DashboardState>;
}

/**
 * Events per stream in `buckets` equal slices of [fromMs, toMs), and the alerts raised in the range: the
 * range's events are folded with the shared reducer from the state at its start, so the markers are the
 * alerts the wall raised.
 */
export async function buildTimeline(
  deps: TimelineDeps,
  fromMs: number,
  toMs: number,
  buckets: number,
): Promise<ReplayTimeline> {
  const bucketMs = Math.max(1, Math.ceil((toMs - fromMs) / buckets));
  const counts = Object.fromEntries(STREAMS.map((s) => [s, new Array<number>(buckets).fill(0)])) as Record<
    StreamName,
    number[]
  >;
  let state = await deps.stateAt(fromMs - 1);
  const markers = new Map<string, ReplayAlertMarker>();
  const fold = (events: LoggedEvent[]) => {
    state = applyEvents(state, events, deps.rollup);
    for (const a of state.alerts.recent)
      if (a.raisedTsMs >= fromMs && markers.size < MAX_MARKERS && !markers.has(a.id))
        markers.set(a.id, {
          id: a.id,
          rule: a.rule,
          severity: a.severity,
          area: a.area,
          raisedTsMs: a.raisedTsMs,
        });
  };
  let scanned = 0;
  let truncated = false;
  let batch: LoggedEvent[] = [];
  for await (const e of deps.store.iterateByTime({ fromMs, toMs })) {
    if (++scanned > TIMELINE_MAX_EVENTS) {
      truncated = true;
      break;
    }
    counts[e.stream][Math.min(buckets - 1, Math.floor((e.tsMs - fromMs) / bucketMs))]!++;
    batch.push(e);
    if (batch.length === FOLD_EVERY) {
      fold(batch);
      batch = [];
    }
  }
  fold(batch);
  const alerts = [...markers.values()].sort((a, b) => a.raisedTsMs - b.raisedTsMs);
  return { fromMs, toMs, bucketMs, counts, alerts, truncated };
}
