import type { AlertRules } from '../alert-rules.schema';
import type {
  CovidReport,
  DossierEvent,
  LoggedEvent,
  LonLat,
  OpsEvent,
  SensorReading,
} from '../events.schema';
import type { SensorKind } from '../sensor-kind';
import { vnDateKey } from '../time';
import { DEFAULT_ALERT_RULES, thresholdOf } from './built-in-rules';
import type { SiteState } from './dashboard-state';

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertRuleName = 'sensor-threshold' | 'sensor-offline' | 'epidemic-level' | 'dossier-late';

/** Who did something to an alert, and when (scenario ms) and at which seq of the log. */
export interface OperatorNote {
  operator: string;
  comment: string;
  tsMs: number;
  seq: number;
}

/**
 * One alert. `id` is `<key>@<seq>`: the condition and the seq of the event that raised it, so the server,
 * replay and the browser, folding the same log, give it the same id.
 */
export interface Alert {
  id: string;
  /** The condition: `sensor:<siteId>`, `offline:<siteId>`, `epidemic:<area>` or `late:<area>`. */
  key: string;
  rule: AlertRuleName;
  severity: AlertSeverity;
  area: string;
  siteId: string | null;
  kind: SensorKind | null;
  /** Where to look, `[lon, lat]`; null for area alerts (the map centres on the area). */
  lonLat: LonLat | null;
  /** The value that raised it (reading, epidemic level, late count, minutes silent) and the line it crossed. */
  value: number;
  threshold: number;
  unit: string;
  raisedSeq: number;
  raisedTsMs: number;
  /** When the condition ended (or a more severe alert of the same condition replaced this one). */
  clearedTsMs: number | null;
  ack: OperatorNote | null;
  assignee: string | null;
  resolved: OperatorNote | null;
}

/** Per condition key: the level it is at (0 none, 1 warning, 2 critical) and the alert it raised. */
export interface AlertCondition {
  level: number;
  alertId: string | null;
}

export interface AlertsState {
  /** Rules from the last `alert-rules:changed`; null means the built-in {@link DEFAULT_ALERT_RULES}. */
  rules: AlertRules | null;
  /** Recent alerts, oldest first, at most {@link MAX_RECENT_ALERTS}. */
  recent: Alert[];
  /** Conditions not at level 0. */
  conditions: Record<string, AlertCondition>;
  /** Newest sensor reading time seen (ms): the clock the offline rule runs on, so it depends on the log only. */
  sensorClockMs: number;
  /** Late resolutions per area on its latest day seen. */
  late: Record<string, { day: string; count: number }>;
}

/** Alerts kept in the state; beyond it the oldest that ended goes first, an active one only if none ended. */
export const MAX_RECENT_ALERTS = 200;

export function emptyAlertsState(): AlertsState {
  return { rules: null, recent: [], conditions: {}, sensorClockMs: 0, late: {} };
}

/** Still happening: not cleared by its condition and not resolved by an operator. */
export const alertIsActive = (a: Alert): boolean => a.clearedTsMs === null && a.resolved === null;

/** Needs an operator: not resolved, and either still active or never acknowledged. */
export const alertIsOpen = (a: Alert): boolean =>
  a.resolved === null && (a.clearedTsMs === null || a.ack === null);

const SEVERITY_OF_LEVEL: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/**
 * The alerts being changed by one `applyEvents` call. The state's arrays and records are copied on the first
 * write and alerts are replaced, never mutated, so the state passed in stays as it was.
 */
export class AlertsDraft {
  private state: AlertsState;
  private copied = false;

  constructor(private readonly prev: AlertsState) {
    this.state = prev;
  }

  /** The state after the events stepped so far (the input itself when nothing changed). */
  result(): AlertsState {
    return this.state;
  }

  /** Folds one event in; `sites` is the site table with this event already applied. */
  step(ev: LoggedEvent, sites: Readonly<Record<string, SiteState>>): void {
    switch (ev.stream) {
      case 'sensor':
        return this.sensor(ev, sites);
      case 'covid':
        return this.covid(ev);
      case 'dossier':
        return this.dossier(ev);
      case 'ops':
        return this.ops(ev);
    }
  }

