import type { SensorStatus } from '../../protocol';

export type Rgba = [number, number, number, number];

/**
 * Status colours, the same on the map and in the legend. Stale and offline are two greys of different
 * lightness, so they stay apart for colour-blind operators; alarm is also drawn bigger (see layers.ts).
 */
export const STATUS_COLOURS: Record<SensorStatus, Rgba> = {
  ok: [46, 204, 113, 255],
  warning: [245, 176, 65, 255],
  alarm: [231, 76, 60, 255],
  stale: [160, 170, 180, 255],
  offline: [75, 82, 90, 255],
};

/** The ring of a site outside every unit of the set in force: magenta, a colour no status or class uses. */
export const OUTSIDE_RING: Rgba = [236, 64, 222, 255];

/** Legend order: worst first, the way an operator scans. */
export const STATUS_ORDER: readonly SensorStatus[] = ['alarm', 'warning', 'ok', 'stale', 'offline'];

/** A sequential ramp that reads on a dark background: dark blue (low) to light green (high). */
export const CHOROPLETH_RAMP: readonly Rgba[] = [
  [38, 52, 79, 215],
  [44, 90, 122, 215],
  [47, 138, 158, 215],
  [82, 182, 154, 215],
  [181, 228, 140, 215],
];

export interface ChoroplethScale {
  /** Changes exactly when the classes do: part of a layer's update trigger. */
  key: string;
  colourOf: (value: number) => Rgba;
  /** Low to high; a value belongs to the first class whose `to` is at or above it. */
  classes: { colour: Rgba; from: number; to: number }[];
}

/** The ramp's colours spread over `k` classes, so two classes are as far apart as the ramp allows. */
function rampFor(k: number): Rgba[] {
  const n = CHOROPLETH_RAMP.length;
  if (k === 1) return [CHOROPLETH_RAMP[Math.floor(n / 2)]!];
  return Array.from({ length: k }, (_, i) => CHOROPLETH_RAMP[Math.round((i * (n - 1)) / (k - 1))]!);
}

/**
 * Quantile classes from the data's own range: each of (at most) five classes holds about as many areas, and
 * equal values always share a class, so a map never comes out one flat colour while its values differ, and a
 * skewed metric (one district far ahead) still separates the others. The class bounds are data values, which
 * the legend shows as they are. Fewer distinct values than classes give one class per value.
 */
export function choroplethScale(values: readonly number[]): ChoroplethScale {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) sorted.push(0);
  const distinct = [...new Set(sorted)];
  const k = Math.min(CHOROPLETH_RAMP.length, distinct.length);
  const bounds: { from: number; to: number }[] = [];
  let start = 0;
  for (let c = 1; c <= k && start < sorted.length; c++) {
    // The class ends at its quantile rank, stretched so a run of equal values is not split.
    let end = c === k ? sorted.length : Math.max(start + 1, Math.round((c * sorted.length) / k));
    while (end < sorted.length && sorted[end] === sorted[end - 1]) end++;
    bounds.push({ from: sorted[start]!, to: sorted[end - 1]! });
    start = end;
  }
  const colours = rampFor(bounds.length);
  const classes = bounds.map((b, i) => ({ ...b, colour: colours[i]! }));
  const colourOf = (v: number) => (classes.find((c) => v <= c.to) ?? classes[classes.length - 1]!).colour;
  return { key: bounds.map((b) => `${b.from}-${b.to}`).join(','), colourOf, classes };
}

export const cssRgb = ([r, g, b]: Rgba): string => `rgb(${r} ${g} ${b})`;
