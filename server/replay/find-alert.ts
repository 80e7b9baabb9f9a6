import { applyEvents, DAY_MS, type Alert, type AreaRollup, type DashboardState } from '../../protocol';
import type { EventStore } from '../store/event-store';
import { readWindow } from './read-window';

/** A jump folds forward in windows this long at most, and of at most this many events. */
const WINDOW_MS = 6 * 3600_000;
const WINDOW_EVENTS = 20_000;
/** How far a jump looks before answering "no alert that way". */
export const JUMP_HORIZON_MS = 400 * DAY_MS;

export interface AlertSearch {
  store: EventStore;
  rollup: AreaRollup;
  stateAt: (atMs: number) => Promise<DashboardState>;
}

/** The alert raised first among those raised after `afterMs` and not ruled out, if any. */
function firstRaisedAfter(
  state: DashboardState,
  afterMs: number,
  ruledOut: ReadonlySet<string>,
): Alert | null {
  let best: Alert | null = null;
  for (const a of state.alerts.recent)
    if (a.raisedTsMs > afterMs && !ruledOut.has(a.id) && (!best || a.raisedTsMs < best.raisedTsMs)) best = a;
  return best;
}

/** Re-syncs with a seek this many times per window at most before the window is given up. */
const MAX_RESYNCS = 8;

/**
 * The next alert after `cursorMs`: the shared reducer folds the log forward from the state at the cursor until
 * it raises one, so replay jumps to exactly the alerts the wall raised. A seek's state also latches each site's
 * last reading from the sensor history, which the log alone does not hold: folded on from the cursor, a site
 * with no reading in the log can look silent and raise an offline alarm that no seek shows. So a candidate counts
 * only if the state a seek to its instant gives holds it; one that does not is ruled out and the fold goes on
 * from that true state.
 */
export async function nextAlert(
  deps: AlertSearch,
  state: DashboardState,
  cursorMs: number,
  endMs: number,
): Promise<Alert | null> {
  let s = state;
  const ruledOut = new Set<string>();
  for (let from = cursorMs; from < endMs && from < cursorMs + JUMP_HORIZON_MS;) {
    const win = await readWindow(deps.store, from, Math.min(from + WINDOW_MS, endMs), WINDOW_EVENTS);
    const late = win.events.some((e) => e.seq <= s.seq);
    s = late ? await deps.stateAt(win.toMs) : applyEvents(s, win.events, deps.rollup);
    for (let resyncs = 0; resyncs < MAX_RESYNCS; resyncs++) {
      const found = firstRaisedAfter(s, cursorMs, ruledOut);
      if (!found) break;
      const seen = await deps.stateAt(found.raisedTsMs);
      if (seen.alerts.recent.some((a) => a.id === found.id)) return found;
      ruledOut.add(found.id);
      s = await deps.stateAt(win.toMs);
    }
    from = win.toMs;
  }
  return null;
}

/** The latest alert raised before `cursorMs`: the state at the cursor still holds it among its recent ones. */
export function previousAlert(state: DashboardState, cursorMs: number): Alert | null {
  let best: Alert | null = null;
  for (const a of state.alerts.recent)
    if (a.raisedTsMs < cursorMs && (!best || a.raisedTsMs > best.raisedTsMs)) best = a;
  return best;
}
