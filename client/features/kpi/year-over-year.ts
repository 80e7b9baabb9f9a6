import type { SeriesPoint } from '../../../protocol';

export interface YearTotal {
  year: number;
  /** Sum over the months of the comparable span (see {@link sameSpanTotals}). */
  total: number;
}

/**
 * Yearly totals over the same months of every year: January up to the last month with data in the latest
 * year. A year still under way is then compared with the same months before it, not with a whole year.
 */
export function sameSpanTotals(monthly: readonly SeriesPoint[]): { lastMonth: number; years: YearTotal[] } {
  const withData = monthly.filter((p) => (p.value ?? 0) > 0);
  const last = withData.at(-1);
  if (!last) return { lastMonth: 0, years: [] };
  const lastYear = Number(last.t.slice(0, 4));
  const lastMonth = Number(last.t.slice(5, 7));
  const totals = new Map<number, number>();
  for (const p of monthly) {
    const year = Number(p.t.slice(0, 4));
    if (year > lastYear || Number(p.t.slice(5, 7)) > lastMonth) continue;
    totals.set(year, (totals.get(year) ?? 0) + (p.value ?? 0));
  }
  return { lastMonth, years: [...totals].map(([year, total]) => ({ year, total })) };
}

/** How many times the year before the latest one: 2.3 means "2,3 lần"; null when that year has nothing. */
export function latestRatio(years: readonly YearTotal[]): { year: number; ratio: number | null } | null {
  const latest = years.at(-1);
  if (!latest) return null;
  const before = years.find((y) => y.year === latest.year - 1);
  return { year: latest.year, ratio: before && before.total > 0 ? latest.total / before.total : null };
}
