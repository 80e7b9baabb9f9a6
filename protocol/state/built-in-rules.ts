import type {
  AlarmPriority,
  AlertRuleName,
  AlertRules,
  ConditionDelay,
  SensorThreshold,
  StuckRule,
} from '../alert-rules.schema';
import type { SensorKind } from '../sensor-kind';

/**
 * Warning and alarm thresholds per kind. Water level follows the alarm levels (BĐ2/BĐ3) used on the Vàm Cỏ
 * rivers at Tân An; PM2.5 and AQI follow Vietnam's VN_AQI bands; noise QCVN 26:2010 (daytime 70 dBA).
 */
export const SENSOR_THRESHOLDS: Record<SensorKind, SensorThreshold | null> = {
  water_level: { warning: 1.6, alarm: 1.8 },
  rainfall: { warning: 30, alarm: 50 },
  pm25: { warning: 50, alarm: 75 },
  aqi: { warning: 101, alarm: 151 },
  traffic_flow: null,
  noise: { warning: 70, alarm: 85 },
  temperature: { warning: 37, alarm: 40 },
};

/**
 * The stuck rule per kind. A count is a time only through the kind's cadence (water, rain and temperature
 * every 60 s, PM2.5 and AQI 30 s, noise 15 s, traffic 10 s), so each count is set from two facts: a week of the
 * default scenario's healthy readings repeats a value at most 13 times in a row for water level and traffic,
 * 9 for temperature, 6 for PM2.5, 4 for noise and 30 for the whole-number AQI at night; and a stuck sensor
 * should show within 10–30 minutes. Zero rain and zero traffic (a road closed at night) are constant honestly,
 * as is a sound meter at its floor (35 dBA is the floor of a class 2 meter, below any street at night).
 */
export const BUILT_IN_STUCK_RULES: Record<SensorKind, StuckRule | null> = {
  water_level: { repeats: 20 },
  rainfall: { repeats: 20, ignoreAtOrBelow: 0 },
  pm25: { repeats: 20 },
  aqi: { repeats: 60 },
  traffic_flow: { repeats: 60, ignoreAtOrBelow: 0 },
  noise: { repeats: 40, ignoreAtOrBelow: 35 },
  temperature: { repeats: 30 },
};

/** A site whose newest reading is older than this is stale (the offline delay comes from the rules). */
export const STALE_AFTER_MS = 3 * 60_000;

/** The rules in force before any `alert-rules:changed`: the built-in tables above. */
export const DEFAULT_ALERT_RULES: AlertRules = {
  version: 1,
  sensorThresholds: {},
  sensorOfflineAfterMin: 15,
  epidemic: { warningLevel: 3, criticalLevel: 4 },
  lateDossiersPerDay: 5,
};

/** The thresholds of a kind under `rules` (a kind the rules leave out keeps the built-in ones). */
export function thresholdOf(rules: AlertRules | null, kind: SensorKind): SensorThreshold | null {
  const custom = rules?.sensorThresholds[kind];
  return custom === undefined ? SENSOR_THRESHOLDS[kind] : custom;
}

/** The stuck rule of a kind under `rules` (a kind the rules leave out keeps the built-in one). */
export function stuckRuleOf(rules: AlertRules | null, kind: SensorKind): StuckRule | null {
  const custom = rules?.stuckReadings?.[kind];
  return custom === undefined ? BUILT_IN_STUCK_RULES[kind] : custom;
}

/** Site thresholds over the kind's: a site the rules name keeps its own (null: no threshold alarms there). */
export function siteThresholdOf(
  rules: AlertRules | null,
  kind: SensorKind,
  siteId: string,
): SensorThreshold | null {
  const own = rules?.siteThresholds?.[siteId];
  return own === undefined ? thresholdOf(rules, kind) : own;
}

/** Alarm handling as the rules resolve it: every field has a value. */
export interface ResolvedAlarmHandling {
  groupWindowMs: number;
  areaGroupWindowMs: number;
  chatterPerMinute: number;
  informational: readonly AlertRuleName[];
}

