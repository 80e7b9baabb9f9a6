import { alertIsUrgent, takeoverAlert, type Alert, type AlertsState } from '../../../protocol/state/alerts';

/** Only alerts raised this recently (scenario time) take the wall: an old one waits on the console and in the feed. */
export const TAKEOVER_RECENT_MS = 6 * 3_600_000;
/** How long one alert may hold the wall (browser time); then the playlist resumes and the header keeps a mark. */
export const TAKEOVER_MAX_MS = 3 * 60_000;

/** The alert that takes the wall now: the newest recent urgent one that has not yet had its time on the wall. */
export function takeoverCandidate(
  alerts: AlertsState,
  nowMs: number,
  parked: readonly string[],
): Alert | null {
  return takeoverAlert(alerts, nowMs - TAKEOVER_RECENT_MS, parked, nowMs);
}

/** Critical alerts still waiting for an operator, whether or not they hold the wall. */
export function waitingCriticalCount(alerts: AlertsState, nowMs: number): number {
  return alerts.recent.filter((a) => alertIsUrgent(a, alerts, nowMs)).length;
}
