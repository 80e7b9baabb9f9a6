import { applyDiff, diffObjects, diffValues, type ObjectDiff, type ValueOp } from '../json-diff';
import type { AreaRollup } from './apply-events';
import { alertTouches, type Alert, type AlertsState } from './alerts';
import type { DashboardState } from './dashboard-state';
import type { ReportLedger } from './daily-reports';

/**
 * What changed in one area's view of the state over a fan-out window, field by field ({@link ObjectDiff} of
 * the scoped {@link DashboardState} without its `seq`): the day of an area's history that moved, not its 92
 * days; the one alert condition raised or cleared, not all of them; each site's value and time, not the site.
 *
 * A patch is exact from the state at its window's start (`fromSeq - 1`) and from no other: a value that moved
 * and came back inside the window is not in it. So the server sends state-mode snapshots and resyncs at window
 * boundaries only, and the browser treats a patch that overlaps what it holds as a hole (client/store/live-feed).
 */
export type StatePatch = ObjectDiff;

/**
 * What changed between two states of the same server (`next` folded on from `prev`), for every area at once:
 * one diff per changed area and site, and one of the alerts' bookkeeping; the fan-out computes this once per
 * window and cuts it per room with {@link patchFor}. The reducers' copy-on-write makes it cheap (an area, site
 * or day that did not change is the same object in both states and is skipped without a look inside).
 *
 * Only what a room's scope filters is known by name here, as in `scopeState`: areas by code, sites by their
 * area, recent alerts by their area. Everything else in the alerts (conditions, late counts, rules, clocks,
 * fields added later) goes to every room as its generic diff.
 */
export interface StateChanges {
  areas: [code: string, op: ValueOp][];
  sites: [id: string, area: string, op: ValueOp][];
  /** The alerts' fields other than `recent`, diffed; null when none moved. */
  alerts: ObjectDiff | null;
  /** Both lists when the recent alerts changed, to be scoped (and withheld) per room before they are diffed. */
  recent: { before: Alert[]; after: Alert[] } | null;
  /** Both maps when the sites out of service changed, to be seen per room (who and why withheld from readers). */
  outOfService?: { before: OutOfService; after: OutOfService };
  /**
   * The report ledger's months that changed, whole, per area (a dashboard holds only the newest months of the
   * ledger, so a month goes as a `put`, never as a patch into a month it may not hold); `fresh` when the ledger
   * itself is new (a state from before ledgers existed).
   */
  reports: {
    fresh: ReportLedger | null;
    areas: [code: string, known: boolean, months: ReportLedger['areas'][string]][];
  };
}

// `recent` and `outOfService` carry operators' names: diffed per room, as its audience sees them.
const withoutRecent = ({ recent: _recent, outOfService: _oos, ...rest }: AlertsState) => rest;

export function stateChanges(prev: DashboardState, next: DashboardState): StateChanges {
  const changes: StateChanges = {
    areas: [],
    sites: [],
    alerts: null,
    recent: null,
    reports: { fresh: null, areas: [] },
  };
  for (const [code, op] of Object.entries(diffObjects(prev.areas, next.areas) ?? {}))
    changes.areas.push([code, op]);
  for (const [id, op] of Object.entries(diffObjects(prev.sites, next.sites) ?? {}))
    changes.sites.push([id, (next.sites[id] ?? prev.sites[id])!.area, op]);
  if (prev.reports !== next.reports && next.reports) {
    if (!prev.reports) changes.reports.fresh = next.reports;
    for (const [code, months] of Object.entries(next.reports.areas)) {
      const held = prev.reports?.areas[code];
      if (held === months) continue;
      const moved = Object.entries(months).filter(([m, days]) => held?.[m] !== days);
      changes.reports.areas.push([code, held !== undefined, Object.fromEntries(moved)]);
    }
  }
  const [pa, na] = [prev.alerts, next.alerts];
  if (pa === na) return changes;
  changes.alerts = diffObjects(withoutRecent(pa), withoutRecent(na));
  if (pa.recent !== na.recent) changes.recent = { before: pa.recent, after: na.recent };
  if (pa.outOfService !== na.outOfService)
    changes.outOfService = { before: pa.outOfService ?? {}, after: na.outOfService ?? {} };
  return changes;
}