/**
 * The built-in alarm handling, tuned on the default scenario (docs/alarms.md): ISA-18.2 asks for about 80 % low,
 * 15 % medium, 5 % high. A threshold warning is low (a tide at 1,60 m is a fact to watch, not to act on), a
 * threshold alarm high; a silent site low; epidemic level 3 medium, level 4 high; a day of late dossiers low and
 * informational. `critical` is for the rules an operator adds (a flood gauge above its BĐ3, say).
 */
export const BUILT_IN_PRIORITIES: Record<AlertRuleName, { warning: AlarmPriority; critical: AlarmPriority }> =
  {
    'sensor-threshold': { warning: 'low', critical: 'high' },
    'sensor-offline': { warning: 'low', critical: 'low' },
    'epidemic-level': { warning: 'medium', critical: 'high' },
    'dossier-late': { warning: 'low', critical: 'low' },
  };

/**
 * On- and off-delays of threshold conditions per kind, from each kind's cadence: a condition must hold for about
 * 3 minutes (5 for water level, whose tide moves slowly and whose gauges ripple) before it raises, and be back under
 * the line as long before it clears. One reading never raises: a spike is noise, not a condition.
 */
export const BUILT_IN_SENSOR_DELAYS: Record<
  SensorKind,
  { onDelay: ConditionDelay; offDelay: ConditionDelay }
> = {
  water_level: { onDelay: { readings: 5, seconds: 240 }, offDelay: { readings: 5, seconds: 240 } },
  rainfall: { onDelay: { readings: 3, seconds: 120 }, offDelay: { readings: 5, seconds: 240 } },
  pm25: { onDelay: { readings: 6, seconds: 150 }, offDelay: { readings: 6, seconds: 150 } },
  aqi: { onDelay: { readings: 6, seconds: 150 }, offDelay: { readings: 6, seconds: 150 } },
  traffic_flow: { onDelay: { readings: 18, seconds: 170 }, offDelay: { readings: 18, seconds: 170 } },
  noise: { onDelay: { readings: 12, seconds: 165 }, offDelay: { readings: 12, seconds: 165 } },
  temperature: { onDelay: { readings: 3, seconds: 120 }, offDelay: { readings: 3, seconds: 120 } },
};

export const BUILT_IN_GROUP_WINDOW_MIN = 60;
/** A week: the epidemic levels of a wave rise district by district over days, one report a day each. */
export const BUILT_IN_AREA_GROUP_WINDOW_MIN = 7 * 24 * 60;
export const BUILT_IN_CHATTER_PER_MINUTE = 3;
export const BUILT_IN_INFORMATIONAL: readonly AlertRuleName[] = ['dossier-late'];

export function alarmHandlingOf(rules: AlertRules | null): ResolvedAlarmHandling {
  const a = rules?.alarms;
  return {
    groupWindowMs: (a?.groupWindowMin ?? BUILT_IN_GROUP_WINDOW_MIN) * 60_000,
    areaGroupWindowMs:
      (a?.areaGroupWindowMin ?? a?.groupWindowMin ?? BUILT_IN_AREA_GROUP_WINDOW_MIN) * 60_000,
    chatterPerMinute: a?.chatterPerMinute ?? BUILT_IN_CHATTER_PER_MINUTE,
    informational: a?.informational ?? BUILT_IN_INFORMATIONAL,
  };
}

/** The priority of a rule's level (1 warning, 2 critical), for a kind when it is a threshold alarm. */
export function priorityOf(
  rules: AlertRules | null,
  rule: AlertRuleName,
  level: number,
  kind: SensorKind | null,
): AlarmPriority {
  const which = level >= 2 ? 'critical' : 'warning';
  const perKind =
    rule === 'sensor-threshold' && kind ? rules?.alarms?.sensors?.[kind]?.priority?.[which] : undefined;
  return perKind ?? rules?.alarms?.priorities?.[rule]?.[which] ?? BUILT_IN_PRIORITIES[rule][which];
}

/** The on- and off-delay of a kind's threshold conditions. */
export function sensorDelaysOf(
  rules: AlertRules | null,
  kind: SensorKind,
): { onDelay: ConditionDelay; offDelay: ConditionDelay } {
  const own = rules?.alarms?.sensors?.[kind];
  const built = BUILT_IN_SENSOR_DELAYS[kind];
  return { onDelay: own?.onDelay ?? built.onDelay, offDelay: own?.offDelay ?? built.offDelay };
}
