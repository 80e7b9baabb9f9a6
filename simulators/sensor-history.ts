import type { SensorField } from './sensor.simulator';
import { dayStartMs } from './calendar';

const HOUR = 3_600_000;

/** Readings as columns: event time (ms) and value, in time order. */
export interface SiteDayReadings {
  tsMs: Float64Array;
  value: Float64Array;
}

/** Per hour of a day, `[count, min, max, mean]` × 24 (count 0: no reading that hour, the rest NaN). */
export type HourlyCells = Float64Array;

export const HOURLY_FIELDS = 4;

/** Hourly count, min, max and mean of one day's readings; `dayStart` is the day's first instant. */
export function hourlyOf(readings: SiteDayReadings, dayStart: number, weight = 1): HourlyCells {
  const cells = new Float64Array(24 * HOURLY_FIELDS);
  const sums = new Float64Array(24);
  for (let h = 0; h < 24; h++) {
    cells[h * HOURLY_FIELDS + 1] = Infinity;
    cells[h * HOURLY_FIELDS + 2] = -Infinity;
  }
  for (let i = 0; i < readings.tsMs.length; i++) {
    const h = Math.floor((readings.tsMs[i]! - dayStart) / HOUR);
    const v = readings.value[i]!;
    const c = h * HOURLY_FIELDS;
    cells[c] = cells[c]! + weight;
    if (v < cells[c + 1]!) cells[c + 1] = v;
    if (v > cells[c + 2]!) cells[c + 2] = v;
    sums[h] = sums[h]! + v;
  }
  for (let h = 0; h < 24; h++) {
    const c = h * HOURLY_FIELDS;
    const n = cells[c]!;
    if (n === 0) cells[c + 1] = cells[c + 2] = cells[c + 3] = NaN;
    else cells[c + 3] = (sums[h]! * weight) / n;
  }
  return cells;
}

/** Readings per hour the summaries of old history are drawn from: enough for a mean and a band. */
export const SAMPLES_PER_HOUR = 6;

/**
 * Hourly summaries of a day older than the full-cadence window, from a sample of the site's real reading
 * slots (every stride-th, about `SAMPLES_PER_HOUR` an hour): each sampled reading stands for `stride`
 * readings, so count is estimated, mean is the sample's, and min–max is the sample's (a little narrower than
 * every reading's). Computing years of every reading (~10⁹) would take many minutes.
 */
export function sampledHourly(field: SensorField, s: number, day: number): HourlyCells {
  const site = field.sites[s]!;
  const stride = Math.max(1, Math.round(3600 / Math.max(1, site.cadenceS) / SAMPLES_PER_HOUR));
  const from = dayStartMs(day);
  const ts: number[] = [];
  const vs: number[] = [];
  field.siteReadings(
    s,
    from,
    from + 24 * HOUR,
    (_k, tsMs, value) => {
      ts.push(tsMs);
      vs.push(value);
    },
    stride,
  );
  return hourlyOf({ tsMs: Float64Array.from(ts), value: Float64Array.from(vs) }, from, stride);
}