type OutOfService = NonNullable<AlertsState['outOfService']>;

/** How a room's audience sees alerts and maintenance (operators' names withheld from readers); as they are by default. */
export interface AlertView {
  alert: (a: Alert) => Alert;
  outOfService: (o: OutOfService) => OutOfService;
}
const AS_THEY_ARE: AlertView = { alert: (a) => a, outOfService: (o) => o };

/** The part of the window's changes a dashboard of `area` sees, as its audience sees it. */
export function patchFor(
  changes: StateChanges,
  area: string,
  rollup: AreaRollup,
  view: AlertView = AS_THEY_ARE,
): StatePatch {
  const within = (code: string) => rollup(code).includes(area);
  const patch: StatePatch = {};
  const areas: ObjectDiff = {};
  for (const [code, op] of changes.areas) if (within(code)) areas[code] = op;
  if (Object.keys(areas).length) patch.areas = ['patch', areas];
  const sites: ObjectDiff = {};
  for (const [id, siteArea, op] of changes.sites) if (within(siteArea)) sites[id] = op;
  if (Object.keys(sites).length) patch.sites = ['patch', sites];
  const alerts: ObjectDiff = { ...changes.alerts };
  if (changes.recent) {
    const seen = (list: Alert[]) => list.filter((x) => alertTouches(x, within)).map(view.alert);
    const op = diffValues(seen(changes.recent.before), seen(changes.recent.after));
    if (op) alerts.recent = op;
  }
  if (changes.outOfService) {
    const op = diffValues(
      view.outOfService(changes.outOfService.before),
      view.outOfService(changes.outOfService.after),
    );
    if (op) alerts.outOfService = op;
  }
  if (Object.keys(alerts).length) patch.alerts = ['patch', alerts];
  const reports = reportsFor(changes.reports, within);
  if (reports) patch.reports = reports;
  return patch;
}

function reportsFor(changes: StateChanges['reports'], within: (code: string) => boolean): ValueOp | null {
  const areas: ObjectDiff = {};
  for (const [code, known, months] of changes.areas) {
    if (!within(code)) continue;
    const put = Object.fromEntries(Object.entries(months).map(([m, days]) => [m, ['put', days] as const]));
    areas[code] = known && !changes.fresh ? ['patch', put] : ['put', months];
  }
  if (changes.fresh)
    return [
      'put',
      {
        order: changes.fresh.order,
        areas: Object.fromEntries(Object.entries(areas).map(([c, op]) => [c, op[1]])),
      },
    ];
  return Object.keys(areas).length ? ['patch', { areas: ['patch', areas] }] : null;
}

/** The patch that takes a dashboard of `area` from `prev` to `next`. */
export function diffState(
  prev: DashboardState,
  next: DashboardState,
  area: string,
  rollup: AreaRollup,
  view?: AlertView,
): StatePatch {
  return patchFor(stateChanges(prev, next), area, rollup, view);
}

/** A patch with nothing in it: the window's events all belonged to other areas. */
export const isEmptyPatch = (p: StatePatch): boolean => Object.keys(p).length === 0;

/**
 * Applies a patch that ends at `seq` to the state at its window's start; the input is never changed and what
 * the patch leaves alone keeps its identity (so the views that did not change do not redraw). A state already
 * at or past `seq` is returned as it is. Throws {@link DiffMismatchError} when the patch does not fit.
 */
export function applyPatch(state: DashboardState, patch: StatePatch, seq: number): DashboardState {
  if (seq <= state.seq) return state;
  return { ...applyDiff(state, patch), seq };
}
