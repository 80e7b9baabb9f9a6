import { z } from 'zod';
import { ERROR_REASONS } from './ack';
import { AreaCode, StreamName, StreamRecord } from './events.schema';

/** An ISO instant with its offset, or a bare date (midnight in Vietnam time, see `parseInstant`). */
export const IsoInstant = z.iso.datetime({ offset: true }).or(z.iso.date());

/** The JSON body of every 4xx/5xx HTTP answer: a reason of `ERROR_REASONS`, or a route's own code. */
export const ErrorBody = z
  .object({ error: z.union([z.enum(ERROR_REASONS), z.string()]), details: z.unknown().optional() })
  .meta({ description: 'Every 4xx/5xx answer: a stable error code and details a person can act on.' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Query of `GET /api/kpis`. */
export const KpisQuery = z.strictObject({ area: AreaCode.default('80'), at: IsoInstant.optional() });
export type KpisQuery = z.infer<typeof KpisQuery>;

/** Query of `GET /api/areas`: the area set in force at `at` (default: the server clock's now). */
export const AreasQuery = z.strictObject({ at: IsoInstant.optional() });
export type AreasQuery = z.infer<typeof AreasQuery>;

/**
 * `GET /api/areas/sets`: every area set the server holds, with its validity days (`YYYY-MM-DD`, Vietnam time;
 * `validFrom` inclusive, `validTo` exclusive, null when unbounded).
 */
export const AreaSetsResponse = z.object({
  sets: z.array(
    z.object({
      name: z.string(),
      validFrom: z.string().nullable().meta({ description: 'First day in force (Vietnam time), inclusive.' }),
      validTo: z.string().nullable().meta({ description: 'Day it ceased (Vietnam time), exclusive.' }),
      /** `built-in`: shipped with the product; `imported`: installed by `npm run geo:import`. */
      origin: z.enum(['built-in', 'imported']),
      /** True when every unit is the product's own approximation, not an official boundary. */
      schematic: z.boolean(),
      features: z.number().int(),
    }),
  ),
  /** Name of the set in force now. */
  current: z.string().nullable(),
});
export type AreaSetsResponse = z.infer<typeof AreaSetsResponse>;

/** `GET /api/ready` when this node may take traffic; otherwise 503 with an error body. */
export const ReadyResponse = z.object({ status: z.literal('ready') });
export type ReadyResponse = z.infer<typeof ReadyResponse>;

/** Query of `GET /api/series`; `from` inclusive, `to` exclusive. */
export const SeriesQuery = z.strictObject({
  metric: z.string().min(1).max(64),
  area: AreaCode.default('80'),
  from: IsoInstant,
  to: IsoInstant,
  bucket: z.enum(['day', 'week', 'month', 'year']).default('day'),
});
export type SeriesQuery = z.infer<typeof SeriesQuery>;

export const SeriesPoint = z.object({
  t: z.string().meta({ description: 'Start of the bucket, ISO 8601 with the +07:00 offset.' }),
  /** Null for a bucket that has not begun at the server's clock, and for a ratio without a denominator. */
  value: z.number().nullable(),
  /** False for the bucket in progress (its value is "to date", up to the answer's `asOf`) and those after it. */
  complete: z
    .boolean()
    .meta({ description: 'False for the bucket in progress (a value to date) and later ones.' }),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;
export const SeriesResponse = z.object({
  metric: z.string(),
  area: z.string(),
  bucket: z.enum(['day', 'week', 'month', 'year']),
  points: z.array(SeriesPoint),
  /** End of what the points cover (ISO, Vietnam time): `to`, or the server's now when that is earlier. */
  asOf: z
    .string()
    .meta({ description: 'End of what the points cover: `to`, or the server clock if earlier.' }),
});
export type SeriesResponse = z.infer<typeof SeriesResponse>;

/** Query of `GET /api/events`. */
export const EventsQuery = z.strictObject({
  from: IsoInstant,
  to: IsoInstant,
  stream: StreamName.optional(),
  area: AreaCode.optional(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;

/**
 * `GET /api/health`: liveness. Always 200 while the process lives, so a probe never restarts a node over an
 * outage elsewhere; `store` tells whether the event log answered (what is down: `GET /api/ready`).
 */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  store: z
    .enum(['ok', 'down'])
    .meta({ description: 'Whether the event log answered; `/api/ready` says why not.' }),
  version: z.string(),
  protocolVersion: z.number().int(),
  uptimeS: z.number(),
  /** Scenario time now, ms (equals wall time when no simulation runs). */
  nowMs: z.number().int(),
  lastSeq: z.number().int(),
  streams: StreamRecord(z.object({ lastEventTsMs: z.number().int().nullable() })),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Parses an ISO date or instant; a bare date is midnight in Vietnam time. */
export function parseInstant(iso: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00+07:00`) : Date.parse(iso);
}
