import type { AreaRollup, DashboardState, LiveSnapshot } from '../../protocol';
import { scopeState } from '../engine/scope-state';
import { withholdStateDetails } from '../security/ops-redaction';

/** A snapshot without its area tree, which the namespace adds as it answers (it changes apart from the state). */
export type ScopedSnapshot = Omit<LiveSnapshot, 'areaTree'>;

/**
 * The scoped snapshot of each area, built once per engine state: the state object is replaced on every change,
 * so a subscribe that repeats (a reconnecting wall fleet, a client asking again and again) costs a lookup.
 */
export function createSnapshotCache(rollup: AreaRollup) {
  let of: DashboardState | null = null;
  let byArea = new Map<string, ScopedSnapshot>();
  return {
    /** `withheld`: operators' names and comments left out, for sockets without the operate right. */
    of(state: DashboardState, area: string, details: 'all' | 'withheld'): ScopedSnapshot {
      if (state !== of) {
        of = state;
        byArea = new Map();
      }
      const key = `${area}|${details}`;
      let snap = byArea.get(key);
      if (!snap) {
        const scoped = scopeState(state, area, rollup);
        const shown = details === 'all' ? scoped : withholdStateDetails(scoped);
        byArea.set(key, (snap = { area, seq: shown.seq, state: shown }));
      }
      return snap;
    },
  };
}
