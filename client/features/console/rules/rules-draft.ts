import type { z } from 'zod';
import {
  ALARM_PRIORITIES,
  AlertRules,
  type AlarmPriority,
  type ConditionDelay,
  type SensorAlarmRule,
  type SensorThreshold,
} from '../../../../protocol/alert-rules.schema';
import {
  BUILT_IN_PRIORITIES,
  BUILT_IN_SENSOR_DELAYS,
  SENSOR_THRESHOLDS,
} from '../../../../protocol/state/built-in-rules';
import { SensorKind } from '../../../../protocol/sensor-kind';

/** What the editor shows of one number: the text as typed, so "1,6" stays "1,6" while it is being edited. */
export type NumberText = string;

export interface ThresholdDraft {
  /** No threshold alarms at all (the rules' `null`). */
  off: boolean;
  warning: NumberText;
  alarm: NumberText;
  /** The dead band's lower edge; empty: the built-in default (half the gap under the warning). */
  clear: NumberText;
}

export interface KindDraft extends ThresholdDraft {
  onReadings: NumberText;
  onSeconds: NumberText;
  offReadings: NumberText;
  offSeconds: NumberText;
  priorityWarning: AlarmPriority;
  priorityCritical: AlarmPriority;
}

export interface SiteDraft extends ThresholdDraft {
  siteId: string;
}

/** The rules as the editor holds them: the rule set it started from, plus the fields it edits as typed. */
export interface RulesDraft {
  base: AlertRules;
  kinds: Record<SensorKind, KindDraft>;
  sites: SiteDraft[];
}

/** Where a problem is: a kind's row, a site's row (by its index in the draft), or the rule set as a whole. */
export type RowKey = `kind:${SensorKind}` | `site:${number}` | 'rules';

export interface RuleProblem {
  row: RowKey;
  /** The field within the row, when one is to blame. */
  field: string | null;
  issue: z.core.$ZodIssue;
}

export type DraftCheck = { ok: true; rules: AlertRules } | { ok: false; problems: RuleProblem[] };

const text = (n: number | undefined): NumberText => (n === undefined ? '' : formatNumberText(n));

/** Vietnamese decimal comma, no thousands separator: the editor reads back exactly what it wrote. */
export function formatNumberText(n: number): NumberText {
  return String(n).replace('.', ',');
}

/**
 * A typed number: "1,6" and "1.6" are both 1.6 (people type either); empty is "not set". Anything else is NaN,
 * which the protocol schema refuses as not a number, so the editor needs no second validator.
 */
