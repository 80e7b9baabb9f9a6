import { dayOf, isDistancing2020, isHoliday, isLockdown, isTet, monthOf, weekday, yearOf } from './calendar';
import { DISTRICT_PROFILES } from './districts';
import { Stream, largestRemainder, lognormalFromHash } from './rng';

/** Channels in the order the count arrays hold them. */
export const CHANNELS = ['online', 'postal', 'counter'] as const;
export const N_DISTRICTS = DISTRICT_PROFILES.length;
export const N_CHANNELS = CHANNELS.length;
/** Cells of one day's counts: district-major, then channel. */
export const CELLS_PER_DAY = N_DISTRICTS * N_CHANNELS;

/**
 * The calibration window of the seed report: 77,769 dossiers were filed online from 1 January to 30 September
 * 2021 (Vietnam time). Online counts of these days are rounded together so they sum to exactly that.
 */
export const ONLINE_2021_FIRST_DAY = dayOf(2021, 1, 1);
export const ONLINE_2021_LAST_DAY = dayOf(2021, 9, 30);
export const ONLINE_2021_TOTAL = 77_769;

/** Dossiers filed per year, all channels, province-wide, before lockdowns and holidays take their share. */
const ANNUAL_VOLUME: Readonly<Record<number, number>> = {
  2019: 255_000,
  2020: 272_000,
  2021: 290_000,
  2022: 310_000,
  2023: 325_000,
  2024: 340_000,
  2025: 350_000,
};

/**
 * Province-wide online share, linearly interpolated between these dates: the portal grew slowly in 2019,
 * Paygov and the pandemic sped it up from 2020, and the level-4 push of 2021–2025 keeps it climbing.
 */
const ONLINE_SHARE_ANCHORS: readonly [number, number][] = [
  [dayOf(2019, 1, 1), 0.045],
  [dayOf(2020, 1, 1), 0.095],
  [dayOf(2020, 7, 1), 0.14],
  [dayOf(2021, 1, 1), 0.2],
  [dayOf(2021, 7, 1), 0.26],
  [dayOf(2022, 1, 1), 0.3],
  [dayOf(2023, 1, 1), 0.4],
  [dayOf(2024, 1, 1), 0.48],
  [dayOf(2025, 1, 1), 0.55],
  [dayOf(2026, 1, 1), 0.6],
];

function interpolate(anchors: readonly [number, number][], day: number): number {
  if (day <= anchors[0]![0]) return anchors[0]![1];
  for (let i = 1; i < anchors.length; i++) {
    const [d1, v1] = anchors[i]!;
    if (day < d1) {
      const [d0, v0] = anchors[i - 1]!;
      return v0 + ((v1 - v0) * (day - d0)) / (d1 - d0);
    }
  }
  return anchors[anchors.length - 1]![1];
}

const TOTAL_WEIGHT = DISTRICT_PROFILES.reduce((s, d) => s + d.dossierWeight, 0);
const MEAN_PROPENSITY =
  DISTRICT_PROFILES.reduce((s, d) => s + d.dossierWeight * d.onlinePropensity, 0) / TOTAL_WEIGHT;

// Counters are busiest before Tết and at year end; February is quiet once offices reopen.
const MONTH_FACTOR = [1.1, 0.9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.08];

/** Share of a weekday's counter traffic on a Saturday (mornings only, and not every office). */
const SATURDAY_OFFICE = 0.12;

function officeDayFactor(day: number): number {
  if (isHoliday(day)) return 0;
  const w = weekday(day);
  return w === 0 ? 0 : w === 6 ? SATURDAY_OFFICE : 1;
}

/** The portal never closes, but people file less on weekends and hardly at all over Tết. */
function onlineDayFactor(day: number): number {
  if (isTet(day)) return 0.08;
  if (isHoliday(day)) return 0.2;
  const w = weekday(day);
  return w === 0 ? 0.25 : w === 6 ? 0.35 : 1;
}

function annualVolume(year: number): number {
  return ANNUAL_VOLUME[Math.min(2025, Math.max(2019, year))]!;
}

/** Fraction of the counter demand that moves online (and to the post) while counters are closed or thinned. */
const LOCKDOWN_TO_ONLINE = 0.42;
const LOCKDOWN_TO_POSTAL = 0.15;

/**
 * Expected (fractional) dossiers of one day per district and channel, before rounding: the day's rhythm,
 * the district's weight and online propensity, and seeded day-to-day noise.
 */
