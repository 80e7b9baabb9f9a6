import { PROTOCOL_VERSION, vnDayNumber, type SensorKind, type SensorReading } from '../protocol';
import type { SensorSite } from '../geo/sensor-site';
import { dayInfo } from './calendar';
import { Stream, hashFloat, hashString, rngFor } from './rng';
import type { Weather } from './weather';

export const SENSOR_SOURCE = 'sim-sensor';

/** The simulator's `k`-th reading of a site as an event: its id is stable, so a re-run dedupes. */
export function sensorReadingEvent(site: SensorSite, k: number, tsMs: number, value: number): SensorReading {
  return {
    v: PROTOCOL_VERSION,
    id: `${site.siteId}:${k}`,
    source: SENSOR_SOURCE,
    area: site.area,
    tsMs,
    stream: 'sensor',
    siteId: site.siteId,
    kind: site.kind,
    value,
    unit: site.unit,
    lonLat: [site.lonLat[0], site.lonLat[1]],
  };
}

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export type SensorFaultKind = 'stuck' | 'gap' | 'offline';

/** A period when a site misbehaves: `stuck` repeats one value, `gap` and `offline` send nothing. */
export interface SensorFault {
  siteId: string;
  kind: SensorFaultKind;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

/**
 * Per site and day: a short gap (5–30 min) on ~15 % of days, a stuck hour on ~5 %, and hours offline
 * (2–8 h, power or modem failure) on ~1.2 %. Drawn per (seed, site, day), so any period can be listed alone.
 */
function faultsOfSiteDay(seed: number, siteId: string, siteHash: number, day: number): SensorFault[] {
  const rng = rngFor(seed, Stream.sensorFault, day, siteHash);
  const start = day * DAY - 7 * HOUR;
  const out: SensorFault[] = [];
  for (const f of FAULT_RATES) {
    const hit = rng.chance(f.p);
    const at = start + Math.floor(rng.float() * DAY);
    const len = Math.floor(rng.between(f.minMs, f.maxMs));
    if (hit) out.push({ siteId, kind: f.kind, fromMs: at, toMs: at + len });
  }
  return out;
}

const FAULT_RATES: readonly { kind: SensorFaultKind; p: number; minMs: number; maxMs: number }[] = [
  { kind: 'gap', p: 0.15, minMs: 5 * MIN, maxMs: 30 * MIN },
  { kind: 'stuck', p: 0.05, minMs: 60 * MIN, maxMs: 60 * MIN + 1 },
  { kind: 'offline', p: 0.012, minMs: 2 * HOUR, maxMs: 8 * HOUR },
];

/** Every fault window of the given sites that overlaps [fromMs, toMs), sorted by start then site. */
export function sensorFaultWindows(
  seed: number,
  sites: readonly SensorSite[],
  fromMs: number,
  toMs: number,
): SensorFault[] {
  const out: SensorFault[] = [];
  // Faults last under a day, so one starting the day before may reach into the window.
  const first = vnDayNumber(fromMs) - 1;
  const last = vnDayNumber(toMs - 1);
  for (const site of sites) {
    const h = hashString(site.siteId);
    for (let d = first; d <= last; d++) {
      for (const f of faultsOfSiteDay(seed, site.siteId, h, d))
        if (f.toMs > fromMs && f.fromMs < toMs) out.push(f);
    }
  }
  return out.sort((a, b) => a.fromMs - b.fromMs || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));
}

/** Hour of day (0–24, Vietnam time) of an instant. */
function hourOf(tMs: number): number {
  return ((((tMs + 7 * HOUR) % DAY) + DAY) % DAY) / HOUR;
}

/** A bump centred on hour `c` with width `w` hours, wrapping round midnight. */
function bump(h: number, c: number, w: number): number {
  let x = Math.abs(h - c);
  if (x > 12) x = 24 - x;
  return Math.exp(-0.5 * (x / w) ** 2);
}

interface SiteModel {
  site: SensorSite;
  hash: number;
  /** Per-site variation in [0, 1), for offsets that make sites of the same kind differ. */
  u1: number;
  u2: number;
}

// Tidal constituents of the Vàm Cỏ rivers: semi-diurnal M2 and S2 make the spring–neap cycle, K1 the
// diurnal inequality. Periods in hours, amplitudes in metres.
const M2 = { period: 12.4206, amp: 0.52 };
const S2 = { period: 12.0, amp: 0.2 };
const K1 = { period: 23.9345, amp: 0.14 };

/**
 * Water level, m: ~0.82 m mean plus the upstream Mekong flood that peaks in late October (+0.42 m), tides
 * of ±0.7–0.9 m, and a little from recent rain. Together they cross the 1.8 m alarm on spring high tides
 * of October–November only.
 */
