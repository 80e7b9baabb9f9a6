import type { DashboardState, SiteState } from '../../../protocol/state/dashboard-state';
import type { SensorKind } from '../../../protocol/sensor-kind';
import { alertIsOpen } from '../../../protocol/state/alerts';
import { STALE_AFTER_MS, thresholdOf } from '../../../protocol/state/built-in-rules';
import { countByStatus } from '../../../protocol/state/sensor-status';
import { DAY_MS, vnDateKey, vnDayStartMs } from '../../../protocol/time';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import type { MessageKey } from '../../i18n';
import type { TileId } from './playlists';

const HOUR_MS = 3_600_000;

/**
 * How late each stream may be before its tiles turn stale: sensors report every minute (stale after the
 * map's 3 minutes), dossiers come in all day but thin out at night (6 h), COVID reports once a day (36 h).
 */
export const STREAM_STALE_AFTER_MS = {
  sensor: STALE_AFTER_MS,
  dossier: 6 * HOUR_MS,
  covid: 36 * HOUR_MS,
} as const;
type Stream = keyof typeof STREAM_STALE_AFTER_MS;

export type TileFormat = 'int' | 'pct' | 'dec1' | 'dec2';

/** One KPI tile as the wall draws it; everything already decided, so the view only formats. */
export interface TileModel {
  id: TileId;
  label: MessageKey;
  value: number | null;
  format: TileFormat;
  unit: MessageKey | null;
  /** Change against the previous period (yesterday, the previous report), in the value's unit. */
  delta: number | null;
  target: number | null;
  /** What `target` is: a goal to reach, or the alarm level a reading must stay under. */
  targetKind: 'goal' | 'alarm';
  /** Oldest first; empty when the tile has no history. */
  spark: readonly number[];
  /** Event time of the data behind the value, 0 when there is none. */
  lastTsMs: number;
  stale: boolean;
  tone: 'normal' | 'warn' | 'alarm';
}

const SPARK_DAYS = 14;

function dailySeries(
  state: DashboardState,
  area: string,
  nowMs: number,
  pick: (d: { online: number; covidNewCases: number }) => number,
) {
  const daily = state.areas[area]?.daily ?? {};
  const last = vnDayStartMs(vnDateKey(nowMs));
  const out: number[] = [];
  for (let i = SPARK_DAYS - 1; i >= 0; i--) {
    const d = daily[vnDateKey(last - i * DAY_MS)];
    out.push(d ? pick(d) : 0);
  }
  return out;
}

const sitesOf = (state: DashboardState, kind: SensorKind, area?: string): SiteState[] =>
  Object.values(state.sites).filter((s) => s.kind === kind && (!area || s.area === area));

function maxOf(sites: readonly SiteState[]): { value: number | null; tsMs: number } {
  let value: number | null = null;
  let tsMs = 0;
  for (const s of sites) {
    if (value === null || s.value > value) value = s.value;
    tsMs = Math.max(tsMs, s.tsMs);
  }
  return { value, tsMs };
}

/**
 * The figures of the given tiles at `nowMs` (scenario time). `samples` holds the wall's own recent samples of
 * sensor tiles (the state keeps only the latest reading per site), oldest first.
 */