export function dailyTargets(seed: number, day: number, out: Float64Array, offset: number): void {
  const year = yearOf(day);
  const base = (annualVolume(year) / 262) * MONTH_FACTOR[monthOf(day) - 1]!;
  const share = interpolate(ONLINE_SHARE_ANCHORS, day);
  const postalShare = year <= 2019 ? 0.01 : year === 2020 ? 0.02 : 0.03;
  const office = officeDayFactor(day);
  const onlineDay = onlineDayFactor(day);
  const lockdown = isLockdown(day);
  const distancing = isDistancing2020(day);
  for (let i = 0; i < N_DISTRICTS; i++) {
    const p = DISTRICT_PROFILES[i]!;
    const v = (base * p.dossierWeight) / TOTAL_WEIGHT;
    const noise = lognormalFromHash(0.15, seed, Stream.dossierVolume, day, i);
    const s = Math.min(0.9, (share * p.onlinePropensity) / MEAN_PROPENSITY);
    const counterShare = 1 - s - postalShare;
    let online = s;
    let postal = postalShare;
    let counter = counterShare;
    if (lockdown) {
      online += LOCKDOWN_TO_ONLINE * counterShare;
      postal += LOCKDOWN_TO_POSTAL * counterShare;
      counter = 0;
    } else if (distancing) {
      online += 0.5 * LOCKDOWN_TO_ONLINE * counterShare;
      counter *= 0.5;
    }
    const k = offset + i * N_CHANNELS;
    out[k] =
      v * noise * online * onlineDay * lognormalFromHash(0.08, seed, Stream.dossierVolume, day, 100 + i);
    out[k + 1] = v * noise * postal * office;
    out[k + 2] = v * noise * counter * office;
  }
}

/**
 * Days whose counts are rounded together. The calibration window is one; every other month is its own, so
 * the first request for a day costs at most a month of targets.
 */
export function roundingWindow(day: number): [first: number, last: number] {
  if (day >= ONLINE_2021_FIRST_DAY && day <= ONLINE_2021_LAST_DAY)
    return [ONLINE_2021_FIRST_DAY, ONLINE_2021_LAST_DAY];
  const d = new Date(day * 86_400_000);
  const first = dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const last = dayOf(d.getUTCFullYear(), d.getUTCMonth() + 2, 1) - 1;
  return [first, last];
}

/**
 * Integer counts of a rounding window, `[day][district][channel]` flattened. Each channel is rounded by the
 * largest remainder over the window so totals are stable; online in the calibration window is scaled to
 * exactly `ONLINE_2021_TOTAL`, whatever the seed.
 */
export function windowCounts(seed: number, first: number, last: number): Int32Array {
  const nDays = last - first + 1;
  const targets = new Float64Array(nDays * CELLS_PER_DAY);
  for (let d = 0; d < nDays; d++) dailyTargets(seed, first + d, targets, d * CELLS_PER_DAY);
  const counts = new Int32Array(targets.length);
  const perChannel = new Float64Array(nDays * N_DISTRICTS);
  for (let c = 0; c < N_CHANNELS; c++) {
    let sum = 0;
    for (let j = 0; j < perChannel.length; j++) sum += perChannel[j] = targets[j * N_CHANNELS + c]!;
    const calibrated = c === 0 && first === ONLINE_2021_FIRST_DAY && last === ONLINE_2021_LAST_DAY;
    const rounded = largestRemainder(perChannel, calibrated ? ONLINE_2021_TOTAL : Math.round(sum));
    for (let j = 0; j < perChannel.length; j++) counts[j * N_CHANNELS + c] = rounded[j]!;
  }
  return counts;
}

/** Caches rounding windows; a backfill walks them in order, a live run stays in one. */
export class DossierCounts {
  private readonly cache = new Map<number, Int32Array>();

  constructor(private readonly seed: number) {}

  /** Counts of one day, `[district][channel]` flattened (a view, do not modify). */
  day(day: number): Int32Array {
    const [first, last] = roundingWindow(day);
    let w = this.cache.get(first);
    if (!w) {
      w = windowCounts(this.seed, first, last);
      this.cache.set(first, w);
      if (this.cache.size > 24) this.cache.delete(this.cache.keys().next().value!);
    }
    const off = (day - first) * CELLS_PER_DAY;
    return w.subarray(off, off + CELLS_PER_DAY);
  }
}
