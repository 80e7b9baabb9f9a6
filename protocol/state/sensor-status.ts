import type { StuckRule } from '../alert-rules.schema';
import { SensorKind } from '../sensor-kind';
import type { AlertCondition, AlertsState } from './alerts';
import { DEFAULT_ALERT_RULES, STALE_AFTER_MS, stuckRuleOf } from './built-in-rules';
import type { SiteState } from './dashboard-state';

export type SensorStatus = 'ok' | 'warning' | 'alarm' | 'offline' | 'stale';

/** What a site's status is decided from: the rules in force and where their threshold conditions stand. */
export type StatusRules = Pick<AlertsState, 'rules' | 'conditions'>;

/** True when the site repeats its value beyond its kind's stuck rule (a value the rule exempts never is). */
export function isStuck(site: SiteState, rules: StatusRules['rules']): boolean {
  return repeatsTooLong(site, stuckRuleOf(rules, site.kind));
}

function repeatsTooLong(site: SiteState, rule: StuckRule | null): boolean {
  if (!rule || site.repeats < rule.repeats) return false;
  return rule.ignoreAtOrBelow === undefined || site.value > rule.ignoreAtOrBelow;
}

/** What a status needs of the rules, worked out once per rules and conditions table rather than per site. */
interface StatusContext {
  rules: AlertsState['rules'];
  /** The threshold level per site id of the `sensor:<siteId>` conditions. */
  levels: Map<string, number>;
  offlineAfterMs: number;
  stuck: Record<SensorKind, StuckRule | null>;
}

/**
 * Contexts by conditions table. A wall asks for 100k sites a second, and looking up `'sensor:' + siteId` hashes a
 * new string each time (several times the rest of the work). Keyed by identity, which is sound because the
 * reducers replace a conditions table, never change one they have returned.
 */
const contexts = new WeakMap<Record<string, AlertCondition>, StatusContext>();
function contextOf({ rules, conditions }: StatusRules): StatusContext {
  const known = contexts.get(conditions);
  if (known && known.rules === rules) return known;
  const levels = known?.levels ?? new Map<string, number>();
  if (!known)
    for (const [key, c] of Object.entries(conditions))
      if (key.startsWith('sensor:')) levels.set(key.slice('sensor:'.length), c.level);
  const stuck = Object.fromEntries(SensorKind.options.map((k) => [k, stuckRuleOf(rules, k)]));
  const context: StatusContext = {
    rules,
    levels,
    offlineAfterMs: (rules ?? DEFAULT_ALERT_RULES).sensorOfflineAfterMin * 60_000,
    stuck: stuck as StatusContext['stuck'],
  };
  contexts.set(conditions, context);
  return context;
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
  const c = contextOf(rules);
  const level = c.levels.get(site.siteId) ?? 0;
  if (level >= 2) return 'alarm';
  const age = nowMs - site.tsMs;
  if (age > c.offlineAfterMs) return 'offline';
  if (age > STALE_AFTER_MS || repeatsTooLong(site, c.stuck[site.kind])) return 'stale';
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
