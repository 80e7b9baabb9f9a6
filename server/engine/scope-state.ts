import type { AreaRollup, DashboardState } from '../../protocol';

/** The part of the state a dashboard of `area` needs: that area, the areas under it, and its sites. */
export function scopeState(state: DashboardState, area: string, rollup: AreaRollup): DashboardState {
  const within = (code: string) => rollup(code).includes(area);
  return {
    seq: state.seq,
    areas: Object.fromEntries(Object.entries(state.areas).filter(([code]) => within(code))),
    sites: Object.fromEntries(Object.entries(state.sites).filter(([, s]) => within(s.area))),
  };
}
