import type { AlertRules, SensorThreshold, StuckRule } from '../alert-rules.schema';
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
