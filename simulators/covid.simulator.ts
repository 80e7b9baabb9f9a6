import { PROTOCOL_VERSION, vnDateKey, type CovidReport } from '../protocol';
import { dayOf, dayStartMs, weekday } from './calendar';
import { DISTRICT_PROFILES } from './districts';
import { epidemicLevel } from '../reference/epidemic-level';
import { Stream, hashFloat, largestRemainder, lognormalFromHash } from './rng';

export const COVID_SOURCE = 'sim-covid';

/** The province published district reports from the start of the 2021 wave until mid-2022. */
export const COVID_REPORT_FIRST_DAY = dayOf(2021, 4, 27);
export const COVID_REPORT_LAST_DAY = dayOf(2022, 6, 30);
/** Reports go out at 17:00 Vietnam time. */
const REPORT_HOUR_MS = 17 * 3_600_000;

const N = DISTRICT_PROFILES.length;
const idx = (code: string) => DISTRICT_PROFILES.findIndex((d) => d.code === code);
const DUC_HOA = idx('802');
const CAN_GIUOC = idx('807');
const BEN_LUC = idx('803');

interface Segment {
  first: number;
  last: number;
  total: number;
  /** District shares of the segment's cases (sum 1). */
  shares: readonly number[];
  /** Relative expected cases on a day. */
  shape: (day: number) => number;
}

