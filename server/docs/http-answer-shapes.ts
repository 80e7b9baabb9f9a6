import { z } from 'zod';
import {
  PERIOD_METRICS,
  STREAMS,
  type AreaSetsResponse,
  type DeadlineKpis,
  type PeriodKpisResponse,
  type RankingResponse,
  type ReplayTimeline,
  type ReviewReferenceResponse,
} from '../../protocol';
import { CovidReconciliationSchema, same, StreamRecord } from './wire-shapes';

/**
 * Zod twins of the HTTP answers the protocol types as interfaces (review, replay timeline, area sets), each
 * pinned to its interface like those in wire-shapes.ts: an interface that changes alone fails `tsc`.
 */

const Ms = z.number().int();

export const KpiProvenanceSchema = z
  .object({
    metric: z.string(),
    stream: z.enum(STREAMS),
    formula: z.string(),
    unit: z.string(),
    events: z.number().int().meta({ description: 'Logged events the figure was computed from.' }),
    lastEventTsMs: Ms.nullable(),
  })
  .meta({ description: 'Where a figure comes from: its formula and the events it was counted from.' });

export const PeriodKpiSchema = z.object({
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number().nullable(),
  provenance: KpiProvenanceSchema,
});

export const PeriodKpisResponseSchema = z.object({
  area: z.string(),
  from: z.string().meta({ description: 'ISO 8601 instant, Vietnam time.' }),
  to: z.string(),
  complete: z
    .boolean()
    .meta({ description: 'False while the period is in progress: its figures are to date, up to `asOf`.' }),
  asOf: z
    .string()
    .meta({ description: 'End of what the figures cover: `to`, or the server clock if earlier.' }),
  kpis: z.object(
    Object.fromEntries(PERIOD_METRICS.map((m) => [m, PeriodKpiSchema])) as Record<
      (typeof PERIOD_METRICS)[number],
      typeof PeriodKpiSchema
    >,
  ),
  covidReconciliation: CovidReconciliationSchema.nullable().meta({
    description:
      "The area's own COVID reports against its children's sum over the period's report days (up to asOf); null without own reports in the period.",
  }),
});
same<z.output<typeof PeriodKpisResponseSchema>, PeriodKpisResponse>(true);

export const DeadlineKpisSchema = z.object({
  asOfMs: Ms,
  overdueOpen: z.number().int().meta({ description: 'Open and past the legal deadline.' }),
  dueSoon: z.number().int().meta({ description: 'Open and due within `windowMs` after `asOfMs`.' }),
  windowMs: Ms,
  provenance: KpiProvenanceSchema,
});
same<z.output<typeof DeadlineKpisSchema>, DeadlineKpis>(true);

export const RankingResponseSchema = z.object({
  metric: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      area: z.string(),
      name: z.string(),
      value: z.number().nullable(),
      rank: z.number().int().meta({ description: '1 = highest; units without data share the last rank.' }),
    }),
  ),
});
same<z.output<typeof RankingResponseSchema>, RankingResponse>(true);

export const ReviewReferenceResponseSchema = z.object({
  catalogue: z.array(
    z.object({
      year: z.number().int(),
      total: z.number().int(),
      level3: z.number().int(),
      level4: z.number().int(),
      eligibleLevel4: z.number().int(),
    }),
  ),
  catalogueSource: z.string(),
  level4Targets: z.array(z.object({ year: z.number().int(), share: z.number(), source: z.string() })),
  parIndex: z.object({
    year: z.number().int(),
    score: z.number(),
    rank: z.number().int(),
    of: z.number().int(),
    source: z.string(),
  }),
});
same<z.output<typeof ReviewReferenceResponseSchema>, ReviewReferenceResponse>(true);

export const ReplayTimelineSchema = z.object({
  fromMs: Ms,
  toMs: Ms,
  bucketMs: Ms,
  counts: StreamRecord(z.array(z.number().int())).meta({ description: 'Events per bucket, per stream.' }),
  alerts: z.array(
    z.object({
      id: z.string(),
      rule: z.enum(['sensor-threshold', 'sensor-offline', 'epidemic-level', 'dossier-late']),
      severity: z.enum(['info', 'warning', 'critical']),
      area: z.string(),
      raisedTsMs: Ms,
    }),
  ),
  truncated: z.boolean().meta({ description: 'The range held more events than one answer scans.' }),
});
same<z.output<typeof ReplayTimelineSchema>, ReplayTimeline>(true);

export const AreaSetsResponseSchema = z.object({
  sets: z.array(
    z.object({
      name: z.string(),
      validFrom: z.string().nullable().meta({ description: 'First day in force (Vietnam time), inclusive.' }),
      validTo: z.string().nullable().meta({ description: 'Day it ceased (Vietnam time), exclusive.' }),
      origin: z.enum(['built-in', 'imported']),
      schematic: z.boolean(),
      features: z.number().int(),
    }),
  ),
  current: z.string().nullable(),
});
same<z.output<typeof AreaSetsResponseSchema>, AreaSetsResponse>(true);

/** `GET /api/ready` when this node may take traffic; otherwise 503 with an error body. */
export const ReadyResponseSchema = z.object({ status: z.literal('ready') });
