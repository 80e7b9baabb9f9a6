import { z } from 'zod';
import { AreaCode, StreamName } from './events.schema';
import type { MetricName } from './metrics';
import type { CovidReconciliation } from './state/kpis';

const IsoInstant = z.iso.datetime({ offset: true }).or(z.iso.date());

/**
 * The metrics `GET /api/kpis/period` answers, in the order a review reads them. Each is a name of the metric
 * catalogue (`metrics.ts`), so a period figure is the sum of the same daily aggregates `/api/series` reads.
 */
export const PERIOD_METRICS = [
  'dossier.submitted',
  'dossier.online_submitted',
  'dossier.postal_submitted',
  'dossier.online_share',
  'dossier.postal_share',
  'dossier.resolved',
  'dossier.on_time_rate',
  'dossier.late_resolved',
  'dossier.level3_submitted',
  'dossier.level4_submitted',
  'dossier.paid_online',
  'dossier.online_payment_share',
  'covid.new_cases',
  'covid.recovered',
  'covid.deaths',
  'covid.vaccine_doses',
  'covid.reports',
] as const satisfies readonly MetricName[];
export type PeriodMetric = (typeof PERIOD_METRICS)[number];

/** Query of `GET /api/kpis/period`: `from` inclusive, `to` exclusive; bare dates are Vietnam-time midnights. */
export const PeriodKpisQuery = z.strictObject({
  area: AreaCode.default('80'),
  from: IsoInstant,
  to: IsoInstant,
});
export type PeriodKpisQuery = z.infer<typeof PeriodKpisQuery>;

/** Where a figure comes from, so a leader can ask "how was this counted?" and get an answer. */
export interface KpiProvenance {
  metric: string;
  stream: StreamName;
  formula: string;
  unit: string;
  /** Number of logged events the figure was computed from. */
  events: number;
  /** Event time of the latest of those events, ms; null when there were none. */
  lastEventTsMs: number | null;
}

export interface PeriodKpi {
  /** Sum for counts; numerator / denominator for ratios (null when the denominator is 0). */
  value: number | null;
  numerator: number;
  /** Sum of the weights of a ratio; null for counts. */
  denominator: number | null;
  provenance: KpiProvenance;
}

/** Dossiers still open at `asOfMs`, by their legal deadline. */
export interface DeadlineKpis {
  asOfMs: number;
  /** Open and past the deadline: already late. */
  overdueOpen: number;
  /** Open and due within `windowMs` after `asOfMs`: about to be late unless resolved. */
  dueSoon: number;
  windowMs: number;
  provenance: KpiProvenance;
}

export interface PeriodKpisResponse {
  area: string;
  /** Bounds as ISO instants in Vietnam time. */
  from: string;
  to: string;
  /**
   * False while the period is in progress at the server's clock: its figures are then "to date", up to `asOf`,
   * and are compared with the same elapsed span of another period (see `likeForLike`), never with all of it.
   */
  complete: boolean;
  /** End of what the figures cover (ISO, Vietnam time): `to` when complete, else the server's now. */
  asOf: string;
  kpis: Record<PeriodMetric, PeriodKpi>;
  /**
   * The area's own COVID reports against its children's sum over the period's report days (up to `asOf` for a
   * period still running): null when the area did not report itself beside its children in the period.
   */
  covidReconciliation: CovidReconciliation | null;
}

/**
 * Query of `GET /api/kpis/deadlines`: open dossiers of `area` at `at` (default and latest: the server's now).
 * Apart from the period figures because it reads the log itself, which takes seconds on a province.
 */
export const DeadlinesQuery = z.strictObject({ area: AreaCode.default('80'), at: IsoInstant.optional() });
export type DeadlinesQuery = z.infer<typeof DeadlinesQuery>;

/** Query of `GET /api/ranking`: the province's district-level units ranked by one metric over [from, to). */
export const RankingQuery = z.strictObject({
  metric: z.string().min(1).max(64),
  from: IsoInstant,
  to: IsoInstant,
});
export type RankingQuery = z.infer<typeof RankingQuery>;

export interface RankingRow {
  area: string;
  name: string;
  value: number | null;
  /** 1 = highest value; units without data (null) come last and share the last rank. */
  rank: number;
}

export interface RankingResponse {
  metric: string;
  from: string;
  to: string;
  rows: RankingRow[];
}

/** One year of the provincial public-service catalogue: procedure counts. */
export interface ServiceCatalogueYear {
  year: number;
  /** Every procedure of the catalogue. */
  total: number;
  level3: number;
  level4: number;
  /** Procedures eligible for level 4 (a catalogue attribute): the base of the level-4 target. */
  eligibleLevel4: number;
}

/** A target of the share of eligible services online at level 4 (0–1) for a year, from a plan or resolution. */
export interface Level4Target {
  year: number;
  share: number;
  source: string;
}

/** Facts a review compares with that are not events: the service catalogue and published indices. */
export interface ReviewReferenceResponse {
  /** Provincial public-service catalogue per year: services at online level 3 and 4, eligible, all. */
  catalogue: ServiceCatalogueYear[];
  catalogueSource: string;
  /** The province's level-4 targets, on the eligible base: 35 % for 2021, 100 % for 2025. */
  level4Targets: Level4Target[];
  parIndex: { year: number; score: number; rank: number; of: number; source: string };
}
