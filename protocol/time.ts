/**
 * Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975, so buckets are plain arithmetic and the
 * same on server and browser whatever their own time zone.
 */
export const VN_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;

/**
 * ISO 8601 in Vietnam time. To the second, `2021-08-01T00:00:00+07:00`, is how the API writes instants; to the
 * millisecond, `2021-07-26T08:00:00.000+07:00`, is for what must round-trip exactly (replay links, exports).
 */
export function vnIso(ms: number, precision: 'seconds' | 'milliseconds' = 'seconds'): string {
  const iso = new Date(ms + VN_OFFSET_MS).toISOString();
  return (precision === 'seconds' ? iso.slice(0, 19) : iso.slice(0, 23)) + '+07:00';
}

/** Day number (days since 1970-01-01 in Vietnam time) of an instant. */
export function vnDayNumber(tsMs: number): number {
  return Math.floor((tsMs + VN_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of an instant, in Vietnam time. */
export function vnDateKey(tsMs: number): string {
  return new Date(tsMs + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Start (UTC ms) of the Vietnam-time day `YYYY-MM-DD`. */
export function vnDayStartMs(dateKey: string): number {
  return Date.parse(`${dateKey}T00:00:00Z`) - VN_OFFSET_MS;
}

/** Vietnam-time buckets; a week starts on Monday (ISO 8601), so it always holds one weekend. */
export type Bucket = 'day' | 'week' | 'month' | 'year';

/** Start (UTC ms) of the Vietnam-time bucket that holds `tsMs`. */
export function vnBucketStart(tsMs: number, bucket: Bucket): number {
  const d = new Date(tsMs + VN_OFFSET_MS);
  if (bucket === 'week') {
    const sinceMonday = (d.getUTCDay() + 6) % 7;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday) - VN_OFFSET_MS;
  }
  const y = d.getUTCFullYear();
  const m = bucket === 'year' ? 0 : d.getUTCMonth();
  const day = bucket === 'day' ? d.getUTCDate() : 1;
  return Date.UTC(y, m, day) - VN_OFFSET_MS;
}

/** Start (UTC ms) of the bucket after the one starting at `startMs`. */
export function vnNextBucket(startMs: number, bucket: Bucket): number {
  const d = new Date(startMs + VN_OFFSET_MS);
  if (bucket === 'day') return startMs + DAY_MS;
  if (bucket === 'week') return startMs + 7 * DAY_MS;
  if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - VN_OFFSET_MS;
  return Date.UTC(d.getUTCFullYear() + 1, 0, 1) - VN_OFFSET_MS;
}