function waterLevel(m: SiteModel, tMs: number, day: number, weather: Weather): number {
  const th = tMs / HOUR;
  const amp = 0.85 + 0.15 * m.u1;
  const phase = m.u2 * 0.8;
  const tide =
    M2.amp * Math.cos((2 * Math.PI * th) / M2.period + phase) +
    S2.amp * Math.cos((2 * Math.PI * th) / S2.period + phase) +
    K1.amp * Math.cos((2 * Math.PI * th) / K1.period + phase * 0.5);
  const flood = 0.42 * Math.exp(-(((dayInfo(day).dayOfYear - 295) / 28) ** 2));
  const rain = Math.min(0.1, 0.002 * weather.recentRainMm(tMs, day));
  return 0.8 + 0.04 * m.u2 + flood + amp * tide + rain;
}

function rainfall(m: SiteModel, tMs: number, day: number, weather: Weather, seed: number): number {
  const v = weather.intensity(tMs, day);
  if (v === 0) return 0;
  // Showers are local: a site misses one in five and sees the rest at its own strength.
  const local = hashFloat(seed, Stream.weather, day, m.hash);
  return local < 0.2 ? 0 : v * (0.6 + local);
}

const PM25_BY_MONTH = [42, 40, 36, 30, 22, 18, 16, 16, 17, 20, 28, 38];

/** PM2.5, µg/m³: traffic peaks morning and evening, evening inversions, worse in the dry season, washed out by rain. */
function pm25(m: SiteModel, tMs: number, day: number, weather: Weather, seed: number): number {
  const h = hourOf(tMs);
  const shape = 0.75 + 0.45 * bump(h, 7.5, 1.3) + 0.6 * bump(h, 20, 2.2) - 0.15 * bump(h, 14, 2.5);
  const dayFactor = Math.exp(0.3 * (hashFloat(seed, Stream.sensorNoise, day, 1) * 2 - 1));
  const wash = weather.intensity(tMs, day) > 0 ? 0.6 : 1;
  const info = dayInfo(day);
  const lockdown = info.lockdown ? 0.75 : 1;
  return PM25_BY_MONTH[info.month - 1]! * (0.85 + 0.35 * m.u1) * shape * dayFactor * wash * lockdown;
}

/** VN_AQI (Decision 1459/QĐ-TCMT) breakpoints for PM2.5: concentration → index, linear in between. */
const AQI_PM25: readonly [number, number][] = [
  [0, 0],
  [25, 50],
  [50, 100],
  [80, 150],
  [150, 200],
  [250, 300],
  [350, 400],
  [500, 500],
];

export function aqiFromPm25(c: number): number {
  for (let i = 1; i < AQI_PM25.length; i++) {
    const [c1, i1] = AQI_PM25[i]!;
    if (c <= c1) {
      const [c0, i0] = AQI_PM25[i - 1]!;
      return i0 + ((i1 - i0) * (c - c0)) / (c1 - c0);
    }
  }
  return 500;
}

/** Relative traffic, ~1 at a weekday rush hour: commuter peaks, a daytime plateau, quiet nights. */
function trafficShape(tMs: number, day: number): number {
  const h = hourOf(tMs);
  const info = dayInfo(day);
  const workday = info.workday;
  const plateau = 1 / (1 + Math.exp(-(h - 6) * 2)) / (1 + Math.exp((h - 21.5) * 1.5));
  let f =
    0.06 + (workday ? 0.5 * plateau + 0.55 * bump(h, 7.3, 1) + 0.6 * bump(h, 17.4, 1.2) : 0.6 * plateau);
  if (info.tet) f *= 0.45;
  else if (info.holiday) f *= 0.75;
  // Directive 16: only essential trips, checkpoints at district borders.
  if (info.lockdown) f *= 0.2;
  return f;
}

const TEMP_MID_BY_MONTH = [28.5, 29, 30, 31, 30.5, 29.5, 29, 29, 29, 28.8, 28.6, 28.2];

/** Air temperature, °C: minimum near 05:30, maximum near 14:00, hottest in April, cooled by rain. */
function temperature(m: SiteModel, tMs: number, day: number, weather: Weather, seed: number): number {
  const h = hourOf(tMs);
  const month = dayInfo(day).month;
  const amp = month >= 5 && month <= 11 ? 3.5 : 4.3;
  let s: number;
  if (h >= 5.5 && h < 14) s = -Math.cos((Math.PI * (h - 5.5)) / 8.5);
  else s = Math.cos(Math.PI * (((h - 14 + 24) % 24) / 15.5));
  const dayOffset = (hashFloat(seed, Stream.sensorNoise, day, 2) * 2 - 1) * 0.8;
  const rain = weather.intensity(tMs, day) > 0 ? -2.5 : 0;
  return TEMP_MID_BY_MONTH[month - 1]! + 0.4 * m.u1 + dayOffset + amp * s + rain;
}