  private get rules(): AlertRules {
    return this.state.rules ?? DEFAULT_ALERT_RULES;
  }

  private write(): AlertsState {
    if (!this.copied) {
      const p = this.prev;
      this.state = {
        rules: p.rules,
        recent: [...p.recent],
        conditions: { ...p.conditions },
        sensorClockMs: p.sensorClockMs,
        late: { ...p.late },
      };
      this.copied = true;
    }
    return this.state;
  }

  private sensor(ev: SensorReading & { seq: number }, sites: Readonly<Record<string, SiteState>>): void {
    const offlineKey = 'offline:' + ev.siteId;
    if (this.state.conditions[offlineKey]) this.setLevel(offlineKey, 0, ev, null);

    const t = thresholdOf(this.state.rules, ev.kind);
    const key = 'sensor:' + ev.siteId;
    // Only the newest reading of a site decides its level; a late older one changes nothing.
    const newest = sites[ev.siteId]?.tsMs === ev.tsMs;
    // A kind whose thresholds the rules turned off ends its condition at its next reading, as any other
    // reading back under the line would; left standing, the site would read "in alarm" for ever.
    if (!t && newest && this.state.conditions[key]) this.setLevel(key, 0, ev, null);
    if (t && newest) {
      const cur = this.state.conditions[key]?.level ?? 0;
      const clear = t.clear ?? t.warning - (t.alarm - t.warning) / 2;
      const v = ev.value;
      const target = v >= t.alarm ? 2 : v >= t.warning ? Math.max(1, cur) : cur === 1 && v >= clear ? 1 : 0;
      if (target !== cur) {
        this.setLevel(key, target, ev, {
          rule: 'sensor-threshold',
          siteId: ev.siteId,
          kind: ev.kind,
          lonLat: ev.lonLat,
          value: v,
          threshold: target === 2 ? t.alarm : t.warning,
          unit: ev.unit,
        });
      }
    }

    // The offline rule looks at every site once per minute of sensor time: per event, so it does not depend on
    // how the events were batched, and a minute is well under the offline delay.
    const prevMinute = Math.floor(this.state.sensorClockMs / 60_000);
    if (ev.tsMs > this.state.sensorClockMs) this.write().sensorClockMs = ev.tsMs;
    if (Math.floor(ev.tsMs / 60_000) > prevMinute) this.scanOffline(ev, sites);
  }

  private scanOffline(ev: LoggedEvent, sites: Readonly<Record<string, SiteState>>): void {
    const afterMs = this.rules.sensorOfflineAfterMin * 60_000;
    const now = this.state.sensorClockMs;
    for (const site of Object.values(sites)) {
      if (now - site.tsMs <= afterMs) continue;
      const key = 'offline:' + site.siteId;
      if (this.state.conditions[key]) continue;
      this.setLevel(key, 1, ev, {
        rule: 'sensor-offline',
        siteId: site.siteId,
        kind: site.kind,
        lonLat: site.lonLat,
        area: site.area,
        value: Math.round((now - site.tsMs) / 60_000),
        threshold: this.rules.sensorOfflineAfterMin,
        unit: 'min',
      });
    }
  }

  private covid(ev: CovidReport & { seq: number }): void {
    const { warningLevel, criticalLevel } = this.rules.epidemic;
    const key = 'epidemic:' + ev.area;
    const cur = this.state.conditions[key]?.level ?? 0;
    const target = ev.epidemicLevel >= criticalLevel ? 2 : ev.epidemicLevel >= warningLevel ? 1 : 0;
    if (target === cur) return;
    // Going up raises; coming down only clears the alert of the higher level.
    this.setLevel(key, target, ev, {
      rule: 'epidemic-level',
      siteId: null,
      kind: null,
      lonLat: null,
      value: ev.epidemicLevel,
      threshold: target === 2 ? criticalLevel : warningLevel,
      unit: 'level',
    });
  }

