import type { AlarmPriority } from '../../../protocol/alert-rules.schema';
import {
  alarmNeedsAction,
  alertIsUrgent,
  type Alert,
  type AlertsState,
} from '../../../protocol/state/alerts';

const RANK: Record<AlarmPriority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The alerts the wall's feed lists, in the order it fits them: what needs action first, the urgent ones the
 * heading counts ahead of all (so the fitting pass, which hides from the end, never hides one of them while
 * showing a lesser one), then by priority, newest first within a priority; after them the rest, newest first.
 * At most `limit`: the console has them all.
 */
export function wallFeedAlerts(alerts: AlertsState, nowMs: number, limit: number): Alert[] {
  const key = (a: Alert) => {
    if (!alarmNeedsAction(a, alerts, nowMs)) return 10;
    return (alertIsUrgent(a, alerts, nowMs) ? 0 : 5) + RANK[a.priority ?? 'low'];
  };
  return alerts.recent
    .map((a, i) => ({ a, i, k: key(a) }))
    .sort((x, y) => x.k - y.k || y.i - x.i)
    .slice(0, limit)
    .map((x) => x.a);
}
