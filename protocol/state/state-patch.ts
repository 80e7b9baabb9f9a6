import type { AreaRollup } from './apply-events';
import { alertTouches, type Alert, type AlertsState } from './alerts';
import type { AreaState, DashboardState, SiteState } from './dashboard-state';

/**
 * What changed in one area's view of the state over a fan-out window: whole replacement values for the areas,
 * sites and alert fields that changed, never the events that changed them. A dashboard needs state, not every
 * reading: a gateway's 50,000 readings a second become, per window, one value per site that moved.
 *
 * Values are complete, so a patch applied to any state between its window's start and end gives the state at
 * its end: what changed inside the window is in the patch, what did not is already right.
 */
export interface StatePatch {
  areas: Record<string, AreaState>;
  sites: Record<string, SiteState>;
  /** Only the alert fields that changed; `recent` already scoped to the area. */
  alerts: Partial<AlertsState>;
}

const sameList = (a: readonly Alert[], b: readonly Alert[]): boolean =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * What changed between two states of the same server (`next` folded on from `prev`), for every area at once.
 * Relies on the reducers' copy-on-write: an area, site or alert that did not change is the same object in both
 * states, so finding the changes costs one pass over references, not a deep compare. The fan-out computes this
 * once per window and cuts it per room with {@link patchFor}.
 */
export interface StateChanges {
  areas: [code: string, area: AreaState][];
  sites: SiteState[];
  /** The alert fields that go out when the alerts moved at all; null when they did not. */
  alerts: Partial<AlertsState> | null;
  /** Both lists when the recent alerts changed, to be scoped per room. */
  recent: { before: Alert[]; after: Alert[] } | null;
}

export function stateChanges(prev: DashboardState, next: DashboardState): StateChanges {
  const changes: StateChanges = { areas: [], sites: [], alerts: null, recent: null };
  for (const [code, a] of Object.entries(next.areas))
    if (prev.areas[code] !== a) changes.areas.push([code, a]);
  if (prev.sites !== next.sites)
    for (const [id, s] of Object.entries(next.sites)) if (prev.sites[id] !== s) changes.sites.push(s);

  const [pa, na] = [prev.alerts, next.alerts];
  if (pa === na) return changes;
  // Conditions and late counts lose keys as well as gain them: one raised and cleared inside the window nets to
  // nothing between its ends, yet a client that resynced into the middle holds it. Both are small (levels above
  // 0, one count per area), so they go whole whenever the alerts moved at all.
  changes.alerts = { conditions: na.conditions, late: na.late };
  // The alarm bookkeeping is small too (conditions on their way, open groups, sites in maintenance).
  if (pa.pending !== na.pending) changes.alerts.pending = na.pending;
  if (pa.groups !== na.groups) changes.alerts.groups = na.groups;
  if (pa.outOfService !== na.outOfService) changes.alerts.outOfService = na.outOfService;
  if (pa.rules !== na.rules) changes.alerts.rules = na.rules;
  if (pa.sensorClockMs !== na.sensorClockMs) changes.alerts.sensorClockMs = na.sensorClockMs;
  if (!sameList(pa.recent, na.recent)) changes.recent = { before: pa.recent, after: na.recent };
  return changes;
}

/** The part of the window's changes a dashboard of `area` sees. */
export function patchFor(changes: StateChanges, area: string, rollup: AreaRollup): StatePatch {
  const within = (code: string) => rollup(code).includes(area);
  const patch: StatePatch = { areas: {}, sites: {}, alerts: { ...changes.alerts } };
  for (const [code, a] of changes.areas) if (within(code)) patch.areas[code] = a;
  for (const s of changes.sites) if (within(s.area)) patch.sites[s.siteId] = s;
  if (changes.recent) {
    const before = changes.recent.before.filter((x) => alertTouches(x, within));
    const after = changes.recent.after.filter((x) => alertTouches(x, within));
    if (!sameList(before, after)) patch.alerts.recent = after;
  }
  return patch;
}

/** The patch that takes a dashboard of `area` from `prev` to `next`. */
export function diffState(
  prev: DashboardState,
  next: DashboardState,
  area: string,
  rollup: AreaRollup,
): StatePatch {
  return patchFor(stateChanges(prev, next), area, rollup);
}

/** A patch with nothing in it: the window's events all belonged to other areas. */
export const isEmptyPatch = (p: StatePatch): boolean =>
  Object.keys(p.areas).length === 0 &&
  Object.keys(p.sites).length === 0 &&
  Object.keys(p.alerts).length === 0;

/** Applies a patch that ends at `seq`; the input is never changed. */
export function applyPatch(state: DashboardState, patch: StatePatch, seq: number): DashboardState {
  if (seq <= state.seq) return state;
  return {
    seq,
    areas: Object.keys(patch.areas).length ? { ...state.areas, ...patch.areas } : state.areas,
    sites: Object.keys(patch.sites).length ? { ...state.sites, ...patch.sites } : state.sites,
    alerts: Object.keys(patch.alerts).length ? { ...state.alerts, ...patch.alerts } : state.alerts,
  };
}
