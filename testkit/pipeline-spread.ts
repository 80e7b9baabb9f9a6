/** How many times `npm run bench` repeats each pipeline series: a goal holds only if it holds in every run. */
export const PIPELINE_RUNS = 3;

/** Issue 23's goals: sustained events/s with per-event p99 at that rate, batched (200/msg) and one event a message. */
export const PIPELINE_GOALS = {
  batched: { eventsPerSecond: 50_000, p99Ms: 150 },
  single: { eventsPerSecond: 20_000, p99Ms: 150 },
} as const;

export interface Spread {
  min: number;
  max: number;
}

/** The smallest and largest of some runs' figures; NaN for both when no run has the figure. */
export function spreadOf(xs: readonly number[]): Spread {
  const known = xs.filter((x) => Number.isFinite(x));
  return known.length ? { min: Math.min(...known), max: Math.max(...known) } : { min: NaN, max: NaN };
}

/** `30,000–50,000`, or one figure when every run gave the same. */
export function formatSpread(s: Spread, format: (x: number) => string): string {
  if (Number.isNaN(s.min)) return '—';
  return s.min === s.max ? format(s.min) : `${format(s.min)}–${format(s.max)}`;
}

/** What a judge needs of one pipeline run (bench/pipeline.ts's PipelineRun has it). */
export interface JudgedRun {
  /** The highest offered rate the run kept up with, events/s (0 if none). */
  sustained: number;
  /** Per-event latency at that rate; null when the run sustained nothing. */
  best: { p50Ms: number; p99Ms: number } | null;
}

export interface PipelineVerdict<R extends JudgedRun> {
  sustained: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** The run that sustained least (the first of them on a tie): the one the goal is judged on. */
  worst: R;
  /** Every run sustained the goal rate with p99 ≤ the latency goal at the rate it sustained. */
  pass: boolean;
}

/**
 * Judges repeated runs of one series on the worst of them, so a best-of-three can never be quoted as the
 * result (issue 23). A run that sustained nothing has no p99 and fails.
 */
export function judgeRuns<R extends JudgedRun>(
  runs: readonly R[],
  goal: { eventsPerSecond: number; p99Ms: number },
): PipelineVerdict<R> {
  if (runs.length === 0) throw new Error('no pipeline runs to judge');
  const worst = runs.reduce((w, r) => (r.sustained < w.sustained ? r : w));
  const p99 = runs.map((r) => r.best?.p99Ms ?? NaN);
  return {
    sustained: spreadOf(runs.map((r) => r.sustained)),
    p50Ms: spreadOf(runs.map((r) => r.best?.p50Ms ?? NaN)),
    p99Ms: spreadOf(p99),
    worst,
    pass: runs.every((r, i) => r.sustained >= goal.eventsPerSecond && p99[i]! <= goal.p99Ms),
  };
}
