import type { AlertsState } from './alerts';
import { DEFAULT_ALERT_RULES, STALE_AFTER_MS, stuckRuleOf } from './built-in-rules';
import type { SiteState } from './dashboard-state';

export type SensorStatus = 'ok' | 'warning' | 'alarm' | 'offline' | 'stale';

/** What a site's status is decided from: the rules in force and where their threshold conditions stand. */
export type StatusRules = Pick<AlertsState, 'rules' | 'conditions'>;

/** True when the site repeats its value beyond its kind's stuck rule (a value the rule exempts never is). */
export function isStuck(site: SiteState, rules: StatusRules['rules']): boolean {
  const rule = stuckRuleOf(rules, site.kind);
  if (!rule || site.repeats < rule.repeats) return false;
  return rule.ignoreAtOrBelow === undefined || site.value > rule.ignoreAtOrBelow;
}

/**
 * The status of a site at `nowMs` (scenario time) under the rules that raise the alerts: the one place a
 * status is decided, for the map, its legend, the wall, the header counts and the operator screen.
 *
 * Alarm and warning are the level of the site's `sensor:<siteId>` threshold condition, not a comparison made
 * here: the condition already applies the thresholds in force when the reading came, with the alert's
 * hysteresis, so "sites in alarm" is exactly the number of critical threshold conditions. An alarm outranks
 * silence: the last reading crossed the line and nothing has cleared it (the offline alert says it went quiet).
 * Below that: offline after the rules' offline delay, stale after {@link STALE_AFTER_MS} or when stuck, then
 * warning, then ok.
 */
export function siteStatus(site: SiteState, rules: StatusRules, nowMs: number): SensorStatus {
  const level = rules.conditions['sensor:' + site.siteId]?.level ?? 0;
  if (level >= 2) return 'alarm';
  const age = nowMs - site.tsMs;
  const offlineAfterMs = (rules.rules ?? DEFAULT_ALERT_RULES).sensorOfflineAfterMin * 60_000;
  if (age > offlineAfterMs) return 'offline';
  if (age > STALE_AFTER_MS || isStuck(site, rules.rules)) return 'stale';
  return level === 1 ? 'warning' : 'ok';
}

export const emptyStatusCounts = (): Record<SensorStatus, number> => ({
  ok: 0,
  warning: 0,
  alarm: 0,
  offline: 0,
  stale: 0,
});

/** Sites per status: what every legend, tile and header count shows. */
export function countByStatus(
  sites: Iterable<SiteState>,
  rules: StatusRules,
  nowMs: number,
): Record<SensorStatus, number> {
  const counts = emptyStatusCounts();
  for (const s of sites) counts[siteStatus(s, rules, nowMs)]++;
  return counts;
}
