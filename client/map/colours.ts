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
  /** Width of one class; class i holds values in [i·step, (i+1)·step). */
  step: number;
  colourOf: (value: number) => Rgba;
  classes: { colour: Rgba; from: number; to: number }[];
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `x` (at least 1, for counts). */
export function niceStep(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 5, 10].find((m) => m * p >= x) ?? 10) * p;
}

/** Equal-interval classes with round bounds over 0..max, so the legend reads "0–199, 200–399, …". */
export function choroplethScale(values: readonly number[]): ChoroplethScale {
  const n = CHOROPLETH_RAMP.length;
  const max = values.reduce((a, b) => Math.max(a, b), 0);
  const step = niceStep(max / n);
  const colourOf = (v: number) => CHOROPLETH_RAMP[Math.min(n - 1, Math.max(0, Math.floor(v / step)))]!;
  const classes = CHOROPLETH_RAMP.map((colour, i) => ({ colour, from: i * step, to: (i + 1) * step - 1 }));
  return { step, colourOf, classes };
}

export const cssRgb = ([r, g, b]: Rgba): string => `rgb(${r} ${g} ${b})`;