export function computeTiles(
  ids: readonly TileId[],
  state: DashboardState,
  nowMs: number,
  samples: Readonly<Partial<Record<TileId, readonly number[]>>> = {},
): TileModel[] {
  const prov = state.areas[PROVINCE_CODE];
  const last = (s: Stream) => prov?.lastTsMs[s] ?? 0;
  const base = (id: TileId, label: MessageKey, stream: Stream, patch: Partial<TileModel>): TileModel => {
    const lastTsMs = patch.lastTsMs ?? last(stream);
    return {
      id,
      label,
      value: null,
      format: 'int',
      unit: null,
      delta: null,
      target: null,
      targetKind: 'goal',
      spark: samples[id] ?? [],
      tone: 'normal',
      ...patch,
      lastTsMs,
      stale: lastTsMs === 0 || nowMs - lastTsMs > STREAM_STALE_AFTER_MS[stream],
    };
  };
  const d = prov?.dossier;
  const c = prov?.covid;
  const sensorMax = (
    id: TileId,
    label: MessageKey,
    kind: SensorKind,
    unit: MessageKey,
    area?: string,
  ): TileModel => {
    const sites = sitesOf(state, kind, area);
    const m = maxOf(sites);
    const t = thresholdOf(state.alerts.rules, kind);
    // The colour is the sites' status, as the map and the alarm count have it, not a comparison of its own.
    const n = countByStatus(sites, state.alerts, nowMs);
    return base(id, label, 'sensor', {
      value: m.value,
      // Water levels in centimetres, as the alert and its threshold (2,15 m over 1,80) read them.
      format: kind === 'aqi' ? 'int' : kind === 'water_level' ? 'dec2' : 'dec1',
      unit,
      lastTsMs: m.tsMs,
      target: t?.alarm ?? null,
      targetKind: 'alarm',
      tone: n.alarm > 0 ? 'alarm' : n.warning > 0 ? 'warn' : 'normal',
    });
  };

  return ids.map((id): TileModel => {
    switch (id) {
      case 'onlineToday': {
        const spark = dailySeries(state, PROVINCE_CODE, nowMs, (x) => x.online);
        return base(id, 'wall.tile.onlineToday', 'dossier', {
          value: spark.at(-1)!,
          unit: 'unit.dossiers',
          delta: spark.at(-1)! - spark.at(-2)!,
          spark,
        });
      }
      case 'onTimeRate':
        return base(id, 'kpi.onTimeRate', 'dossier', {
          value: d && d.resolved ? d.resolvedOnTime / d.resolved : null,
          format: 'pct',
          target: 0.99,
        });
      case 'openDossiers':
        return base(id, 'kpi.open', 'dossier', {
          value: d ? d.submitted - d.resolved : null,
          unit: 'unit.dossiers',
        });
      case 'level4Share':
        return base(id, 'wall.tile.level4Share', 'dossier', {
          value: d && d.submitted ? d.level4Submitted / d.submitted : null,
          format: 'pct',
          target: 1,
        });
      case 'covidNew': {
        const spark = dailySeries(state, PROVINCE_CODE, nowMs, (x) => x.covidNewCases);
        const lastDate = c?.lastDate ?? null;
        const prev = lastDate
          ? prov?.daily[vnDateKey(vnDayStartMs(lastDate) - DAY_MS)]?.covidNewCases
          : undefined;
        return base(id, 'kpi.covidNew', 'covid', {
          value: c?.newCasesLastDate ?? null,
          unit: 'unit.cases',
          delta: prev !== undefined && c ? c.newCasesLastDate - prev : null,
          spark,
        });
      }
      case 'covidCumulative':
        return base(id, 'wall.tile.covidCumulative', 'covid', {
          value: c?.cumulativeCases ?? null,
          unit: 'unit.cases',
        });
      case 'epidemicLevel4': {
        const n = Object.entries(state.areas).filter(
          ([code, a]) => code !== PROVINCE_CODE && a.covid.epidemicLevel >= 4,
        ).length;
        return base(id, 'wall.tile.epidemicLevel4', 'covid', {
          value: n,
          unit: 'wall.unit.districts',
          tone: n > 0 ? 'alarm' : 'normal',
        });
      }
      case 'vaccineDoses':
        return base(id, 'wall.tile.vaccineDoses', 'covid', {
          value: c?.vaccineDoses ?? null,
          unit: 'wall.unit.doses',
        });
      case 'sensorAlarms': {
        const n = countByStatus(Object.values(state.sites), state.alerts, nowMs).alarm;
        return base(id, 'kpi.sensorAlarm', 'sensor', {
          value: n,
          unit: 'unit.sites',
          tone: n > 0 ? 'alarm' : 'normal',
        });
      }
      case 'waterLevelMax':
        return sensorMax(id, 'wall.tile.waterLevelMax', 'water_level', 'wall.unit.m', TAN_AN_CODE);
      case 'rainfallMax':
        return sensorMax(id, 'wall.tile.rainfallMax', 'rainfall', 'wall.unit.mmh');
      case 'pm25Max':
        return sensorMax(id, 'wall.tile.pm25Max', 'pm25', 'wall.unit.ugm3');
      case 'aqiMax':
        return sensorMax(id, 'wall.tile.aqiMax', 'aqi', 'wall.unit.index');
      case 'noiseMax':
        return sensorMax(id, 'wall.tile.noiseMax', 'noise', 'wall.unit.dba');
      case 'trafficFlow': {
        const sites = sitesOf(state, 'traffic_flow');
        return base(id, 'wall.tile.trafficFlow', 'sensor', {
          value: sites.length ? sites.reduce((a, s) => a + s.value, 0) : null,
          unit: 'wall.unit.vehiclesH',
          lastTsMs: maxOf(sites).tsMs,
        });
      }
      case 'openAlerts': {
        const open = state.alerts.recent.filter(alertIsOpen);
        const critical = open.some((a) => a.severity === 'critical');
        return base(id, 'wall.tile.openAlerts', 'sensor', {
          value: open.length,
          unit: 'wall.unit.alerts',
          tone: critical ? 'alarm' : open.length ? 'warn' : 'normal',
          // Alerts are derived from every stream: their age is the newest event's, not a stream's.
          lastTsMs: Math.max(last('sensor'), last('dossier'), last('covid')),
        });
      }
    }
  });
}

/** Tiles whose value the wall samples for its sparkline (the others draw theirs from the daily counts). */
export const SAMPLED_TILES: readonly TileId[] = [
  'onTimeRate',
  'openDossiers',
  'sensorAlarms',
  'waterLevelMax',
  'rainfallMax',
  'pm25Max',
  'aqiMax',
  'trafficFlow',
  'noiseMax',
  'openAlerts',
];

/** Samples kept per tile: one a minute, an hour of history. */
export const MAX_SAMPLES = 60;

/** Appends one sample per sampled tile, keeping at most {@link MAX_SAMPLES}. */
export function addSamples(
  samples: Readonly<Partial<Record<TileId, readonly number[]>>>,
  tiles: readonly TileModel[],
): Partial<Record<TileId, readonly number[]>> {
  const out: Partial<Record<TileId, readonly number[]>> = { ...samples };
  for (const t of tiles) {
    if (!SAMPLED_TILES.includes(t.id) || t.value === null) continue;
    out[t.id] = [...(samples[t.id] ?? []), t.value].slice(-MAX_SAMPLES);
  }
  return out;
}
