/*
 * The sensor sites the browser bench feeds to the wall and to the bare deck.gl page: N sites spread over the
 * province, each with a new reading every tick. Pure and seeded, so both pages are fed the same values.
 */
import { DISTRICTS_2021 } from '../geo/areas';
import { SensorKind, type AlertCondition, type SiteState } from '../protocol';
import { KIND_SPECS } from '../geo/schematic/site-plan';
import { SENSOR_THRESHOLDS } from '../protocol/state/built-in-rules';

// The product's own kinds and units, so the bench's sites look like the province's.
const KINDS = SensorKind.options;
const UNITS = Object.fromEntries(KINDS.map((k) => [k, KIND_SPECS[k].unit])) as Record<SensorKind, string>;
/** The province's box, `[lon, lat]` (client/map/map-style.ts's PROVINCE_BOUNDS). */
const WEST = 105.5;
const SOUTH = 10.4;
const EAST = 106.75;
const NORTH = 11.03;

/** mulberry32: small, fast and good enough to spread points; the same seed gives the same sites. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nearestDistrict = (lon: number, lat: number): string => {
  let best = DISTRICTS_2021[0]!;
  let bestD = Infinity;
  for (const d of DISTRICTS_2021) {
    const dd = (d.seat[0] - lon) ** 2 + (d.seat[1] - lat) ** 2;
    if (dd < bestD) [best, bestD] = [d, dd];
  }
  return best.code;
};

/**
 * A reading for a site: about 90 % ok, 7 % warning, 3 % alarm where the kind has thresholds, so every tick
 * changes some sites' status (and so their colour and size on the map), as a busy day does.
 */
function reading(kind: SensorKind, u: number, v: number): number {
  const t = SENSOR_THRESHOLDS[kind];
  if (!t) return Math.round(200 + 1800 * v);
  const x =
    u < 0.9
      ? t.warning * (0.5 + 0.45 * v)
      : u < 0.97
        ? t.warning + (t.alarm - t.warning) * v
        : t.alarm * (1 + 0.2 * v);
  return Math.round(x * 100) / 100;
}

/**
 * The threshold conditions of the sites' readings under the built-in thresholds, as the alert rules would hold
 * them: the status of a site is its condition's level, so a feed that makes up readings makes these up too.
 */
export function conditionsOf(sites: readonly SiteState[]): Record<string, AlertCondition> {
  const out: Record<string, AlertCondition> = {};
  for (const s of sites) {
    const t = SENSOR_THRESHOLDS[s.kind];
    const level = !t ? 0 : s.value >= t.alarm ? 2 : s.value >= t.warning ? 1 : 0;
    if (level) out['sensor:' + s.siteId] = { level, alertId: null };
  }
  return out;
}

/** `n` sites at tick 0 (readings at `nowMs`), spread uniformly over the province's box. */
export function makeSites(n: number, nowMs: number, seed = 2021): SiteState[] {
  const r = rng(seed);
  const sites: SiteState[] = [];
  for (let i = 0; i < n; i++) {
    const lon = Math.round((WEST + (EAST - WEST) * r()) * 1e5) / 1e5;
    const lat = Math.round((SOUTH + (NORTH - SOUTH) * r()) * 1e5) / 1e5;
    const kind = KINDS[i % KINDS.length]!;
    sites.push({
      siteId: `B${String(i).padStart(6, '0')}`,
      area: nearestDistrict(lon, lat),
      kind,
      value: reading(kind, r(), r()),
      unit: UNITS[kind],
      lonLat: [lon, lat],
      tsMs: nowMs,
      repeats: 0,
    });
  }
  return sites;
}

/** Every site's next reading at tick `tick` (1, 2, …), timed `nowMs`; the input is not changed. */
export function tickSites(
  sites: readonly SiteState[],
  tick: number,
  nowMs: number,
  seed = 2021,
): SiteState[] {
  const r = rng(seed * 7919 + tick);
  return sites.map((s) => ({ ...s, value: reading(s.kind, r(), r()), tsMs: nowMs }));
}
