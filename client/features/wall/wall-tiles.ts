import type { AreaRollup } from '../../../protocol/state/apply-events';
import type { DashboardState, SiteState } from '../../../protocol/state/dashboard-state';
import type { SensorKind } from '../../../protocol/sensor-kind';
import { change, type Change, type Polarity } from '../../../protocol/compare';
import { alarmNeedsAction, alertTouches } from '../../../protocol/state/alerts';
import { STALE_AFTER_MS, thresholdOf } from '../../../protocol/state/built-in-rules';
import {
  areasAtEpidemicLevel,
  covidDaily,
  covidNewComparison,
  level4Share,
  onlineDaily,
  onlineTodayComparison,
  onTimeRate,
  openDossiers,
} from '../../../protocol/state/kpis';
import { countByStatus } from '../../../protocol/state/sensor-status';
import { VN_OFFSET_MS } from '../../../protocol/time';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import type { MessageKey } from '../../i18n';
import { isWard } from '../../store/drill-down';
import { inAreaOf } from '../../store/selectors';
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
  /** Whether that change is good or bad for this KPI (more new cases is bad), for its colour and word. */
  verdict: Change['verdict'];
  /** What the change is against: yesterday at the same time (a day in progress), or the report day before. */
  deltaBasis: { key: MessageKey; time?: string } | null;
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

/** Key of a tile's samples: the same tile of two areas (two scenes) keeps two histories. */
export const sampleKey = (area: string, id: TileId): string => `${area}/${id}`;
export type TileSamples = Readonly<Partial<Record<string, readonly number[]>>>;

const sitesOf = (state: DashboardState, kind: SensorKind, inArea: (a: string) => boolean): SiteState[] =>
  Object.values(state.sites).filter((s) => s.kind === kind && inArea(s.area));

/** HH:MM of an instant, Vietnam time. */
const vnClock = (ms: number) => new Date(ms + VN_OFFSET_MS).toISOString().slice(11, 16);

function compared(current: number | null, previous: number | null, polarity: Polarity) {
  const c = change(current, previous, polarity);
  return { delta: c.delta, verdict: c.verdict };
}

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
 * The figures of the given tiles of `area` (the scene's focus; the province by default) at `nowMs` (scenario
 * time): its own dossier and COVID counters, the sites and alerts in it. Every figure is a protocol derivation
 * (protocol/state/kpis.ts); this only picks, labels and judges them. `samples` holds the wall's own recent
 * samples of sensor tiles (the state keeps only the latest reading per site), oldest first.
 */
