import type { AreaRollup, DashboardState, LiveSnapshot } from '../../protocol';
import { scopeState } from '../engine/scope-state';

/**
 * The scoped snapshot of each area, built once per engine state: the state object is replaced on every change,
 * so a subscribe that repeats (a reconnecting wall fleet, a client asking again and again) costs a lookup.
 */
export function createSnapshotCache(rollup: AreaRollup) {
  let of: DashboardState | null = null;
  let byArea = new Map<string, LiveSnapshot>();
  return {
    of(state: DashboardState, area: string): LiveSnapshot {
      if (state !== of) {
        of = state;
        byArea = new Map();
      }
      let snap = byArea.get(area);
      if (!snap) {
        const scoped = scopeState(state, area, rollup);
        byArea.set(area, (snap = { area, seq: scoped.seq, state: scoped }));
      }
      return snap;
    },
  };
}
