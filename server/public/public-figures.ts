import {
  METRIC,
  metricFigure,
  sumRows,
  type MetricName,
  DAY_MS,
  PublicAreas,
  PublicCovid,
  PublicSummary,
  covidFromSimulator,
  covidReconciliation,
  vnBucketStart,
  vnDateKey,
  vnDayStartMs,
  type AreaFeatureCollection,
  type AreaRollup,
  type DashboardState,
  type PublicCovidArea,
  type PublicPeriodFigures,
} from '../../protocol';
import type { Clock } from '../clock';
import type { EventStore } from '../store/event-store';

export interface FiguresDeps {
  store: EventStore;
  clock: Clock;
  state: () => DashboardState;
  /** The area tree, to reconcile the province's own COVID reports with its districts'. */
  rollup: AreaRollup;
  /** The area set in force at an instant. */
  areasAt: (atMs: number) => AreaFeatureCollection;
}

/** The public-service figures read no COVID report, so they need no area tree. */
type SummaryDeps = Omit<FiguresDeps, 'rollup'>;

const provinceOf = (c: AreaFeatureCollection) =>
  c.features.find((f) => f.properties.kind === 'province' || f.properties.parent === null)!.properties;

async function figure(store: EventStore, metric: MetricName, area: string, fromDay: string, toDay: string) {
  return metricFigure(METRIC[metric], sumRows(await store.dailyAggregates(metric, area, fromDay, toDay)))
    .value;
}

/** Province totals over [startMs, the end of today), read from the daily aggregates, not the log. */
async function period(deps: SummaryDeps, area: string, startMs: number, nowMs: number) {
  const fromDay = vnDateKey(startMs);
  const toDay = vnDateKey(vnDayStartMs(vnDateKey(nowMs)) + DAY_MS);
  const read = (m: MetricName) => figure(deps.store, m, area, fromDay, toDay);
  const [submitted, online, resolved, onTimeRate] = await Promise.all([
    read('dossier.submitted'),
    read('dossier.online_submitted'),
    read('dossier.resolved'),
    read('dossier.on_time_rate'),
  ]);
  // Counts always have a figure; only a ratio can be null.
  const figures: PublicPeriodFigures = {
    fromDay,
    toDay,
    submitted: submitted ?? 0,
    onlineSubmitted: online ?? 0,
    resolved: resolved ?? 0,
    onTimeRate,
  };
  return figures;
}

/** The public-service figures. Parsed with the strict public schema, so nothing unpublished gets out. */
export async function computeSummary(deps: SummaryDeps): Promise<PublicSummary> {
  const nowMs = deps.clock.now();
  const province = provinceOf(deps.areasAt(nowMs)).code;
  const last = deps.state().areas[province]?.lastTsMs;
  const [month, year] = await Promise.all([
    period(deps, province, vnBucketStart(nowMs, 'month'), nowMs),
    period(deps, province, vnBucketStart(nowMs, 'year'), nowMs),
  ]);
  return PublicSummary.parse({
    generatedAtMs: Date.now(),
    asOfMs: nowMs,
    lastUpdate: { dossierMs: last?.dossier || null, covidMs: last?.covid || null },
    month,
    year,
  });
}

function covidOf(state: DashboardState, code: string, name: string): PublicCovidArea {
  const c = state.areas[code]?.covid;
  return {
    code,
    name,
    epidemicLevel: c?.epidemicLevel ?? 1,
    newCasesLastDate: c?.newCasesLastDate ?? 0,
    cumulativeCases: c?.cumulativeCases ?? 0,
    recovered: c?.recovered ?? 0,
    deaths: c?.deaths ?? 0,
    vaccineDoses: c?.vaccineDoses ?? 0,
    lastDate: c?.lastDate ?? null,
    simulated: covidFromSimulator(state, code),
  };
}

/** The province's own reports against its districts' sum: the operators' `covidReconciliation`, renamed. */
function reconciliationOf(deps: FiguresDeps, state: DashboardState, code: string) {
  const r = covidReconciliation(state, code, deps.rollup);
  return (
    r && {
      cases: r.cases,
      districtsCases: r.childrenCases,
      unallocatedCases: r.unallocatedCases,
      districtsSimulated: r.childrenSimulated,
    }
  );
}

/** COVID figures of the province and of each unit directly under it, from the live state. */
export function computeCovid(deps: FiguresDeps): PublicCovid {
  const nowMs = deps.clock.now();
  const set = deps.areasAt(nowMs);
  const province = provinceOf(set);
  const state = deps.state();
  return PublicCovid.parse({
    generatedAtMs: Date.now(),
    asOfMs: nowMs,
    province: covidOf(state, province.code, province.name),
    districts: set.features
      .filter((f) => f.properties.parent === province.code)
      .map((f) => covidOf(state, f.properties.code, f.properties.name)),
    reconciliation: reconciliationOf(deps, state, province.code),
  });
}

/** The boundaries in force, reduced to what a map needs. */
export function computeAreas(deps: FiguresDeps): PublicAreas {
  const set = deps.areasAt(deps.clock.now());
  const top = provinceOf(set).code;
  // The citizen map colours the province's direct units; Tân An's wards would only cover the city's colour.
  const shown = set.features.filter((f) => f.properties.parent === null || f.properties.parent === top);
  return PublicAreas.parse({
    type: 'FeatureCollection',
    features: shown.map((f) => ({
      type: 'Feature',
      properties: {
        code: f.properties.code,
        name: f.properties.name,
        kind: f.properties.kind,
        parent: f.properties.parent,
        schematic: f.properties.schematic ?? false,
      },
      geometry: f.geometry,
    })),
  });
}
