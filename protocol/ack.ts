/** Every Socket.IO acknowledgement has this shape, so callers branch on `ok` and never guess. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorReason; details?: unknown };

export const ERROR_REASONS = [
  'invalid_payload',
  'unknown_area',
  'unknown_alert',
  /** Readings of a sensor site this installation does not list (geo/data/sensor-sites.json). */
  'unknown_site',
  /** Dated ahead of the IOC clock beyond the tolerance, or a COVID report for a day still to come. */
  'future_event',
  /** Dated before the start of the history. */
  'stale_event',
  /** The token may not write this stream, or this area (its scope). */
  'out_of_scope',
  /** A COVID report from a source that is not one of the official ones (COVID_OFFICIAL_SOURCES). */
  'unofficial_source',
  'unauthorized',
  'protocol_mismatch',
  'batch_too_large',
  'rate_limited',
  /** A `live:resync` whose gap is larger than the server fills: subscribe again for a fresh snapshot. */
  'too_far_behind',
  /** A range longer than the answer allows (`GET /api/sites/{id}/series?bucket=raw` over more than a week). */
  'range_too_long',
  'internal',
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];
