import type { SensorKind } from '../events.schema';
import type { SiteState } from './dashboard-state';

export type SensorStatus = 'ok' | 'warning' | 'alarm' | 'offline' | 'stale';

/**
 * Warning and alarm thresholds per kind. Water level follows the alarm levels (BĐ2/BĐ3) used on the Vàm Cỏ
 * rivers at Tân An; PM2.5 and AQI follow Vietnam's VN_AQI bands; noise QCVN 26:2010 (daytime 70 dBA).
 */
export const SENSOR_THRESHOLDS: Record<SensorKind, { warning: number; alarm: number } | null> = {
  water_level: { warning: 1.6, alarm: 1.8 },
  rainfall: { warning: 30, alarm: 50 },
  pm25: { warning: 50, alarm: 75 },
  aqi: { warning: 101, alarm: 151 },
  traffic_flow: null,
  noise: { warning: 70, alarm: 85 },
  temperature: { warning: 37, alarm: 40 },
};

/** A reading older than this many of its cadence is stale; older than `OFFLINE_AFTER_MS`, offline. */
export const STALE_AFTER_MS = 3 * 60_000;
export const OFFLINE_AFTER_MS = 15 * 60_000;
/** Identical consecutive readings beyond this count mean a stuck sensor, shown as stale. */
export const STUCK_AFTER_REPEATS = 20;

/** Status of a site as seen at `nowMs` (scenario time): freshness first, then thresholds. */
export function sensorStatus(site: SiteState, nowMs: number): SensorStatus {
  const age = nowMs - site.tsMs;
  if (age > OFFLINE_AFTER_MS) return 'offline';
  if (age > STALE_AFTER_MS || site.repeats >= STUCK_AFTER_REPEATS) return 'stale';
  const t = SENSOR_THRESHOLDS[site.kind];
  if (!t) return 'ok';
  if (site.value >= t.alarm) return 'alarm';
  if (site.value >= t.warning) return 'warning';
  return 'ok';
}

export function countByStatus(sites: Iterable<SiteState>, nowMs: number): Record<SensorStatus, number> {
  const counts: Record<SensorStatus, number> = { ok: 0, warning: 0, alarm: 0, offline: 0, stale: 0 };
  for (const s of sites) counts[sensorStatus(s, nowMs)]++;
  return counts;
}
