import { splitByDay, todaySoFar, type Span } from '../compare';
import { DAY_MS, vnDateKey, vnDayStartMs } from '../time';
import { COVID_TOTALS, METRIC, totalsFigure } from '../metrics';
import type { ServiceCatalogueYear } from '../review.schema';
import { SLOT_MINUTES, type AreaState, type DashboardState, type DossierCounters } from './dashboard-state';

const SLOT_MS = SLOT_MINUTES * 60_000;
import { countByStatus } from './sensor-status';
import type { AreaRollup } from './apply-events';
import {
  isSimulatedSource,
  reportCell,
  childrenTotals,
  figureTotals,
  REPORT_COUNTERS,
  reportDescendants,
  reportProvenance,
  winningReport,
  type ReportDays,
} from './daily-reports';
import type { CovidReconciliation, KpiSnapshot } from '../kpis.schema';

/**
 * The dossier and COVID figures every screen shows, each derived here once from the reduced state: the wall's
 * tiles and map, the operator screen, `/api/kpis`. Rates are 0–1 (null without data), counts whole numbers;
 * nothing is rounded here, views round when they format.
 */

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Resolved on time / resolved (null before the first resolution). */
export const onTimeRate = (d: DossierCounters): number | null =>
  totalsFigure(METRIC['dossier.on_time_rate'], d).value;
/** Submitted and not yet resolved. */
export const openDossiers = (d: DossierCounters): number => d.submitted - d.resolved;
/** Submitted online / submitted. */
export const onlineShare = (d: DossierCounters): number | null =>
  totalsFigure(METRIC['dossier.online_share'], d).value;
/** Submitted at online service level 4 / submitted (not a catalogue metric: the wall's share only). */
export const level4Share = (d: DossierCounters): number | null => ratio(d.level4Submitted, d.submitted);
/**
 * Services online at level 4 / services eligible for level 4 in the year's catalogue: the measure of the
 * province's target ("100 % of eligible public services at level 4"; 1,421/1,421 in 2021).
 */
export const level4EligibleShare = (c: ServiceCatalogueYear): number | null =>
  ratio(c.level4, c.eligibleLevel4);
/** Services online at level 4 / every procedure of the catalogue (1,421/1,860 in 2021): the catalogue's coverage. */
export const level4CatalogueShare = (c: ServiceCatalogueYear): number | null => ratio(c.level4, c.total);
/** Services online at level 3 / every procedure of the catalogue. */
export const level3CatalogueShare = (c: ServiceCatalogueYear): number | null => ratio(c.level3, c.total);
/** Paid through the national payment platform / submitted. */
export const onlinePaymentShare = (d: DossierCounters): number | null =>
  totalsFigure(METRIC['dossier.online_payment_share'], d).value;

/** Online submissions of an area on the Vietnam-time day `dayKey`. */
export function onlineOnDay(area: AreaState | undefined, dayKey: string): number {
  return area?.daily[dayKey]?.online ?? 0;
}

/**
 * Online submissions of an area over a span: whole days from the daily counts, parts of days from the slot
 * counts (a slot counts when it has ended by the span's end). Null when a part of a day is needed and its
 * slots are not kept.
 */
export function onlineInSpan(area: AreaState | undefined, span: Span): number | null {
  let sum = 0;
  for (const part of splitByDay(span)) {
    const day = area?.daily[part.day];
    if (part.whole || !day) {
      sum += day?.online ?? 0;
      continue;
    }
    if (!day.onlineBySlot) return null;
    const start = vnDayStartMs(part.day);
    for (const [m, n] of Object.entries(day.onlineBySlot)) {
      const t = start + Number(m) * 60_000;
      // Both sides of a comparison are cut the same way, at slot boundaries.
      if (t >= part.fromMs && t + SLOT_MS <= part.toMs) sum += n;
    }
  }
  return sum;
}

/**
 * Today's online submissions so far, and the fair comparison of "today so far" with yesterday: both days from
 * 00:00 to the same slot boundary of the clock (the slot in progress is left out of both; `asOfMs` is that
 * boundary). `current` and `previous` are null when the slot counts they need are not kept (an old snapshot).
 */
