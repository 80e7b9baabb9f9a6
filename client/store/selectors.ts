import type { AreaRollup, DashboardState, LonLat, SensorKind, SensorStatus } from '../../protocol';
import {
  covidDayReconciliation,
  covidLastDaySimulated,
  kpiSnapshot,
  onlineDaily as onlineDays,
  onlineOnDay,
  type CovidDayReconciliation,
} from '../../protocol/state/kpis';
import { siteStatus } from '../../protocol/state/sensor-status';
import { DAY_MS, vnDateKey, vnDayStartMs } from '../../protocol/time';
import { PROVINCE_CODE } from '../../geo/areas';

/** The figures of one column of KPI tiles. Rates are 0–1 or null; times are scenario ms, 0 when never. */
export interface AreaKpis {
  onlineToday: number;
  onTimeRate: number | null;
  openDossiers: number;
  covidNewCases: number;
  covidLastDate: string | null;
  sensorAlarm: number;
  sensorOk: number;
  sensorTotal: number;
  dossierTsMs: number;
  sensorTsMs: number;
  /** Whether the latest report day's figure comes from a simulator: the tile says so. */
  covidSimulated: boolean;
  /** The area's own latest report against its children's that day; null when it did not report itself. */
  covidDay: CovidDayReconciliation | null;
}

/**
 * Sites of the province are all sites; under it, those whose area rolls up to the code in the server's tree
 * (the store's `rollup`), so a site in a ward of a set imported while running counts in its district.
 */
export function inAreaOf(code: string, rollup: AreaRollup): (siteArea: string) => boolean {
  if (code === PROVINCE_CODE) return () => true;
  return (siteArea) => siteArea === code || rollup(siteArea).includes(code);
}

/**
 * "Now" for the dashboard: the scenario clock when it has ticked, else the newest event the state holds, so a
 * page that has a snapshot but no tick yet still shows today's figures rather than zeros.
 */
export function effectiveNowMs(state: DashboardState, scenarioNowMs: number | null): number {
  if (scenarioNowMs !== null) return scenarioNowMs;
  const ts = state.areas[PROVINCE_CODE]?.lastTsMs;
  return ts ? Math.max(ts.dossier, ts.covid, ts.sensor) : 0;
}

type SiteAreas = Readonly<Record<string, string | null>>;
const assigned = new WeakMap<DashboardState, WeakMap<SiteAreas, DashboardState>>();

/**
 * The state with each site in the unit the set drawn puts it in (a ward of Tân An rather than the city its
 * readings name). Sites the assignment does not know keep their area. Cached per state and assignment.
 */
export function withSiteAreas(state: DashboardState, siteAreas: SiteAreas | null): DashboardState {
  if (!siteAreas) return state;
  let bySites = assigned.get(state);
  if (!bySites) assigned.set(state, (bySites = new WeakMap()));
  let out = bySites.get(siteAreas);
  if (!out) {
    const sites = Object.fromEntries(
      Object.entries(state.sites).map(([id, s]) => [id, { ...s, area: siteAreas[id] ?? s.area }]),
    );
    bySites.set(siteAreas, (out = { ...state, sites }));
  }
  return out;
}

/** True when the state holds figures reported for `code` itself (dossiers and COVID reports name districts). */
export function hasOwnFigures(state: DashboardState, code: string): boolean {
  return state.areas[code] !== undefined;
}

export function areaKpis(
  state: DashboardState,
  code: string,
  nowMs: number,
  rollup: AreaRollup,
  siteAreas: SiteAreas | null = null,
): AreaKpis {
  const k = kpiSnapshot(withSiteAreas(state, siteAreas), code, nowMs, inAreaOf(code, rollup));
  const total = Object.values(k.sensors).reduce((a, b) => a + b, 0);
  return {
    onlineToday: onlineOnDay(state.areas[code], vnDateKey(nowMs)),
    onTimeRate: k.onTimeRate,
    openDossiers: k.openDossiers,
    covidNewCases: k.covidNewCasesLastDate,
    covidLastDate: k.covidLastDate,
    sensorAlarm: k.sensors.alarm,
    sensorOk: k.sensors.ok,
    sensorTotal: total,
    dossierTsMs: k.lastTsMs.dossier,
    sensorTsMs: k.lastTsMs.sensor,
    covidSimulated: covidLastDaySimulated(state, code, rollup),
    covidDay: covidDayReconciliation(state, code, rollup),
  };
}

export interface DailyPoint {
  /** `YYYY-MM-DD`, Vietnam time. */
  day: string;
  [series: string]: number | string;
}

/** Online submissions per day for each code over the `days` days ending with the day of `nowMs`. */
export function onlineDaily(
  state: DashboardState,
  codes: readonly string[],
  nowMs: number,
  days = 30,
): DailyPoint[] {
  const lastStart = vnDayStartMs(vnDateKey(nowMs));
  const perCode = codes.map((code) => onlineDays(state.areas[code], nowMs, days));
  return perCode[0]
    ? perCode[0].map((_, i) => {
        const point: DailyPoint = { day: vnDateKey(lastStart - (days - 1 - i) * DAY_MS) };
        codes.forEach((code, j) => (point[code] = perCode[j]![i]!));
        return point;
      })
    : Array.from({ length: days }, (_, i) => ({ day: vnDateKey(lastStart - (days - 1 - i) * DAY_MS) }));
}

export interface SiteMarker {
  siteId: string;
  kind: SensorKind;
  lonLat: LonLat;
  status: SensorStatus;
}

/** Each site with its status as seen at `nowMs` (scenario time) under the rules in force, ready for the map. */
export function siteMarkers(state: DashboardState, nowMs: number): SiteMarker[] {
  return Object.values(state.sites).map((s) => ({
    siteId: s.siteId,
    kind: s.kind,
    lonLat: s.lonLat,
    status: siteStatus(s, state.alerts, nowMs),
  }));
}
