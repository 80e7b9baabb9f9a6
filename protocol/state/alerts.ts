import type { AlarmPriority, AlertRuleName, AlertRules, ConditionDelay } from '../alert-rules.schema';
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
import {
  DEFAULT_ALERT_RULES,
  alarmHandlingOf,
  priorityOf,
  sensorDelaysOf,
  siteThresholdOf,
} from './built-in-rules';
import type { SiteState } from './dashboard-state';

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type { AlertRuleName };

/** Who did something to an alert, and when (scenario ms) and at which seq of the log. */
export interface OperatorNote {
  operator: string;
  comment: string;
  tsMs: number;
  seq: number;
}

/** A shelving: who put the alarm aside, why, and until when (scenario ms). */
export interface Shelving extends OperatorNote {
  reason: string;
  untilMs: number;
}

/** One condition an alarm stands for: a site (or district) that raised it and whether it still holds. */
export interface AlertMember {
  key: string;
  siteId: string | null;
  area: string;
  value: number;
  raisedTsMs: number;
  clearedTsMs: number | null;
}

/**
 * One alarm. `id` is `<key>@<seq>`: the first condition and the seq of the event that raised it, so the server,
 * replay and the browser, folding the same log, give it the same id. The same condition at several sites of a
 * kind within the group window is one alarm with `members` (grouping), so it takes over once.
 */
export interface Alert {
  id: string;
  /** The first condition: `sensor:<siteId>`, `offline:<siteId>`, `epidemic:<area>` or `late:<area>`. */
  key: string;
  rule: AlertRuleName;
  severity: AlertSeverity;
  priority: AlarmPriority;
  /** The area of its members (the lowest area above them all, for a group across districts). */
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
  /** When its last member's condition ended (or a more severe alarm of the same conditions replaced it). */
  clearedTsMs: number | null;
  ack: OperatorNote | null;
  assignee: string | null;
  resolved: OperatorNote | null;
  /** The members, first {@link MAX_GROUP_MEMBERS}; `memberCount` counts them all, `activeMembers` those holding. */
  members: AlertMember[];
  memberCount: number;
  activeMembers: number;
  /** A member condition raised `chatterPerMinute` times within 60 s: a defect of the rule or the sensor. */
  chattering: boolean;
  /** The alarm of a higher level of the same condition(s) that replaced it: nothing is left to do about this one. */
  supersededBy: string | null;
  shelved: Shelving | null;
  /** Its rule is informational: once ended it needs no acknowledgement. */
  informational: boolean;
}

/** Per condition key: the level it is at (0 none, 1 warning, 2 critical) and the alarm that stands for it. */
export interface AlertCondition {
  level: number;
  alertId: string | null;
}

/**
 * A threshold condition on its way up or down: consecutive newest readings at or above each level and below the
 * confirmed one, since when (sensor ms), and the times of its recent raises (for chattering).
 */
export interface PendingCondition {
  up1: number;
  up1Ms: number;
  up2: number;
  up2Ms: number;
  down: number;
  downMs: number;
  raisesMs: number[];
}

/** A site an operator took out of service (maintenance) until `untilMs`. */
export interface OutOfService {
  operator: string;
  reason: string;
  fromMs: number;
  untilMs: number;
  seq: number;
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
  /** Threshold conditions whose delay is running, or that raised in the last minute. */
  pending: Record<string, PendingCondition>;
  /** Per group (`<rule>:<kind or area>:<level>`), the alarm new members join while its window is open. */
  groups: Record<string, string>;
  /** Sites out of service, by site id. */
  outOfService: Record<string, OutOfService>;
}

/** Alerts kept in the state; beyond it the oldest closed goes first, then the oldest ended, then the oldest. */
export const MAX_RECENT_ALERTS = 200;
/** Members listed on a group alarm; more are counted in `memberCount`. */
export const MAX_GROUP_MEMBERS = 100;

export function emptyAlertsState(): AlertsState {
  return {
    rules: null,
    recent: [],
    conditions: {},
    sensorClockMs: 0,
    late: {},
    pending: {},
    groups: {},
    outOfService: {},
  };
}

/** Its conditions still hold and no operator resolved it. */
export const alertIsActive = (a: Alert): boolean => a.clearedTsMs === null && a.resolved === null;