export function onlineTodayComparison(
  area: AreaState | undefined,
  nowMs: number,
): { today: number; current: number | null; previous: number | null; asOfMs: number } {
  const cut = Math.floor(nowMs / SLOT_MS) * SLOT_MS;
  const c = todaySoFar(cut);
  return {
    today: onlineOnDay(area, vnDateKey(nowMs)),
    current: onlineInSpan(area, c.current),
    previous: onlineInSpan(area, c.previous),
    asOfMs: c.asOfMs,
  };
}

/** Online submissions of the `days` days ending with the day of `nowMs`, oldest first. */
export function onlineDaily(area: AreaState | undefined, nowMs: number, days: number): number[] {
  return dailyValues(area, nowMs, days, (d) => d.online);
}

/** New COVID cases per reporting day over the `days` days ending with the day of `nowMs`, oldest first. */
export function covidDaily(area: AreaState | undefined, nowMs: number, days: number): number[] {
  return dailyValues(area, nowMs, days, (d) => d.covidNewCases);
}

function dailyValues(
  area: AreaState | undefined,
  nowMs: number,
  days: number,
  pick: (d: AreaState['daily'][string]) => number,
): number[] {
  const last = vnDayStartMs(vnDateKey(nowMs));
  const out: number[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const d = area?.daily[vnDateKey(last - i * DAY_MS)];
    out.push(d ? pick(d) : 0);
  }
  return out;
}

/**
 * New cases of the latest report day and of the report day before it: COVID reports cover whole days, so the
 * two are complete and compare like for like.
 */
export function covidNewComparison(area: AreaState | undefined): {
  latest: number | null;
  dayBefore: number | null;
} {
  const c = area?.covid;
  if (!c?.lastDate) return { latest: null, dayBefore: null };
  const before = area?.daily[vnDateKey(vnDayStartMs(c.lastDate) - DAY_MS)];
  return { latest: c.newCasesLastDate, dayBefore: before ? before.covidNewCases : null };
}

/**
 * New cases of the 7 days ending with the day of `nowMs` per 100,000 people: the measure the epidemic levels are
 * set by. Null when the population is unknown.
 */
export function covidWeekPer100k(area: AreaState | undefined, nowMs: number, population: number | undefined) {
  if (!population) return null;
  const week = covidDaily(area, nowMs, 7).reduce((a, b) => a + b, 0);
  return (week * 100_000) / population;
}

/** Areas (other than `except`) at `level` or above of those `counted` picks: the districts of the province. */
export function areasAtEpidemicLevel(
  state: DashboardState,
  counted: (code: string) => boolean,
  level = 4,
): number {
  return Object.entries(state.areas).filter(([code, a]) => counted(code) && a.covid.epidemicLevel >= level)
    .length;
}

/** KPIs of `area` as of `nowMs`; sensors count the sites in the area (all of them for the root area). */
export function kpiSnapshot(
  state: DashboardState,
  area: string,
  nowMs: number,
  inArea: (siteArea: string) => boolean,
  /** The area tree, to reconcile an area's own COVID reports with its children's; without it, no reconciliation. */
  rollup?: AreaRollup,
): KpiSnapshot {
  const a = state.areas[area];
  const d = a?.dossier;
  const sites = Object.values(state.sites).filter((s) => inArea(s.area));
  return {
    area,
    seq: state.seq,
    dossierSubmitted: d?.submitted ?? 0,
    dossierOnlineSubmitted: d?.onlineSubmitted ?? 0,
    onlineShare: d ? onlineShare(d) : null,
    onTimeRate: d ? onTimeRate(d) : null,
    openDossiers: d ? openDossiers(d) : 0,
    onlinePaymentShare: d ? onlinePaymentShare(d) : null,
    covidCumulativeCases: a?.covid.cumulativeCases ?? 0,
    covidNewCasesLastDate: a?.covid.newCasesLastDate ?? 0,
    covidLastDate: a?.covid.lastDate ?? null,
    epidemicLevel: a?.covid.epidemicLevel ?? 1,
    sensors: countByStatus(sites, state.alerts, nowMs),
    lastTsMs: a?.lastTsMs ?? { dossier: 0, sensor: 0, covid: 0 },
    covidSimulated: covidFromSimulator(state, area),
    covidReconciliation: rollup ? covidReconciliation(state, area, rollup) : null,
  };
}

