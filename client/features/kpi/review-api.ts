import type { Bucket, MetricName, SeriesPoint } from '../../../protocol';
import { splitRows } from '../../ui/provisional';
import type { Bounds, Period } from './period';

/** Request paths of the review; the store caches by path, so equal requests share one fetch. */
export const reviewPaths = {
  health: () => '/api/health',
  reference: () => '/api/review/reference',
  period: (area: string, p: Period | Bounds) =>
    `/api/kpis/period?${new URLSearchParams({ area, from: p.from, to: p.to })}`,
  deadlines: (area: string, p: Period) => `/api/kpis/deadlines?${new URLSearchParams({ area, at: p.to })}`,
  ranking: (metric: string, p: Period) =>
    `/api/ranking?${new URLSearchParams({ metric, from: p.from, to: p.to })}`,
  series: (metric: MetricName, area: string, from: string, to: string, bucket: Bucket) =>
    `/api/series?${new URLSearchParams({ metric, area, from, to, bucket })}`,
};

/** First day of the trend charts: the records of the review start in 2019. */
export const TRENDS_FROM = '2019-01-01';

/** `YYYY-MM-DD` of a series point (its `t` carries the +07:00 offset, so the date part is Vietnam time). */
export const pointDay = (p: SeriesPoint) => p.t.slice(0, 10);

/**
 * Each series' buckets in progress (`complete: false`) moved to its provisional key (see `splitRows`), drawn
 * dashed: the partial month is "so far", not a fall or a jump of the line itself.
 */
export function splitProvisional(
  keys: readonly string[],
  series: readonly { points: readonly SeriesPoint[] }[],
  rows: readonly Record<string, string | number | null>[],
): Record<string, string | number | null>[] {
  return series.reduce<Record<string, string | number | null>[]>(
    (acc, s, i) => {
      const open = new Set(s.points.filter((p) => p.complete === false).map(pointDay));
      return open.size ? splitRows(acc, [keys[i]!], (r) => open.has(String(r.t))) : acc;
    },
    rows.map((r) => ({ ...r })),
  );
}

/** Joins series of the same buckets into chart rows: `{ t, [key]: value }`. */
export function joinSeries(
  keys: readonly string[],
  series: readonly { points: readonly SeriesPoint[] }[],
): Record<string, string | number | null>[] {
  const rows = new Map<string, Record<string, string | number | null>>();
  series.forEach((s, i) => {
    for (const p of s.points) {
      const day = pointDay(p);
      let row = rows.get(day);
      if (!row) rows.set(day, (row = { t: day }));
      row[keys[i]!] = p.value;
    }
  });
  return [...rows.values()].sort((a, b) => String(a.t).localeCompare(String(b.t)));
}
