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
    ...(state.reports
      ? {
          reports: {
            order: state.reports.order,
            areas: Object.fromEntries(
              Object.entries(state.reports.areas)
                .filter(([code]) => within(code))
                .map(([code, months]) => [code, recentMonths(months)]),
            ),
          },
        }
      : {}),
  };
}

/**
 * Months of a report ledger a dashboard receives: the newest few, enough for a correction or a real report of a
 * recent day folded in the browser. The whole ledger (~400 KB for the simulator's 430 days of 15 districts)
 * stays on the server, which sends the figures it moves for older days in its patches.
 */
export const LEDGER_MONTHS_SENT = 4;

function recentMonths<T>(months: Record<string, T>): Record<string, T> {
  const keys = Object.keys(months).sort();
  if (keys.length <= LEDGER_MONTHS_SENT) return months;
  return Object.fromEntries(keys.slice(-LEDGER_MONTHS_SENT).map((k) => [k, months[k]!]));
}
