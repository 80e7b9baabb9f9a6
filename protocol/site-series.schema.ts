import { z } from 'zod';
import { IsoInstant } from './http.schema';
import { SensorKind } from './sensor-kind';

/** `raw`: every reading; `hour` / `day`: count, min, max and mean per bucket (Vietnam time). */
export const SiteSeriesBucket = z.enum(['raw', 'hour', 'day']);
export type SiteSeriesBucket = z.infer<typeof SiteSeriesBucket>;

/** Query of `GET /api/sites/{id}/series`: `from` inclusive, `to` exclusive. */
export const SiteSeriesQuery = z.strictObject({
  from: IsoInstant,
  to: IsoInstant,
  bucket: SiteSeriesBucket.default('hour'),
});
export type SiteSeriesQuery = z.infer<typeof SiteSeriesQuery>;

/** Longest range answered reading by reading: a week of a 10-second site is ~60 000 readings. */
export const SITE_SERIES_MAX_RAW_MS = 7 * 86_400_000;
/** Longest range of hourly buckets (a year: 8 784 points); days go back as far as the history. */
export const SITE_SERIES_MAX_HOUR_MS = 366 * 86_400_000;
export const SITE_SERIES_MAX_DAY_MS = 40 * 366 * 86_400_000;

export const SiteSeriesRawPoint = z.object({
  t: z.string().meta({ description: 'Event time of the reading, ISO 8601 with the +07:00 offset.' }),
  value: z.number(),
});
export type SiteSeriesRawPoint = z.infer<typeof SiteSeriesRawPoint>;

export const SiteSeriesBucketPoint = z.object({
  t: z.string().meta({ description: 'Start of the bucket, ISO 8601 with the +07:00 offset.' }),
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  count: z
    .number()
    .int()
    .meta({ description: 'Readings in the bucket (estimated where summarised from a sample).' }),
});
export type SiteSeriesBucketPoint = z.infer<typeof SiteSeriesBucketPoint>;

/** One site's readings over time; buckets without readings are left out (a gap in the line). */
export const SiteSeriesResponse = z.object({
  siteId: z.string(),
  kind: SensorKind,
  unit: z.string(),
  bucket: SiteSeriesBucket,
  points: z.array(z.union([SiteSeriesRawPoint, SiteSeriesBucketPoint])),
});
export type SiteSeriesResponse = z.infer<typeof SiteSeriesResponse>;
