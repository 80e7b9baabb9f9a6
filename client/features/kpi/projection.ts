export interface YearValue {
  year: number;
  value: number;
}

export type TargetStatus = 'met' | 'on_track' | 'at_risk' | 'no_data';

export interface TargetAssessment {
  status: TargetStatus;
  /** Projected value in the target year; null without at least two years of data. */
  projected: number | null;
  /** Change per year of the fitted line. */
  slopePerYear: number | null;
  latest: YearValue | null;
}

/** Least-squares line through the points, or null with fewer than two distinct years. */
export function fitLine(points: readonly YearValue[]): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.year - mx) ** 2;
    sxy += (p.year - mx) * (p.value - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Met when the latest actual already reaches the target; on track when the straight line fitted through the
 * yearly actuals reaches it by the target year; at risk otherwise. A line is the simplest method a meeting can check by
 * eye, and it says nothing about saturation, which is why the latest actual is shown beside it.
 */
export function assessTarget(
  points: readonly YearValue[],
  target: number,
  targetYear: number,
): TargetAssessment {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const latest = sorted.at(-1) ?? null;
  if (!latest) return { status: 'no_data', projected: null, slopePerYear: null, latest };
  const line = fitLine(sorted);
  const projected = line ? line.slope * targetYear + line.intercept : null;
  const status: TargetStatus =
    latest.value >= target
      ? 'met'
      : projected !== null && projected >= target
        ? 'on_track'
        : projected === null
          ? 'no_data'
          : 'at_risk';
  return {
    status,
    projected,
    slopePerYear: line?.slope ?? null,
    latest,
  };
}

/** Change from `before` to `now` as a ratio (0.25 = +25 %); null when there is nothing to compare with. */
export function relativeChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return (now - before) / before;
}
