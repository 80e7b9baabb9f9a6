import { z } from 'zod';
import { AreaCode } from './events.schema';
import { AreaGeometry } from './areas.schema';
import { DOSSIER_CODE_PATTERN } from './dossier-code';

/**
 * The public, read-only surface (`/api/public/*`): what a citizen's phone receives. Every object is strict, so
 * a field the server did not mean to publish (an alert, a sensor fault, an operator) fails the parse instead
 * of slipping through; the server parses each answer with these before caching it.
 */

const Ms = z.number().int().min(0);
const Count = z.number().int().min(0);
const Rate = z.number().min(0).max(1).nullable();
const DayKey = z.iso.date();

export { DOSSIER_CODE_PATTERN } from './dossier-code';
export const DossierCode = z.string().regex(DOSSIER_CODE_PATTERN, 'not a dossier code');
export type DossierCode = z.infer<typeof DossierCode>;

/** Dossier figures over a period `[fromDay, toDay)` of Vietnam-time days. */
export const PublicPeriodFigures = z.strictObject({
  fromDay: DayKey,
  toDay: DayKey,
  submitted: Count,
  onlineSubmitted: Count,
  resolved: Count,
  /** Resolved on time / resolved in the period, 0–1; null when none was resolved. */
  onTimeRate: Rate,
});
export type PublicPeriodFigures = z.infer<typeof PublicPeriodFigures>;

/** `GET /api/public/summary`: the province's public-service figures for this month and this year. */
export const PublicSummary = z.strictObject({
  /** When the server computed this answer (wall clock), ms. */
  generatedAtMs: Ms,
  /** The instant the figures describe (scenario clock), ms. */
  asOfMs: Ms,
  /** Event time of the newest dossier and COVID report, ms; null before the first. */
  lastUpdate: z.strictObject({ dossierMs: Ms.nullable(), covidMs: Ms.nullable() }),
  month: PublicPeriodFigures,
  year: PublicPeriodFigures,
});
export type PublicSummary = z.infer<typeof PublicSummary>;

/** The COVID-19 figures of one area from its latest daily reports. Counts are cumulative unless named per day. */
export const PublicCovidArea = z.strictObject({
  code: AreaCode,
  name: z.string().min(1).max(128),
  /** Epidemic level 1–4 (Resolution 128/NQ-CP) of the latest report day. */
  epidemicLevel: z.number().int().min(1).max(4),
  newCasesLastDate: Count,
  cumulativeCases: Count,
  recovered: Count,
  deaths: Count,
  vaccineDoses: Count,
  lastDate: DayKey.nullable(),
  /** Whether the area's own figures come, on any day, from the simulator: shown as "số liệu mô phỏng". */
  simulated: z.boolean(),
});
export type PublicCovidArea = z.infer<typeof PublicCovidArea>;

/**
 * The province's own reports against its districts' sum (cumulative cases), when it reports itself beside
 * them: `unallocatedCases = cases − districtsCases` is "chưa phân bổ theo huyện", negative when simulated
 * districts exceed a real province figure. The fields of `covidReconciliation` (protocol/state/kpis.ts)
 * without the provenance, whose source names are the operators' business.
 */
export const PublicCovidReconciliation = z.strictObject({
  cases: Count,
  districtsCases: Count,
  unallocatedCases: z.number().int(),
  districtsSimulated: z.boolean(),
});
export type PublicCovidReconciliation = z.infer<typeof PublicCovidReconciliation>;

/** `GET /api/public/covid`: the province and each district. */
export const PublicCovid = z.strictObject({
  generatedAtMs: Ms,
  asOfMs: Ms,
  province: PublicCovidArea,
  districts: z.array(PublicCovidArea),
  /** Null while the province has no report of its own beside its districts' (their sum is then its figure). */
  reconciliation: PublicCovidReconciliation.nullable(),
});
export type PublicCovid = z.infer<typeof PublicCovid>;

/** `GET /api/public/areas`: the boundaries to draw, with nothing but names and codes. */
export const PublicAreaFeature = z.strictObject({
  type: z.literal('Feature'),
  properties: z.strictObject({
    code: AreaCode,
    name: z.string().min(1).max(128),
    kind: z.enum(['province', 'city', 'town', 'district', 'ward', 'commune']),
    parent: AreaCode.nullable(),
    /** True when the geometry is the product's own approximation, not an official boundary. */
    schematic: z.boolean(),
  }),
  geometry: AreaGeometry,
});
export const PublicAreas = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(PublicAreaFeature),
});
export type PublicAreas = z.infer<typeof PublicAreas>;

/** One step of a dossier's life as a citizen sees it; no names, addresses or amounts. */
export const PublicDossierStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('received'), atMs: Ms, channel: z.enum(['online', 'postal', 'counter']) }),
  z.strictObject({ step: z.literal('in_progress'), atMs: Ms, dueMs: Ms }),
  z.strictObject({ step: z.literal('resolved'), atMs: Ms, onTime: z.boolean() }),
  z.strictObject({ step: z.literal('paid'), atMs: Ms, online: z.boolean() }),
]);
export type PublicDossierStep = z.infer<typeof PublicDossierStep>;

export const PublicDossierStatus = z.enum(['in_progress', 'resolved_on_time', 'resolved_late']);
export type PublicDossierStatus = z.infer<typeof PublicDossierStatus>;

/** `GET /api/public/dossiers/:code`: the dossier's procedure, receiving agency and timeline. */
export const PublicDossier = z.strictObject({
  code: DossierCode,
  procedure: z.string().min(1).max(120),
  agency: z.string().min(1).max(120),
  status: PublicDossierStatus,
  steps: z.array(PublicDossierStep),
});
export type PublicDossier = z.infer<typeof PublicDossier>;

/** An announcement relayed to messaging channels by webhook: an area's epidemic level changed. */
export const PublicAnnouncement = z.strictObject({
  type: z.literal('epidemic-level:changed'),
  /** Unique per announcement; receivers use it to drop a redelivery. */
  id: z.string().min(1).max(160),
  area: AreaCode,
  name: z.string().min(1).max(128),
  fromLevel: z.number().int().min(1).max(4),
  toLevel: z.number().int().min(1).max(4),
  /** Report day the new level applies from. */
  date: DayKey.nullable(),
  tsMs: Ms,
});
export type PublicAnnouncement = z.infer<typeof PublicAnnouncement>;

/** `GET /api/admin/webhooks`: what was sent where, and what failed. */
export const WebhookDelivery = z.strictObject({
  id: z.string(),
  url: z.string(),
  announcementId: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: Count,
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAtMs: Ms.nullable(),
  updatedAtMs: Ms,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhooksStatus = z.strictObject({
  urls: z.array(z.string()),
  signing: z.boolean(),
  deliveries: z.array(WebhookDelivery),
  failed: Count,
});
export type WebhooksStatus = z.infer<typeof WebhooksStatus>;