/**
 * The reconciliation of an area's own reports with its children's, or null when there is nothing to reconcile:
 * the area never reported itself (its figure is then its children's sum), or it has no children with reports.
 */
export function covidReconciliation(
  state: DashboardState,
  area: string,
  rollup: AreaRollup,
  /**
   * Only the report days of a period (the leaders' review): cases of the period, not to date. A period still
   * running counts the days reported so far; the ledger holds no day after the clock.
   */
  days?: ReportDays,
): CovidReconciliation | null {
  const provenance = reportProvenance(state.reports, area, days);
  const kids = childrenTotals(state.reports, area, days);
  if (Object.keys(provenance.sources).length === 0 || !kids) return null;
  const childrenCases = kids[COVID_TOTALS.cumulativeCases];
  const cases = days
    ? figureTotals(state.reports, area, days)[COVID_TOTALS.cumulativeCases]
    : (state.areas[area]?.covid.cumulativeCases ?? 0);
  const childrenSimulated = reportDescendants(state.reports, area, rollup).some((c) =>
    Object.keys(reportProvenance(state.reports, c, days).sources).some(isSimulatedSource),
  );
  return { cases, childrenCases, unallocatedCases: cases - childrenCases, childrenSimulated, provenance };
}

/** Whether an area's own COVID figures come, on any day, from a simulator: views label them "mô phỏng". */
export function covidFromSimulator(state: DashboardState, area: string): boolean {
  return Object.keys(reportProvenance(state.reports, area).sources).some(isSimulatedSource);
}

/** The latest report day of an area that reported itself, against its children's reports of that day. */
export interface CovidDayReconciliation {
  day: string;
  /** New cases of the area's own report that day. */
  cases: number;
  /** Sum of the children's new cases that day. */
  childrenCases: number;
  /** `cases − childrenCases`: "chưa phân bổ theo huyện". */
  unallocatedCases: number;
  /** Whether a child's figure that day comes from a simulator. */
  childrenSimulated: boolean;
}

/**
 * The "new cases (last report)" figure reconciled, as the operator's tile shows it: null unless the area's own
 * report is what counts on its latest day and some child reported that day too.
 */
export function covidDayReconciliation(
  state: DashboardState,
  area: string,
  rollup: AreaRollup,
): CovidDayReconciliation | null {
  const day = state.areas[area]?.covid.lastDate;
  const order = state.reports?.order;
  if (!day || !order || !winningReport(reportCell(state.reports, area, day), order)) return null;
  const kids = reportCell(state.reports, area, day)?.kids;
  if (!kids) return null;
  const children = reportDescendants(state.reports, area, rollup).filter((c) =>
    reportCell(state.reports, c, day),
  );
  const cases = state.areas[area]!.daily[day]?.covidNewCases ?? state.areas[area]!.covid.newCasesLastDate;
  const childrenCases = kids[REPORT_COUNTERS.indexOf(COVID_TOTALS.cumulativeCases)] ?? 0;
  const childrenSimulated = children.some((c) => {
    const win = winningReport(reportCell(state.reports, c, day), order);
    return win !== null && isSimulatedSource(win.source);
  });
  return { day, cases, childrenCases, unallocatedCases: cases - childrenCases, childrenSimulated };
}

/** Whether the figure of an area's latest report day comes from a simulator (its own report, or its children's). */
export function covidLastDaySimulated(state: DashboardState, area: string, rollup: AreaRollup): boolean {
  const day = state.areas[area]?.covid.lastDate;
  const order = state.reports?.order;
  if (!day || !order) return false;
  const own = winningReport(reportCell(state.reports, area, day), order);
  if (own) return isSimulatedSource(own.source);
  return reportDescendants(state.reports, area, rollup).some((c) =>
    covidLastDaySimulatedOn(state, c, day, order),
  );
}

function covidLastDaySimulatedOn(state: DashboardState, area: string, day: string, order: readonly string[]) {
  const own = winningReport(reportCell(state.reports, area, day), order);
  return own !== null && isSimulatedSource(own.source);
}