  private dossier(ev: DossierEvent & { seq: number }): void {
    if (ev.action !== 'resolved' || ev.onTime) return;
    const perDay = this.rules.lateDossiersPerDay;
    if (perDay === 0) return;
    const day = vnDateKey(ev.tsMs);
    const prev = this.state.late[ev.area];
    if (prev && day < prev.day) return; // a late report of an earlier day: that day is over
    const key = 'late:' + ev.area;
    const s = this.write();
    if (!prev || day > prev.day) {
      if (s.conditions[key]) this.setLevel(key, 0, ev, null);
      s.late[ev.area] = { day, count: 1 };
    } else s.late[ev.area] = { day, count: prev.count + 1 };
    if (s.late[ev.area]!.count === perDay) {
      this.setLevel(key, 1, ev, {
        rule: 'dossier-late',
        siteId: null,
        kind: null,
        lonLat: null,
        value: perDay,
        threshold: perDay,
        unit: 'dossiers',
      });
    }
  }

  private ops(ev: OpsEvent & { seq: number }): void {
    if (ev.action === 'alert-rules:changed') {
      this.write().rules = ev.rules;
      return;
    }
    const note: OperatorNote = { operator: ev.operator, comment: ev.comment, tsMs: ev.tsMs, seq: ev.seq };
    this.update(ev.alertId, (a) => {
      if (a.resolved) return a; // a resolved alert is closed; a later note changes nothing
      if (ev.action === 'alert:acknowledged') return a.ack ? a : { ...a, ack: note };
      if (ev.action === 'alert:assigned') return { ...a, assignee: ev.assignee };
      return { ...a, resolved: note, ack: a.ack ?? note };
    });
  }

  private update(alertId: string, change: (a: Alert) => Alert): void {
    const i = this.state.recent.findIndex((a) => a.id === alertId);
    if (i < 0) return;
    const before = this.state.recent[i]!;
    const after = change(before);
    if (after !== before) this.write().recent[i] = after;
  }

  /**
   * Moves a condition to `level`. Up: the condition's current alert (if any) is closed and a new one raised,
   * so an escalation takes over the wall again. Down: the current alert is closed, nothing new is raised.
   */
  private setLevel(
    key: string,
    level: number,
    ev: LoggedEvent,
    raise:
      | (Omit<
          Alert,
          | 'id'
          | 'key'
          | 'severity'
          | 'raisedSeq'
          | 'raisedTsMs'
          | 'clearedTsMs'
          | 'ack'
          | 'assignee'
          | 'resolved'
          | 'area'
        > & {
          area?: string;
        })
      | null,
  ): void {
    const s = this.write();
    const cur = s.conditions[key];
    if (cur?.alertId) {
      const id = cur.alertId;
      this.update(id, (a) => (a.clearedTsMs === null ? { ...a, clearedTsMs: ev.tsMs } : a));
    }
    if (level === 0) {
      delete s.conditions[key];
      return;
    }
    if (!raise || level < (cur?.level ?? 0)) {
      s.conditions[key] = { level, alertId: null };
      return;
    }
    const id = `${key}@${ev.seq}`;
    s.conditions[key] = { level, alertId: id };
    s.recent.push({
      ...raise,
      id,
      key,
      area: raise.area ?? ev.area,
      severity: SEVERITY_OF_LEVEL[level]!,
      raisedSeq: ev.seq,
      raisedTsMs: ev.tsMs,
      clearedTsMs: null,
      ack: null,
      assignee: null,
      resolved: null,
    });
    if (s.recent.length > MAX_RECENT_ALERTS) {
      const ended = s.recent.findIndex((a) => !alertIsActive(a));
      s.recent.splice(ended >= 0 ? ended : 0, 1);
    }
  }
}

/** Critical, still active and not yet acknowledged: what a wall puts in front of everyone. */
export const alertIsUrgent = (a: Alert): boolean =>
  a.severity === 'critical' && alertIsActive(a) && a.ack === null;

/** The newest urgent alert raised at or after `sinceMs` (scenario ms), skipping the ids in `except`. */
export function takeoverAlert(
  alerts: AlertsState,
  sinceMs = -Infinity,
  except: readonly string[] = [],
): Alert | null {
  for (let i = alerts.recent.length - 1; i >= 0; i--) {
    const a = alerts.recent[i]!;
    if (alertIsUrgent(a) && a.raisedTsMs >= sinceMs && !except.includes(a.id)) return a;
  }
  return null;
}
