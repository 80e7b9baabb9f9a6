import type { SiteSeriesResponse } from '../../../protocol/site-series.schema';

/** One chart row per instant: `<siteId>` the value or mean, `<siteId>:band` the [min, max] pair. */
export type ChartRow = Record<string, number | [number, number] | null> & { t: number };

/**
 * The answers of several sites merged into the rows one recharts chart reads, by time. A raw answer puts each
 * reading on its own instant; a bucketed one the bucket's mean and its min–max band.
 */
export function chartRows(answers: readonly SiteSeriesResponse[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const a of answers)
    for (const p of a.points) {
      const t = Date.parse(p.t);
      const row = rows.get(t) ?? { t };
      if ('value' in p) row[a.siteId] = p.value;
      else {
        row[a.siteId] = p.mean;
        row[`${a.siteId}:band`] = [p.min, p.max];
      }
      rows.set(t, row);
    }
  return [...rows.values()].sort((x, y) => x.t - y.t);
}