/**
 * ISA-18.2 states of an alarm at an instant (scenario ms):
 * - `unack` active, unacknowledged — the one state that needs action now;
 * - `ack` active, acknowledged — being dealt with;
 * - `rtn-unack` returned to normal, unacknowledged — to be seen, not urgent (shown apart, never red);
 * - `normal` closed: acknowledged and returned, resolved, replaced by a higher level, or informational and ended
 *   (a day of late dossiers is over: stated policy, it leaves the open list and stays in history);
 * - `shelved` put aside by an operator until its expiry, after which it is back in its state;
 * - `suppressed` by design: a threshold alarm of a site that is offline (the offline alarm says it);
 * - `out-of-service` its site is under maintenance.
 */
export type AlarmState =
  'unack' | 'ack' | 'rtn-unack' | 'normal' | 'shelved' | 'suppressed' | 'out-of-service';
export const ALARM_STATES: readonly AlarmState[] = [
  'unack',
  'ack',
  'rtn-unack',
  'normal',
  'shelved',
  'suppressed',
  'out-of-service',
];

/** Closed whatever the time: no state of the alarm needs anyone any more. */
export const alertIsClosed = (a: Alert): boolean =>
  a.resolved !== null ||
  a.supersededBy !== null ||
  (a.clearedTsMs !== null && (a.ack !== null || a.informational));

const memberSites = (a: Alert): (string | null)[] =>
  a.members.length > 0 ? a.members.filter((m) => m.clearedTsMs === null).map((m) => m.siteId) : [a.siteId];

/** The state of an alarm at `nowMs` under the alerts' bookkeeping (out of service, offline sites). */
export function alarmState(
  a: Alert,
  alerts: Pick<AlertsState, 'conditions' | 'outOfService'>,
  nowMs: number,
): AlarmState {
  if (alertIsClosed(a)) return 'normal';
  const sites = memberSites(a);
  const oos = alerts.outOfService ?? {};
  if (sites.length > 0 && sites.every((s) => s !== null && (oos[s]?.untilMs ?? -Infinity) > nowMs))
    return 'out-of-service';
  if (a.shelved && a.shelved.untilMs > nowMs) return 'shelved';
  if (
    a.rule === 'sensor-threshold' &&
    alertIsActive(a) &&
    sites.length > 0 &&
    sites.every((s) => s !== null && alerts.conditions['offline:' + s] !== undefined)
  )
    return 'suppressed';
  if (alertIsActive(a)) return a.ack ? 'ack' : 'unack';
  return 'rtn-unack';
}

/** Needs an operator now: active and unacknowledged, not shelved, suppressed or out of service. */
export const alarmNeedsAction = (a: Alert, alerts: AlertsState, nowMs: number): boolean =>
  alarmState(a, alerts, nowMs) === 'unack';

/** Still on the console's open list (any state but `normal`); shelved ones are listed apart. */
export const alertIsOpen = (a: Alert): boolean => !alertIsClosed(a);

/** Alarms per state at `nowMs`, of those `keep` admits: the one count the wall's tile and the console show. */
export function countAlarmStates(
  alerts: AlertsState,
  nowMs: number,
  keep: (a: Alert) => boolean = () => true,
): Record<AlarmState, number> {
  const counts = Object.fromEntries(ALARM_STATES.map((s) => [s, 0])) as Record<AlarmState, number>;
  for (const a of alerts.recent) if (keep(a)) counts[alarmState(a, alerts, nowMs)]++;
  return counts;
}

/** Whether an alarm concerns `within`'s areas: its own area or any member's. */
export const alertTouches = (a: Alert, within: (area: string) => boolean): boolean =>
  within(a.area) || a.members.some((m) => within(m.area));

const SEVERITY_OF_LEVEL: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** What a rule says when a condition raises; the rest of the alarm comes from the event and the rules. */
type Raise = Pick<Alert, 'rule' | 'siteId' | 'kind' | 'lonLat' | 'value' | 'threshold' | 'unit'> & {
  area?: string;
};

/** The areas an area counts towards, itself first (the caller's area tree). */
export type AlertRollup = (area: string) => readonly string[];

