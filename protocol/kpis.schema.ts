import { z } from 'zod';
import type { DataStreamName } from './events.schema';
import type { SensorStatus } from './state/sensor-status';

/**
 * Where an area's own COVID figures come from, counted in days. A schema (not only a type) because the HTTP
 * documents are generated from it; the reducers in state/ import the type alone, so they stay free of zod.
 */
export const ReportProvenance = z.object({
  /** Days whose figure is this source's report, by source. */
  sources: z.record(z.string(), z.number()),
  /** Days on which this source reported and another source's report counts instead, by source. */
  superseded: z.record(z.string(), z.number()),
  /** Days whose counting report replaced an earlier revision of the same source. */
  corrected: z.number(),
});
export type ReportProvenance = z.infer<typeof ReportProvenance>;

/**
 * An area that reports its own COVID figures beside its children's, reconciled: the area's figure is its own
 * report (never own + children), the children's sum is shown beside it, and the difference is what the area's
 * report holds that is "not allocated to a district" (`chưa phân bổ theo huyện`). Negative when the children's
 * figures exceed the parent's, which happens when they are simulated and the parent real: `childrenSimulated`
 * says so, and the children stay labelled simulated wherever they show (docs/connectors.md).
 */
export const CovidReconciliation = z.object({
  /** The area's cumulative cases: its own reports where it has them, its children's sum on other days. */
  cases: z.number(),
  /** Sum of the children's cumulative cases. */
  childrenCases: z.number(),
  unallocatedCases: z.number().meta({
    description: 'cases − childrenCases: not allocated to a district (chưa phân bổ theo huyện).',
  }),
  /** Whether any child's figure comes from a simulator (on at least one day). */
  childrenSimulated: z.boolean(),
  /** Where the area's own figures come from and what they superseded. */
  provenance: ReportProvenance,
});
export type CovidReconciliation = z.infer<typeof CovidReconciliation>;

const Ms = z.number().int();

/**
 * The headline figures of an area, derived from its reduced state (`kpiSnapshot` in state/kpis.ts). Rates are
 * 0–1, or null with no data. `onlinePaymentShare` is dossiers paid through the national payment platform per
 * dossier submitted.
 */
export const KpiSnapshot = z.object({
  area: z.string(),
  seq: z.number().int(),
  dossierSubmitted: z.number(),
  dossierOnlineSubmitted: z.number(),
  onlineShare: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  openDossiers: z.number(),
  onlinePaymentShare: z.number().nullable(),
  covidCumulativeCases: z.number(),
  covidNewCasesLastDate: z.number(),
  covidLastDate: z.string().nullable(),
  epidemicLevel: z.number(),
  // `satisfies`: a new sensor status or data stream must be added here, or tsc says which.
  sensors: z.object({
    ok: z.number(),
    warning: z.number(),
    alarm: z.number(),
    offline: z.number(),
    stale: z.number(),
  } satisfies Record<SensorStatus, z.ZodNumber>),
  lastTsMs: z.object({ dossier: Ms, sensor: Ms, covid: Ms } satisfies Record<DataStreamName, z.ZodNumber>),
  covidSimulated: z
    .boolean()
    .meta({ description: "Whether the area's own COVID figures come from a simulator." }),
  covidReconciliation: CovidReconciliation.nullable().meta({
    description: "The area's own COVID reports against the sum of its children's; null without own reports.",
  }),
});
export type KpiSnapshot = z.infer<typeof KpiSnapshot>;

/** `GET /api/kpis`: the snapshot and the instant it describes. */
export const KpiSnapshotResponse = KpiSnapshot.extend({
  at: z.string().meta({ description: 'The instant the snapshot describes, ISO 8601.' }),
});
export type KpiSnapshotResponse = z.infer<typeof KpiSnapshotResponse>;
