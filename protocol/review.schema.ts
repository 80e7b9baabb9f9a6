import { z } from 'zod';
import { AreaCode, StreamName } from './events.schema';
import type { MetricName } from './metrics';
import { CovidReconciliation } from './kpis.schema';

const IsoInstant = z.iso.datetime({ offset: true }).or(z.iso.date());
const Ms = z.number().int();

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
export const KpiProvenance = z
  .object({
    metric: z.string(),
    stream: StreamName,
    formula: z.string(),
    unit: z.string(),
    /** Number of logged events the figure was computed from. */
    events: z.number().int().meta({ description: 'Logged events the figure was computed from.' }),
    /** Event time of the latest of those events, ms; null when there were none. */
    lastEventTsMs: Ms.nullable(),
  })
  .meta({ description: 'Where a figure comes from: its formula and the events it was counted from.' });
export type KpiProvenance = z.infer<typeof KpiProvenance>;

export const PeriodKpi = z.object({
  /** Sum for counts; numerator / denominator for ratios (null when the denominator is 0). */
  value: z.number().nullable(),
  numerator: z.number(),
  /** Sum of the weights of a ratio; null for counts. */
  denominator: z.number().nullable(),
  provenance: KpiProvenance,
});
export type PeriodKpi = z.infer<typeof PeriodKpi>;

/** Dossiers still open at `asOfMs`, by their legal deadline. */
export const DeadlineKpis = z.object({
  asOfMs: Ms,
  /** Open and past the deadline: already late. */
  overdueOpen: z.number().int().meta({ description: 'Open and past the legal deadline.' }),
  /** Open and due within `windowMs` after `asOfMs`: about to be late unless resolved. */
  dueSoon: z.number().int().meta({ description: 'Open and due within `windowMs` after `asOfMs`.' }),
  windowMs: Ms,
  provenance: KpiProvenance,
});
export type DeadlineKpis = z.infer<typeof DeadlineKpis>;

export const PeriodKpisResponse = z.object({
  area: z.string(),
  /** Bounds as ISO instants in Vietnam time. */
  from: z.string().meta({ description: 'ISO 8601 instant, Vietnam time.' }),
  to: z.string(),
  /**
   * False while the period is in progress at the server's clock: its figures are then "to date", up to `asOf`,
   * and are compared with the same elapsed span of another period (see `likeForLike`), never with all of it.
   */
  complete: z
    .boolean()
    .meta({ description: 'False while the period is in progress: its figures are to date, up to `asOf`.' }),
  /** End of what the figures cover (ISO, Vietnam time): `to` when complete, else the server's now. */
  asOf: z
    .string()
    .meta({ description: 'End of what the figures cover: `to`, or the server clock if earlier.' }),
  kpis: z.object(
    Object.fromEntries(PERIOD_METRICS.map((m) => [m, PeriodKpi])) as Record<PeriodMetric, typeof PeriodKpi>,
  ),
  /**
   * The area's own COVID reports against its children's sum over the period's report days (up to `asOf` for a
   * period still running): null when the area did not report itself beside its children in the period.
   */
  covidReconciliation: CovidReconciliation.nullable().meta({
    description:
      "The area's own COVID reports against its children's sum over the period's report days (up to asOf); null without own reports in the period.",
  }),
});
export type PeriodKpisResponse = z.infer<typeof PeriodKpisResponse>;

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

export const RankingRow = z.object({
  area: z.string(),
  name: z.string(),
  value: z.number().nullable(),
  /** 1 = highest value; units without data (null) come last and share the last rank. */
  rank: z.number().int().meta({ description: '1 = highest; units without data share the last rank.' }),
});
export type RankingRow = z.infer<typeof RankingRow>;

export const RankingResponse = z.object({
  metric: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(RankingRow),
});
export type RankingResponse = z.infer<typeof RankingResponse>;

/** One year of the provincial public-service catalogue: procedure counts. */
export const ServiceCatalogueYear = z.object({
  year: z.number().int(),
  /** Every procedure of the catalogue. */
  total: z.number().int(),
  level3: z.number().int(),
  level4: z.number().int(),
  /** Procedures eligible for level 4 (a catalogue attribute): the base of the level-4 target. */
  eligibleLevel4: z.number().int(),
});
export type ServiceCatalogueYear = z.infer<typeof ServiceCatalogueYear>;

/** A target of the share of eligible services online at level 4 (0–1) for a year, from a plan or resolution. */
export const Level4Target = z.object({ year: z.number().int(), share: z.number(), source: z.string() });
export type Level4Target = z.infer<typeof Level4Target>;

/** Facts a review compares with that are not events: the service catalogue and published indices. */
export const ReviewReferenceResponse = z.object({
  /** Provincial public-service catalogue per year: services at online level 3 and 4, eligible, all. */
  catalogue: z.array(ServiceCatalogueYear),
  catalogueSource: z.string(),
  /** The province's level-4 targets, on the eligible base: 35 % for 2021, 100 % for 2025. */
  level4Targets: z.array(Level4Target),
  parIndex: z.object({
    year: z.number().int(),
    score: z.number(),
    rank: z.number().int(),
    of: z.number().int(),
    source: z.string(),
  }),
});
export type ReviewReferenceResponse = z.infer<typeof ReviewReferenceResponse>;
