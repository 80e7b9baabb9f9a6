import { z } from 'zod';
import { PROTOCOL_VERSION } from './version';
import { AlertRules } from './alert-rules.schema';
import { SensorKind } from './sensor-kind';

/** Earliest and latest event time accepted: outside this, a timestamp is a bug or an attack, not history. */
export const MIN_EVENT_TS_MS = Date.UTC(2015, 0, 1);
export const MAX_EVENT_TS_MS = Date.UTC(2100, 0, 1);

const Text = (max: number) => z.string().min(1).max(max);

/** Administrative-unit code of the national list (province 2 digits, district 3, ward/commune 5). */
export const AreaCode = z.string().regex(/^\d{2,5}$/, 'area must be an administrative code of 2–5 digits');
export type AreaCode = z.infer<typeof AreaCode>;

/** Streams of observed facts, each with its own cadence (sensors ~1 min, dossiers ~hours, COVID daily). */
export const DataStreamName = z.enum(['dossier', 'sensor', 'covid']);
export type DataStreamName = z.infer<typeof DataStreamName>;
export const DATA_STREAMS = DataStreamName.options;

/** Every stream of the log: the data streams, and `ops` for what operators do (acknowledge, resolve, rules). */
export const StreamName = z.enum([...DATA_STREAMS, 'ops']);
export type StreamName = z.infer<typeof StreamName>;
export const STREAMS = StreamName.options;
/** One field per stream, each of schema `t` (a figure or a count per stream, as health and replay answer). */
export const StreamRecord = <T extends z.ZodType>(t: T) =>
  z.object(Object.fromEntries(STREAMS.map((s) => [s, t])) as Record<StreamName, T>);

/** A source's name as its events carry it; also the label of that source's ingest token. */
export const SourceName = Text(64).regex(/^[\w.:-]+$/, 'source may hold letters, digits, _ . : - only');

/** Fields every event carries, whatever its stream. `id` is unique per `source`, so re-sending is harmless. */
const envelopeFields = {
  v: z.literal(PROTOCOL_VERSION),
  id: Text(128).regex(/^[\w.:-]+$/, 'id may hold letters, digits, _ . : - only'),
  source: SourceName,
  area: AreaCode,
  /** Event time, ms since the Unix epoch (UTC). */
  tsMs: z.number().int().min(MIN_EVENT_TS_MS).max(MAX_EVENT_TS_MS),
};

export const DossierChannel = z.enum(['online', 'postal', 'counter']);
export type DossierChannel = z.infer<typeof DossierChannel>;

const dossierFields = {
  ...envelopeFields,
  stream: z.literal('dossier'),
  /** The dossier's receipt code, the key a citizen looks it up by. */
  dossierCode: Text(40).regex(/^[A-Z0-9.-]+$/, 'dossierCode must be upper-case letters, digits, . and -'),
};

export const DossierSubmitted = z.strictObject({
  ...dossierFields,
  action: z.literal('submitted'),
  channel: DossierChannel,
  /** Online-service level of the procedure (3 = online submission, 4 = fully online incl. result). */
  serviceLevel: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  procedure: Text(120),
  agency: Text(120),
  /** When the result is due by law, ms since epoch. */
  dueMs: z.number().int().min(MIN_EVENT_TS_MS).max(MAX_EVENT_TS_MS),
});
export type DossierSubmitted = z.infer<typeof DossierSubmitted>;

export const DossierResolved = z.strictObject({
  ...dossierFields,
  action: z.literal('resolved'),
  onTime: z.boolean(),
});
export type DossierResolved = z.infer<typeof DossierResolved>;

export const DossierPaid = z.strictObject({
  ...dossierFields,
  action: z.literal('paid'),
  amountVnd: z.number().int().min(0).max(1e11),
  /** Online through the national payment platform, or at the counter. */
  online: z.boolean(),
});
export type DossierPaid = z.infer<typeof DossierPaid>;

export const DossierEvent = z.discriminatedUnion('action', [DossierSubmitted, DossierResolved, DossierPaid]);
export type DossierEvent = z.infer<typeof DossierEvent>;

// Its own module, so the alert rules can name kinds without importing the event schemas.
export { SensorKind } from './sensor-kind';

/** `[lon, lat]` in WGS84 degrees. */
export const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LonLat = z.infer<typeof LonLat>;

export const SensorReading = z.strictObject({
  ...envelopeFields,
  stream: z.literal('sensor'),
  siteId: Text(64).regex(/^[\w.:-]+$/),
  kind: SensorKind,
  value: z.number().finite().min(-1e6).max(1e6),
  unit: Text(16),
  lonLat: LonLat,
});
export type SensorReading = z.infer<typeof SensorReading>;

