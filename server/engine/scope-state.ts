import { alertTouches, type AreaRollup, type DashboardState } from '../../protocol';

/**
 * The part of the state a dashboard of `area` needs: that area, the areas under it, its sites and its alerts.
 * The alert rules' bookkeeping (conditions, clocks) is small and kept whole, so the browser folds on from it
 * exactly as the server does.
 */
export function scopeState(state: DashboardState, area: string, rollup: AreaRollup): DashboardState {
  const within = (code: string) => rollup(code).includes(area);
  const alerts = state.alerts;
  return {
    seq: state.seq,
    areas: Object.fromEntries(Object.entries(state.areas).filter(([code]) => within(code))),
    sites: Object.fromEntries(Object.entries(state.sites).filter(([, s]) => within(s.area))),
    alerts: { ...alerts, recent: alerts.recent.filter((a) => alertTouches(a, within)) },
  };
}
