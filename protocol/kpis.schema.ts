import { z } from 'zod';

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