const delayHeld = (d: ConditionDelay, count: number, sinceMs: number, nowMs: number): boolean =>
  (d.readings === undefined || count >= d.readings) &&
  (d.seconds === undefined || nowMs - sinceMs >= d.seconds * 1000) &&
  count >= 1;

const CHATTER_WINDOW_MS = 60_000;

/**
 * The alerts being changed by one `applyEvents` call. The state's arrays and records are copied on the first
 * write and alerts are replaced, never mutated, so the state passed in stays as it was. `observe` is told of
 * every alarm written (raised or changed): the report collects them without the ring's bound.
 */
export class AlertsDraft {
  private state: AlertsState;
  private copied = false;

  constructor(
    private readonly prev: AlertsState,
    private readonly rollup: AlertRollup = (a) => [a],
    private readonly observe?: (a: Alert) => void,
  ) {
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
      // Snapshots stored before alarm management lack its records; they start empty here.
      this.state = {
        rules: p.rules,
        recent: [...p.recent],
        conditions: { ...p.conditions },
        sensorClockMs: p.sensorClockMs,
        late: { ...p.late },
        pending: { ...(p.pending ?? {}) },
        groups: { ...(p.groups ?? {}) },
        outOfService: { ...(p.outOfService ?? {}) },
      };
      this.copied = true;
    }
    return this.state;
  }

  private sensor(ev: SensorReading & { seq: number }, sites: Readonly<Record<string, SiteState>>): void {
    const offlineKey = 'offline:' + ev.siteId;
    if (this.state.conditions[offlineKey]) this.setLevel(offlineKey, 0, ev, null);

    const t = siteThresholdOf(this.state.rules, ev.kind, ev.siteId);
    const key = 'sensor:' + ev.siteId;
    // Only the newest reading of a site decides its level; a late older one changes nothing.
    const newest = sites[ev.siteId]?.tsMs === ev.tsMs;
    // A kind whose thresholds the rules turned off ends its condition at its next reading, as any other
    // reading back under the line would; left standing, the site would read "in alarm" for ever.
    if (!t && newest && (this.state.conditions[key] || this.state.pending?.[key])) {
      this.setLevel(key, 0, ev, null);
      delete this.write().pending[key];
    }
    if (t && newest) this.threshold(ev, key, t);

    // The offline rule looks at every site once per minute of sensor time: per event, so it does not depend on
    // how the events were batched, and a minute is well under the offline delay.
    const prevMinute = Math.floor(this.state.sensorClockMs / 60_000);
    if (ev.tsMs > this.state.sensorClockMs) this.write().sensorClockMs = ev.tsMs;
    if (Math.floor(ev.tsMs / 60_000) > prevMinute) this.scanOffline(ev, sites);
  }

  /**
   * A threshold condition with its delays: the level the reading asks for (with the value dead band under the
   * warning line) must hold for the kind's on-delay before the condition goes up, and a lower one for its
   * off-delay before it comes down; a single reading either way changes nothing.
   */
  private threshold(
    ev: SensorReading & { seq: number },
    key: string,
    t: { warning: number; alarm: number; clear?: number | undefined },
  ): void {
    const cur = this.state.conditions[key]?.level ?? 0;
    const clear = t.clear ?? t.warning - (t.alarm - t.warning) / 2;
    const v = ev.value;
    // A critical condition holds down to the warning line, a warning down to `clear` (the dead band).
    const asked = v >= t.alarm ? 2 : v >= t.warning ? Math.max(1, cur) : cur === 1 && v >= clear ? 1 : 0;
    const before = this.state.pending?.[key];
    if (!before && asked === cur) return;
    const p: PendingCondition = before
      ? { ...before }
      : { up1: 0, up1Ms: 0, up2: 0, up2Ms: 0, down: 0, downMs: 0, raisesMs: [] };
    const run = (held: boolean, n: number, since: number): [number, number] =>
      held ? [n + 1, n === 0 ? ev.tsMs : since] : [0, 0];
    [p.up1, p.up1Ms] = run(asked >= 1 && cur < 1, p.up1, p.up1Ms);
    [p.up2, p.up2Ms] = run(asked >= 2 && cur < 2, p.up2, p.up2Ms);
    [p.down, p.downMs] = run(asked < cur, p.down, p.downMs);
    p.raisesMs = p.raisesMs.filter((ms) => ev.tsMs - ms < CHATTER_WINDOW_MS);

    const { onDelay, offDelay } = sensorDelaysOf(this.state.rules, ev.kind);
    let target = cur;
    if (p.up2 > 0 && delayHeld(onDelay, p.up2, p.up2Ms, ev.tsMs)) target = 2;
    else if (p.up1 > 0 && delayHeld(onDelay, p.up1, p.up1Ms, ev.tsMs)) target = Math.max(cur, 1);
    else if (p.down > 0 && delayHeld(offDelay, p.down, p.downMs, ev.tsMs)) target = asked;

    if (target !== cur) {
      if (target > cur) p.raisesMs = [...p.raisesMs, ev.tsMs];
      p.up1 = p.up2 = p.down = 0;
    }
    const quiet = p.up1 === 0 && p.up2 === 0 && p.down === 0 && p.raisesMs.length === 0;
    const s = this.write();
    if (quiet) delete s.pending[key];
    else s.pending[key] = p;
    if (target === cur) return;
    const chattering = p.raisesMs.length >= alarmHandlingOf(this.state.rules).chatterPerMinute;
    this.setLevel(
      key,
      target,
      ev,
      {
        rule: 'sensor-threshold',
        siteId: ev.siteId,
        kind: ev.kind,
        lonLat: ev.lonLat,
        value: v,
        threshold: target === 2 ? t.alarm : t.warning,
        unit: ev.unit,
      },
      chattering,
    );
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
    switch (ev.action) {
      case 'alert-rules:changed':
        this.write().rules = ev.rules;
        return;
      case 'site:out-of-service':
        this.write().outOfService[ev.siteId] = {
          operator: ev.operator,
          reason: ev.reason,
          fromMs: ev.tsMs,
          untilMs: ev.untilMs,
          seq: ev.seq,
        };
        return;
      case 'site:in-service':
        if (this.state.outOfService?.[ev.siteId]) delete this.write().outOfService[ev.siteId];
        return;
    }
    const note: OperatorNote = { operator: ev.operator, comment: ev.comment, tsMs: ev.tsMs, seq: ev.seq };
    this.update(ev.alertId, (a) => {
      if (a.resolved) return a; // a resolved alert is closed; a later note changes nothing
      switch (ev.action) {
        case 'alert:acknowledged':
          return a.ack ? a : { ...a, ack: note };
        case 'alert:assigned':
          return { ...a, assignee: ev.assignee };
        case 'alert:shelved':
          return { ...a, shelved: { ...note, reason: ev.reason, untilMs: ev.untilMs } };
        case 'alert:unshelved':
          return a.shelved ? { ...a, shelved: null } : a;
        case 'alert:resolved':
          return { ...a, resolved: note, ack: a.ack ?? note };
      }
    });
  }

  private update(alertId: string, change: (a: Alert) => Alert): void {
    const i = this.state.recent.findIndex((a) => a.id === alertId);
    if (i < 0) return;
    const before = this.state.recent[i]!;
    const after = change(before);
    if (after !== before) {
      this.write().recent[i] = after;
      this.observe?.(after);
    }
  }

  /** Takes condition `key` out of the alarm that stands for it; the alarm ends with its last member. */
  private leave(alertId: string, key: string, ev: LoggedEvent, supersededBy: string | null): void {
    this.update(alertId, (a) => {
      if (a.clearedTsMs !== null) return a;
      const members = a.members.map((m) =>
        m.key === key && m.clearedTsMs === null ? { ...m, clearedTsMs: ev.tsMs } : m,
      );
      const activeMembers = Math.max(0, a.activeMembers - 1);
      if (activeMembers > 0) return { ...a, members, activeMembers };
      return { ...a, members, activeMembers, clearedTsMs: ev.tsMs, supersededBy };
    });
  }

  /**
   * Moves a condition to `level`. Up: the condition leaves its alarm and raises a new one, or joins the group's
   * open alarm of that level, so an escalation takes over the wall again but six gauges at the same tide do so
   * once. Down: the condition leaves its alarm, nothing new is raised.
   */
  private setLevel(
    key: string,
    level: number,
    ev: LoggedEvent,
    raise: Raise | null,
    chattering = false,
  ): void {
    const s = this.write();
    const cur = s.conditions[key];
    const up = raise !== null && level > (cur?.level ?? 0);
    const id = `${key}@${ev.seq}`;
    if (level === 0) {
      if (cur?.alertId) this.leave(cur.alertId, key, ev, null);
      delete s.conditions[key];
      return;
    }
    if (!up) {
      if (cur?.alertId) this.leave(cur.alertId, key, ev, null);
      s.conditions[key] = { level, alertId: null };
      return;
    }
    const area = raise.area ?? ev.area;
    const member: AlertMember = {
      key,
      siteId: raise.siteId,
      area,
      value: raise.value,
      raisedTsMs: ev.tsMs,
      clearedTsMs: null,
    };
    const groupKey = `${raise.rule}:${raise.kind ?? 'area'}:${level}`;
    const handling = alarmHandlingOf(s.rules);
    const windowMs = raise.siteId === null ? handling.areaGroupWindowMs : handling.groupWindowMs;
    const groupId = s.groups[groupKey];
    const group = groupId ? s.recent.find((a) => a.id === groupId) : undefined;
    const joinable =
      group !== undefined &&
      windowMs > 0 &&
      alertIsActive(group) &&
      group.ack === null &&
      group.shelved === null &&
      ev.tsMs - group.raisedTsMs <= windowMs;
    const target = joinable ? group.id : id;
    if (cur?.alertId) this.leave(cur.alertId, key, ev, target);
    s.conditions[key] = { level, alertId: target };
    if (joinable) {
      this.update(group.id, (g) => ({
        ...g,
        area: this.commonArea(g.area, area),
        value: Math.max(g.value, raise.value),
        members: g.members.length < MAX_GROUP_MEMBERS ? [...g.members, member] : g.members,
        memberCount: g.memberCount + 1,
        activeMembers: g.activeMembers + 1,
        chattering: g.chattering || chattering,
      }));
      return;
    }
    if (windowMs > 0) s.groups[groupKey] = id;
    const alert: Alert = {
      ...raise,
      id,
      key,
      area,
      severity: SEVERITY_OF_LEVEL[level]!,
      priority: priorityOf(s.rules, raise.rule, level, raise.kind),
      raisedSeq: ev.seq,
      raisedTsMs: ev.tsMs,
      clearedTsMs: null,
      ack: null,
      assignee: null,
      resolved: null,
      members: [member],
      memberCount: 1,
      activeMembers: 1,
      chattering,
      supersededBy: null,
      shelved: null,
      informational: handling.informational.includes(raise.rule),
    };
    s.recent.push(alert);
    this.observe?.(alert);
    if (s.recent.length > MAX_RECENT_ALERTS) {
      const closed = s.recent.findIndex(alertIsClosed);
      const ended = closed >= 0 ? closed : s.recent.findIndex((a) => !alertIsActive(a));
      const [dropped] = s.recent.splice(ended >= 0 ? ended : 0, 1);
      for (const [g, gid] of Object.entries(s.groups)) if (gid === dropped!.id) delete s.groups[g];
    }
  }

  /** The lowest area both `a` and `b` count towards. */
  private commonArea(a: string, b: string): string {
    if (a === b) return a;
    const above = this.rollup(b);
    return this.rollup(a).find((x) => above.includes(x)) ?? a;
  }
}

/** Critical and needing action at `nowMs`: what a wall puts in front of everyone. */
export const alertIsUrgent = (a: Alert, alerts?: AlertsState, nowMs = Infinity): boolean =>
  a.severity === 'critical' &&
  (alerts ? alarmState(a, alerts, nowMs) === 'unack' : alertIsActive(a) && a.ack === null);

/** The newest urgent alert raised at or after `sinceMs` (scenario ms), skipping the ids in `except`. */
export function takeoverAlert(
  alerts: AlertsState,
  sinceMs = -Infinity,
  except: readonly string[] = [],
  nowMs = Infinity,
): Alert | null {
  for (let i = alerts.recent.length - 1; i >= 0; i--) {
    const a = alerts.recent[i]!;
    if (alertIsUrgent(a, alerts, nowMs) && a.raisedTsMs >= sinceMs && !except.includes(a.id)) return a;
  }
  return null;
}