export function computeTiles(
  ids: readonly TileId[],
  state: DashboardState,
  nowMs: number,
  rollup: AreaRollup,
  samples: TileSamples = {},
  area: string = PROVINCE_CODE,
): TileModel[] {
  const here = state.areas[area];
  const inArea = inAreaOf(area, rollup);
  const last = (s: Stream) => here?.lastTsMs[s] ?? 0;
  const base = (id: TileId, label: MessageKey, stream: Stream, patch: Partial<TileModel>): TileModel => {
    const lastTsMs = patch.lastTsMs ?? last(stream);
    return {
      id,
      label,
      value: null,
      format: 'int',
      unit: null,
      delta: null,
      verdict: null,
      deltaBasis: null,
      target: null,
      targetKind: 'goal',
      spark: samples[sampleKey(area, id)] ?? [],
      tone: 'normal',
      ...patch,
      lastTsMs,
      stale: lastTsMs === 0 || nowMs - lastTsMs > STREAM_STALE_AFTER_MS[stream],
    };
  };
  const d = here?.dossier;
  const c = here?.covid;
  const sensorMax = (
    id: TileId,
    label: MessageKey,
    kind: SensorKind,
    unit: MessageKey,
    within: (a: string) => boolean = inArea,
  ): TileModel => {
    const sites = sitesOf(state, kind, within);
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
        // Today is in progress: it is compared with yesterday up to the same minute, not with all of it.
        const cmp = onlineTodayComparison(here, nowMs);
        return base(id, 'wall.tile.onlineToday', 'dossier', {
          value: cmp.today,
          unit: 'unit.dossiers',
          ...compared(cmp.current, cmp.previous, 'higherIsBetter'),
          deltaBasis: { key: 'wall.tile.vsSameTimeYesterday', time: vnClock(cmp.asOfMs) },
          spark: onlineDaily(here, nowMs, SPARK_DAYS),
        });
      }
      case 'onTimeRate':
        return base(id, 'kpi.onTimeRate', 'dossier', {
          value: d ? onTimeRate(d) : null,
          format: 'pct',
          target: 0.99,
        });
      case 'openDossiers':
        return base(id, 'kpi.open', 'dossier', {
          value: d ? openDossiers(d) : null,
          unit: 'unit.dossiers',
        });
      case 'level4Share':
        return base(id, 'wall.tile.level4Share', 'dossier', {
          value: d ? level4Share(d) : null,
          format: 'pct',
          target: 1,
        });
      case 'covidNew': {
        const cmp = covidNewComparison(here);
        return base(id, 'kpi.covidNew', 'covid', {
          value: cmp.latest,
          unit: 'unit.cases',
          ...compared(cmp.latest, cmp.dayBefore, 'lowerIsBetter'),
          deltaBasis: { key: 'wall.tile.vsDayBefore' },
          spark: covidDaily(here, nowMs, SPARK_DAYS),
        });
      }
      case 'covidCumulative':
        return base(id, 'wall.tile.covidCumulative', 'covid', {
          value: c?.cumulativeCases ?? null,
          unit: 'unit.cases',
        });
      case 'epidemicLevel4': {
        // The province counts its districts (wards roll up into them); a district counts itself.
        const n = areasAtEpidemicLevel(state, (code) =>
          area === PROVINCE_CODE ? code !== PROVINCE_CODE && !isWard(code) : code === area,
        );
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
        const n = countByStatus(
          Object.values(state.sites).filter((s) => inArea(s.area)),
          state.alerts,
          nowMs,
        ).alarm;
        return base(id, 'kpi.sensorAlarm', 'sensor', {
          value: n,
          unit: 'unit.sites',
          tone: n > 0 ? 'alarm' : 'normal',
        });
      }
      case 'waterLevelMax':
        // The province's river gauge of record is at Tân An; a district's scene reads its own gauges.
        return area === PROVINCE_CODE
          ? sensorMax(
              id,
              'wall.tile.waterLevelMax',
              'water_level',
              'wall.unit.m',
              inAreaOf(TAN_AN_CODE, rollup),
            )
          : sensorMax(id, 'wall.tile.waterLevelMaxHere', 'water_level', 'wall.unit.m');
      case 'rainfallMax':
        return sensorMax(id, 'wall.tile.rainfallMax', 'rainfall', 'wall.unit.mmh');
      case 'pm25Max':
        return sensorMax(id, 'wall.tile.pm25Max', 'pm25', 'wall.unit.ugm3');
      case 'aqiMax':
        return sensorMax(id, 'wall.tile.aqiMax', 'aqi', 'wall.unit.index');
      case 'noiseMax':
        return sensorMax(id, 'wall.tile.noiseMax', 'noise', 'wall.unit.dba');
      case 'trafficFlow': {
        const sites = sitesOf(state, 'traffic_flow', inArea);
        return base(id, 'wall.tile.trafficFlow', 'sensor', {
          value: sites.length ? sites.reduce((a, s) => a + s.value, 0) : null,
          unit: 'wall.unit.vehiclesH',
          lastTsMs: maxOf(sites).tsMs,
        });
      }
      case 'openAlerts': {
        // Only what needs action now (ISA-18.2 active and unacknowledged): returned, shelved, suppressed and
        // out-of-service alarms are on the console, not on this count.
        const open = state.alerts.recent.filter(
          (a) => alertTouches(a, inArea) && alarmNeedsAction(a, state.alerts, nowMs),
        );
        const critical = open.some((a) => a.priority === 'critical' || a.priority === 'high');
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

/** Appends one sample per sampled tile of `area`, keeping at most {@link MAX_SAMPLES}. */
export function addSamples(
  samples: TileSamples,
  tiles: readonly TileModel[],
  area: string = PROVINCE_CODE,
): Partial<Record<string, readonly number[]>> {
  const out: Partial<Record<string, readonly number[]>> = { ...samples };
  for (const t of tiles) {
    if (!SAMPLED_TILES.includes(t.id) || t.value === null) continue;
    const key = sampleKey(area, t.id);
    out[key] = [...(samples[key] ?? []), t.value].slice(-MAX_SAMPLES);
  }
  return out;
}