export function parseNumberText(s: NumberText): number | undefined {
  const t = s.trim().replace(/\s/g, '');
  if (t === '') return undefined;
  if (!/^-?\d+([.,]\d+)?$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

function thresholdDraft(t: SensorThreshold | null): ThresholdDraft {
  return t === null
    ? { off: true, warning: '', alarm: '', clear: '' }
    : { off: false, warning: text(t.warning), alarm: text(t.alarm), clear: text(t.clear) };
}

/** Every kind's threshold priorities as they apply when the kind names none of its own. */
function generalPriorities(rules: AlertRules) {
  const own = rules.alarms?.priorities?.['sensor-threshold'];
  const built = BUILT_IN_PRIORITIES['sensor-threshold'];
  return { warning: own?.warning ?? built.warning, critical: own?.critical ?? built.critical };
}

/** The draft of a rule set: every field shows the value in force, the built-in one where the rules name none. */
export function draftOf(rules: AlertRules): RulesDraft {
  const general = generalPriorities(rules);
  const kinds = Object.fromEntries(
    SensorKind.options.map((kind) => {
      const custom = rules.sensorThresholds[kind];
      const threshold = custom === undefined ? SENSOR_THRESHOLDS[kind] : custom;
      const own = rules.alarms?.sensors?.[kind];
      const on = own?.onDelay ?? BUILT_IN_SENSOR_DELAYS[kind].onDelay;
      const off = own?.offDelay ?? BUILT_IN_SENSOR_DELAYS[kind].offDelay;
      const draft: KindDraft = {
        ...thresholdDraft(threshold),
        onReadings: text(on.readings),
        onSeconds: text(on.seconds),
        offReadings: text(off.readings),
        offSeconds: text(off.seconds),
        priorityWarning: own?.priority?.warning ?? general.warning,
        priorityCritical: own?.priority?.critical ?? general.critical,
      };
      return [kind, draft];
    }),
  ) as Record<SensorKind, KindDraft>;
  const sites = Object.entries(rules.siteThresholds ?? {}).map(([siteId, t]) => ({
    siteId,
    ...thresholdDraft(t),
  }));
  return { base: rules, kinds, sites };
}

function thresholdOf(d: ThresholdDraft): SensorThreshold | null {
  if (d.off) return null;
  const clear = parseNumberText(d.clear);
  return {
    warning: parseNumberText(d.warning) ?? Number.NaN,
    alarm: parseNumberText(d.alarm) ?? Number.NaN,
    ...(clear === undefined ? {} : { clear }),
  };
}

function delayOf(readings: NumberText, seconds: NumberText): ConditionDelay {
  const r = parseNumberText(readings);
  const s = parseNumberText(seconds);
  return { ...(r === undefined ? {} : { readings: r }), ...(s === undefined ? {} : { seconds: s }) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The rule set a draft stands for. A field left at its built-in value is left out, as in a rules file written by
 * hand, so a rule set edited here reads like one provisioned from the file and keeps following the built-in
 * tables where nobody changed them. Everything the editor does not show (stuck sensors, epidemic, grouping)
 * is the base rule set's.
 */
export function rulesOf(draft: RulesDraft): unknown {
  const base = draft.base;
  const general = generalPriorities(base);
  const sensorThresholds: Record<string, SensorThreshold | null> = {};
  const sensors: Record<string, SensorAlarmRule> = { ...base.alarms?.sensors };
  for (const kind of SensorKind.options) {
    const d = draft.kinds[kind];
    const threshold = thresholdOf(d);
    if (!same(threshold, SENSOR_THRESHOLDS[kind])) sensorThresholds[kind] = threshold;
    const built = BUILT_IN_SENSOR_DELAYS[kind];
    const onDelay = delayOf(d.onReadings, d.onSeconds);
    const offDelay = delayOf(d.offReadings, d.offSeconds);
    const priority = {
      ...(d.priorityWarning === general.warning ? {} : { warning: d.priorityWarning }),
      ...(d.priorityCritical === general.critical ? {} : { critical: d.priorityCritical }),
    };
    const rule: SensorAlarmRule = {
      ...(same(onDelay, built.onDelay) ? {} : { onDelay }),
      ...(same(offDelay, built.offDelay) ? {} : { offDelay }),
      ...(Object.keys(priority).length > 0 ? { priority } : {}),
    };
    if (Object.keys(rule).length > 0) sensors[kind] = rule;
    else delete sensors[kind];
  }
  const { siteThresholds: _oldSites, alarms: oldAlarms, ...rest } = base;
  const { sensors: _oldSensors, ...otherHandling } = oldAlarms ?? {};
  const alarms = Object.keys(sensors).length > 0 ? { ...otherHandling, sensors } : otherHandling;
  const siteThresholds = Object.fromEntries(draft.sites.map((s) => [s.siteId.trim(), thresholdOf(s)]));
  return {
    ...rest,
    sensorThresholds,
    ...(draft.sites.length > 0 ? { siteThresholds } : {}),
    ...(Object.keys(alarms).length > 0 ? { alarms } : {}),
  };
}

const DELAY_FIELDS = { onDelay: 'on', offDelay: 'off' } as const;

/** The row and field a schema issue is about, from its path in the rule set. */
function locate(path: readonly PropertyKey[], draft: RulesDraft): Omit<RuleProblem, 'issue'> {
  const [top, key, ...more] = path.map(String);
  if (top === 'sensorThresholds' && key) return { row: `kind:${key as SensorKind}`, field: more[0] ?? null };
  if (top === 'alarms' && key === 'sensors' && more[0]) {
    const [kind, part, leaf] = more;
    const prefix = DELAY_FIELDS[part as keyof typeof DELAY_FIELDS];
    // A leaf names one number; without one the delay as a whole is at fault (`onDelay`, `offDelay`).
    const leafName = leaf === 'seconds' ? 'Seconds' : leaf === 'readings' ? 'Readings' : null;
    const field = prefix ? (leafName ? `${prefix}${leafName}` : part!) : null;
    return { row: `kind:${kind as SensorKind}`, field };
  }
  if (top === 'siteThresholds' && key !== undefined) {
    const index = draft.sites.findIndex((s) => s.siteId.trim() === key);
    return { row: index >= 0 ? `site:${index}` : 'rules', field: more[0] ?? null };
  }
  return { row: 'rules', field: null };
}

/**
 * Checks a draft with the protocol's `AlertRules`, the same schema the rules file and `POST /api/alarms/rules`
 * use, so the console refuses exactly what the server would. Two rows for one site would silently become one;
 * that is the only check of its own.
 */
export function checkDraft(draft: RulesDraft): DraftCheck {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, number>();
  draft.sites.forEach((s, i) => {
    const id = s.siteId.trim();
    if (seen.has(id))
      problems.push({
        row: `site:${i}`,
        field: 'siteId',
        issue: { code: 'custom', path: ['siteThresholds', id], message: 'duplicate site', input: id },
      });
    seen.set(id, i);
  });
  const parsed = AlertRules.safeParse(rulesOf(draft));
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.push({ ...locate(issue.path, draft), issue });
  return problems.length > 0 || !parsed.success ? { ok: false, problems } : { ok: true, rules: parsed.data };
}

export const PRIORITY_CHOICES: readonly AlarmPriority[] = ALARM_PRIORITIES;