/** The modelled value of a site at an instant, before rounding; `noise` is a uniform draw in [0, 1). */
function modelValue(m: SiteModel, tMs: number, noise: number, weather: Weather, seed: number): number {
  const day = vnDayNumber(tMs);
  const n = noise * 2 - 1;
  switch (m.site.kind) {
    case 'water_level':
      return waterLevel(m, tMs, day, weather) + 0.01 * n;
    case 'rainfall':
      return rainfall(m, tMs, day, weather, seed);
    case 'pm25':
      return pm25(m, tMs, day, weather, seed) * (1 + 0.06 * n);
    case 'aqi':
      return aqiFromPm25(pm25(m, tMs, day, weather, seed) * (1 + 0.06 * n));
    case 'traffic_flow':
      return (600 + 1800 * m.u1) * trafficShape(tMs, day) * (1 + 0.1 * n);
    case 'noise':
      return 48 + 5 * m.u1 + 16 * Math.log10(1 + 12 * trafficShape(tMs, day)) + 1.5 * n;
    case 'temperature':
      return temperature(m, tMs, day, weather, seed) + 0.15 * n;
  }
}

const DECIMALS: Record<SensorKind, number> = {
  water_level: 100,
  rainfall: 10,
  pm25: 10,
  aqi: 1,
  traffic_flow: 1,
  noise: 10,
  temperature: 10,
};

function rounded(kind: SensorKind, v: number): number {
  const k = DECIMALS[kind];
  return Math.round(Math.max(0, v) * k) / k;
}

/**
 * Readings of a fixed set of sites. Site `s` reads once per slot of `cadenceS`, at the slot start plus a
 * jitter of up to ±20 % of the cadence, so the set of readings does not depend on how time is cut into
 * windows. Faults remove or freeze readings. Fault lists are cached per day: a live run asks every 250 ms.
 */
export class SensorField {
  private readonly models: SiteModel[];
  private readonly faultCache = new Map<number, SensorFault[][]>();

  constructor(
    private readonly seed: number,
    sites: readonly SensorSite[],
    private readonly weather: Weather,
  ) {
    this.models = sites.map((site) => {
      const h = hashString(site.siteId);
      return { site, hash: h, u1: hashFloat(h, 1), u2: hashFloat(h, 2) };
    });
  }

  private faultsOn(day: number): SensorFault[][] {
    let f = this.faultCache.get(day);
    if (!f) {
      f = this.models.map((m) => faultsOfSiteDay(this.seed, m.site.siteId, m.hash, day));
      this.faultCache.set(day, f);
      if (this.faultCache.size > 8) this.faultCache.delete(this.faultCache.keys().next().value!);
    }
    return f;
  }

  /** The configured sites, in the order `siteReadings` numbers them. */
  get sites(): readonly SensorSite[] {
    return this.models.map((m) => m.site);
  }

  /**
   * Site number `s`'s readings with fromMs <= tsMs < toMs, in time order, handed to `emit` as (slot, time,
   * rounded value): the one loop behind the live events and the stored sensor history, so both hold the same
   * readings. With `stride` > 1 only every stride-th slot is read (a sample for summaries of old history).
   */
  siteReadings(
    s: number,
    fromMs: number,
    toMs: number,
    emit: (k: number, tsMs: number, value: number) => void,
    stride = 1,
  ): void {
    if (toMs <= fromMs) return;
    const seed = this.seed;
    const m = this.models[s]!;
    const site = m.site;
    const faults: SensorFault[] = [];
    for (let d = vnDayNumber(fromMs) - 1; d <= vnDayNumber(toMs - 1); d++)
      for (const f of this.faultsOn(d)[s]!) if (f.toMs > fromMs && f.fromMs < toMs) faults.push(f);
    const cadence = Math.max(1, site.cadenceS) * 1000;
    const jitter = 0.2 * cadence;
    const k0 = Math.ceil((Math.floor(fromMs / cadence) - 1) / stride) * stride;
    const k1 = Math.floor(toMs / cadence) + 1;
    for (let k = k0; k <= k1; k += stride) {
      const tsMs = Math.round(k * cadence + (hashFloat(seed, m.hash, k) * 2 - 1) * jitter);
      if (tsMs < fromMs || tsMs >= toMs) continue;
      let value: number | null = null;
      let dropped = false;
      for (const f of faults) {
        if (tsMs < f.fromMs || tsMs >= f.toMs) continue;
        if (f.kind === 'stuck') value ??= modelValue(m, f.fromMs, 0.5, this.weather, seed);
        else dropped = true;
      }
      if (dropped) continue;
      value ??= modelValue(m, tsMs, hashFloat(seed, m.hash, k, 1), this.weather, seed);
      emit(k, tsMs, rounded(site.kind, value));
    }
  }

  /** Readings with fromMs <= tsMs < toMs, appended to `out` site by site. */
  readings(fromMs: number, toMs: number, out: SensorReading[]): void {
    for (let s = 0; s < this.models.length; s++) {
      const site = this.models[s]!.site;
      this.siteReadings(s, fromMs, toMs, (k, tsMs, value) =>
        out.push(sensorReadingEvent(site, k, tsMs, value)),
      );
    }
  }
}
