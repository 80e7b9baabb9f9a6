import {
  metricFigure,
  periodProgress,
  vnBucketStart,
  vnDateKey,
  vnIso,
  vnNextBucket,
  type Bucket,
  type MetricDef,
  type SeriesResponse,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

export { vnIso };

/**
 * A metric's buckets over [fromMs, toMs), read from the per-day aggregates. Buckets are whole Vietnam-time
 * days, months or years; the first starts at the bucket that holds `fromMs`. At `nowMs` (the server's clock)
 * the bucket in progress is marked incomplete (its value is to date) and buckets not yet begun have no value
 * unless the log already holds data for them, so a chart never reads a month eight hours old, or one to come,
 * as a fall to zero.
 */
export async function buildSeries(
  store: EventStore,
  metric: MetricDef,
  area: string,
  bucket: Bucket,
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<SeriesResponse> {
  const rows = await store.dailyAggregates(metric.name, area, vnDateKey(fromMs), vnDateKey(toMs - 1) + '~');
  const points: SeriesResponse['points'] = [];
  let rowIndex = 0;
  for (let start = vnBucketStart(fromMs, bucket); start < toMs; start = vnNextBucket(start, bucket)) {
    const end = vnNextBucket(start, bucket);
    const endKey = vnDateKey(end);
    let value = 0;
    let weight = 0;
    let rowsIn = 0;
    // Rows are sorted by day, so one pass over them serves every bucket.
    while (rowIndex < rows.length && rows[rowIndex]!.day < endKey) {
      const row = rows[rowIndex++]!;
      if (row.day >= vnDateKey(start)) {
        value += row.value;
        weight += row.weight;
        rowsIn++;
      }
    }
    // A bucket still to come has no value, unless the log already holds some (a report dated ahead).
    const unknown = start >= nowMs && rowsIn === 0;
    points.push({
      t: vnIso(start),
      value: unknown ? null : metricFigure(metric, { value, weight }).value,
      complete: periodProgress({ fromMs: start, toMs: Math.min(end, toMs) }, nowMs).complete,
    });
  }
  return { metric: metric.name, area, bucket, points, asOf: vnIso(Math.min(toMs, Math.max(fromMs, nowMs))) };
}