/** A count of one day: never negative (a correction is a new revision of the day, not a negative delta). */
const DailyCount = (max: number) =>
  z
    .number()
    .int()
    .min(0, 'a daily count cannot be negative: correct a day by sending it again with a higher revision')
    .max(max);

export const CovidReport = z.strictObject({
  ...envelopeFields,
  stream: z.literal('covid'),
  /** The Vietnam-time day this report covers, `YYYY-MM-DD`. */
  date: z.iso.date(),
  /**
   * Revision of this source's report for the (area, day), from 1 (the default). A higher revision replaces a
   * lower one in every figure; both stay in the log. A correction is a new revision, never a negative delta.
   */
  revision: z.number().int().min(1).max(1e6).optional(),
  newCases: DailyCount(1e6),
  recovered: DailyCount(1e6),
  deaths: DailyCount(1e5),
  vaccineDoses: DailyCount(1e8),
  /** Epidemic level 1 (low) – 4 (very high) under Resolution 128/NQ-CP. */
  epidemicLevel: z.number().int().min(1).max(4),
});
export type CovidReport = z.infer<typeof CovidReport>;

const opsFields = {
  ...envelopeFields,
  stream: z.literal('ops'),
  /** Who did it, as the console names them. */
  operator: Text(64),
};

/**
 * An alert id as `protocol/state/alerts.ts` derives it (`<condition key>@<seq of the raising event>`).
 * `area` of an alert event is the alert's area, so it reaches the same rooms as the alert.
 */
const AlertId = Text(160).regex(/^[\w.:@-]+$/, 'alertId may hold letters, digits, _ . : @ - only');
const Comment = z.string().max(500);

/** What every operator action on an alert carries. */
const alertActionFields = { ...opsFields, alertId: AlertId, comment: Comment };

export const AlertAcknowledged = z.strictObject({
  ...alertActionFields,
  action: z.literal('alert:acknowledged'),
});
export type AlertAcknowledged = z.infer<typeof AlertAcknowledged>;

export const AlertAssigned = z.strictObject({
  ...alertActionFields,
  action: z.literal('alert:assigned'),
  assignee: Text(64),
});
export type AlertAssigned = z.infer<typeof AlertAssigned>;

export const AlertResolved = z.strictObject({
  ...alertActionFields,
  action: z.literal('alert:resolved'),
});
export type AlertResolved = z.infer<typeof AlertResolved>;

/**
 * Shelved by an operator: out of the open list until `untilMs` (scenario ms) or an `alert:unshelved`, then back
 * in the state its condition is in. A group alarm is shelved whole.
 */
export const AlertShelved = z.strictObject({
  ...alertActionFields,
  action: z.literal('alert:shelved'),
  reason: Text(200),
  untilMs: z.number().int().min(MIN_EVENT_TS_MS).max(MAX_EVENT_TS_MS),
});
export type AlertShelved = z.infer<typeof AlertShelved>;

export const AlertUnshelved = z.strictObject({
  ...alertActionFields,
  action: z.literal('alert:unshelved'),
});
export type AlertUnshelved = z.infer<typeof AlertUnshelved>;

const SiteId = Text(64).regex(/^[\w.:-]+$/);

/** A site under maintenance until `untilMs`: its alarms are out of service (kept, not announced). */
export const SiteOutOfService = z.strictObject({
  ...opsFields,
  action: z.literal('site:out-of-service'),
  siteId: SiteId,
  reason: Text(200),
  untilMs: z.number().int().min(MIN_EVENT_TS_MS).max(MAX_EVENT_TS_MS),
});
export type SiteOutOfService = z.infer<typeof SiteOutOfService>;

/** Back in service before its `untilMs`. */
export const SiteInService = z.strictObject({
  ...opsFields,
  action: z.literal('site:in-service'),
  siteId: SiteId,
});
export type SiteInService = z.infer<typeof SiteInService>;

/** New alert rules take force from this event on; they are in the log so replay applies them at the same point. */
export const AlertRulesChanged = z.strictObject({
  ...opsFields,
  action: z.literal('alert-rules:changed'),
  rules: AlertRules,
});
export type AlertRulesChanged = z.infer<typeof AlertRulesChanged>;

export const OpsEvent = z.discriminatedUnion('action', [
  AlertAcknowledged,
  AlertAssigned,
  AlertResolved,
  AlertShelved,
  AlertUnshelved,
  SiteOutOfService,
  SiteInService,
  AlertRulesChanged,
]);
export type OpsEvent = z.infer<typeof OpsEvent>;

/** Any event a source may send. */
export const IocEvent = z.discriminatedUnion('stream', [DossierEvent, SensorReading, CovidReport, OpsEvent]);
export type IocEvent = z.infer<typeof IocEvent>;

/** An event as the log holds it: the server's monotonic sequence number added. */
export type LoggedEvent = IocEvent & { seq: number };