function byPopulation(weight: (i: number) => number): number[] {
  const w = DISTRICT_PROFILES.map((d, i) => d.population * weight(i));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/**
 * Until the end of July the wave sat in the industrial belt next to Ho Chi Minh City: ~9,500 cases by
 * 31 July, Đức Hòa over 3,100, Cần Giuộc over 2,500, Bến Lức about 1,500.
 */
function firstWaveShares(): number[] {
  const fixed = new Map([
    [DUC_HOA, 0.345],
    [CAN_GIUOC, 0.28],
    [BEN_LUC, 0.158],
  ]);
  const rest = 1 - [...fixed.values()].reduce((a, b) => a + b, 0);
  const others = byPopulation((i) => (fixed.has(i) ? 0 : 1));
  return others.map((s, i) => fixed.get(i) ?? s * rest);
}

const JUL_31 = dayOf(2021, 7, 31);
const JUN_1 = dayOf(2021, 6, 1);
const PEAK = dayOf(2021, 8, 12);
const OCT_1 = dayOf(2021, 10, 1);

/**
 * The 2021 total is 40,400 (9,500 to end of July, 30,900 after), peaking in August; 2022 brings a few
 * hundred cases in the first quarter and none after.
 */
const SEGMENTS: readonly Segment[] = [
  {
    first: COVID_REPORT_FIRST_DAY,
    last: JUL_31,
    total: 9_500,
    shares: firstWaveShares(),
    shape: (d) => (d < JUN_1 ? 0.0015 : Math.exp(0.07 * (d - JUL_31))),
  },
  {
    first: JUL_31 + 1,
    last: dayOf(2021, 12, 31),
    total: 30_900,
    shares: byPopulation((i) => ([DUC_HOA, CAN_GIUOC, BEN_LUC].includes(i) ? 1.3 : i === 0 ? 1.1 : 0.85)),
    shape: (d) => {
      const w = d < PEAK ? 14 : 26;
      const wave = Math.exp(-(((d - PEAK) / w) ** 2));
      return wave + (d >= OCT_1 ? 0.07 : 0);
    },
  },
  {
    first: dayOf(2022, 1, 1),
    last: dayOf(2022, 3, 15),
    total: 380,
    shares: byPopulation(() => 1),
    shape: (d) => Math.exp(-(d - dayOf(2022, 1, 1)) / 30),
  },
];

/** Cumulative vaccine doses (all doses) administered by the end of each anchor day; campaign from March 2021. */
const VACCINE_ANCHORS: readonly [number, number][] = [
  [dayOf(2021, 3, 8), 0],
  [dayOf(2021, 4, 27), 12_000],
  [dayOf(2021, 6, 30), 95_000],
  [dayOf(2021, 7, 31), 380_000],
  [dayOf(2021, 8, 31), 1_050_000],
  // ~1.41 M first doses and ~0.19 M second doses by 12 September.
  [dayOf(2021, 9, 12), 1_600_000],
  [dayOf(2021, 10, 31), 2_700_000],
  [dayOf(2021, 12, 31), 3_250_000],
  [dayOf(2022, 3, 31), 3_850_000],
  [COVID_REPORT_LAST_DAY, 4_050_000],
];

const CFR = 0.012;
const RECOVERY_LAG_DAYS = 14;
const DEATH_LAG_DAYS = 10;
/** Days of case history kept before the first report, for lags and the 7-day window. */
const PAD = RECOVERY_LAG_DAYS;
const SPAN = COVID_REPORT_LAST_DAY - COVID_REPORT_FIRST_DAY + 1 + PAD;

export interface CovidTable {
  /** cases[i * SPAN + (day - first + PAD)] */
  cases: Int32Array;
  /** Cumulative doses per district at the end of each day. */
  cumDoses: Int32Array;
}

function caseTable(seed: number): Int32Array {
  const cases = new Int32Array(N * SPAN);
  for (const seg of SEGMENTS) {
    const days = seg.last - seg.first + 1;
    const districtTotals = largestRemainder(seg.shares, seg.total);
    // A mass-testing sweep now and then reports a backlog in one day: the spikes seen at the peak.
    const prov = Array.from({ length: days }, (_, k) => {
      const d = seg.first + k;
      const spike = hashFloat(seed, Stream.covid, d, 99) < 0.06 ? 1.9 : 1;
      return seg.shape(d) * lognormalFromHash(0.18, seed, Stream.covid, d, 98) * spike;
    });
    for (let i = 0; i < N; i++) {
      const w = prov.map((p, k) => p * lognormalFromHash(0.3, seed, Stream.covid, seg.first + k, i));
      const c = largestRemainder(w, districtTotals[i]!);
      for (let k = 0; k < days; k++) cases[i * SPAN + seg.first + k - COVID_REPORT_FIRST_DAY + PAD] = c[k]!;
    }
  }
  return cases;
}

function doseTable(seed: number): Int32Array {
  const first = COVID_REPORT_FIRST_DAY;
  const provCum = new Float64Array(SPAN);
  for (let a = 1; a < VACCINE_ANCHORS.length; a++) {
    const [d0, c0] = VACCINE_ANCHORS[a - 1]!;
    const [d1, c1] = VACCINE_ANCHORS[a]!;
    // Sundays vaccinate less; the noise is renormalised so every anchor is met exactly.
    const w: number[] = [];
    for (let d = d0 + 1; d <= d1; d++) {
      w.push((weekday(d) === 0 ? 0.6 : 1) * lognormalFromHash(0.15, seed, Stream.vaccine, d));
    }
    const total = w.reduce((x, y) => x + y, 0);
    let acc = 0;
    for (let d = d0 + 1; d <= d1; d++) {
      acc += w[d - d0 - 1]!;
      const k = d - first + PAD;
      if (k >= 0 && k < SPAN) provCum[k] = c0 + ((c1 - c0) * acc) / total;
    }
  }
  const popSum = DISTRICT_PROFILES.reduce((s, d) => s + d.population, 0);
  const cum = new Int32Array(N * SPAN);
  DISTRICT_PROFILES.forEach((p, i) => {
    for (let k = 0; k < SPAN; k++) cum[i * SPAN + k] = Math.round((provCum[k]! * p.population) / popSum);
  });
  return cum;
}

export function covidTable(seed: number): CovidTable {
  return { cases: caseTable(seed), cumDoses: doseTable(seed) };
}

function stochasticRound(x: number, u: number): number {
  const f = Math.floor(x);
  return f + (u < x - f ? 1 : 0);
}

/** The district reports of one Vietnam-time day (none outside the reporting period). */
export function covidDay(seed: number, table: CovidTable, day: number): CovidReport[] {
  if (day < COVID_REPORT_FIRST_DAY || day > COVID_REPORT_LAST_DAY) return [];
  const k = day - COVID_REPORT_FIRST_DAY + PAD;
  const tsMs = dayStartMs(day) + REPORT_HOUR_MS;
  const date = vnDateKey(tsMs);
  const out: CovidReport[] = [];
  for (let i = 0; i < N; i++) {
    const p = DISTRICT_PROFILES[i]!;
    const row = i * SPAN;
    const newCases = table.cases[row + k]!;
    let week = 0;
    for (let j = 0; j < 7; j++) week += table.cases[row + k - j]!;
    const lagged = table.cases[row + k - RECOVERY_LAG_DAYS]!;
    const deaths = stochasticRound(
      table.cases[row + k - DEATH_LAG_DAYS]! * CFR,
      hashFloat(seed, Stream.covid, day, i, 7),
    );
    const recovered = lagged - stochasticRound(lagged * CFR, hashFloat(seed, Stream.covid, day, i, 8));
    const doses = table.cumDoses[row + k]! - (k > PAD ? table.cumDoses[row + k - 1]! : 0);
    out.push({
      v: PROTOCOL_VERSION,
      id: `covid:${p.code}:${date}`,
      source: COVID_SOURCE,
      area: p.code,
      tsMs,
      stream: 'covid',
      date,
      newCases,
      recovered,
      deaths,
      vaccineDoses: doses,
      epidemicLevel: epidemicLevel(week, p.population),
    });
  }
  return out;
}
