import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { AreaGeometry, LonLat, SensorKind } from '../../protocol';
import { polygonContains, polygonsOf } from '../ring';
import type { SensorSite } from '../sensor-site';
import { COORD_DECIMALS } from './districts';
import { RIVERS, ROADS, type SchematicLine } from './outline';
import { KIND_SPECS, SITES_PER_DISTRICT, TAN_AN_COMMUNES, TAN_AN_WARDS, kindsFor } from './site-plan';

/** A district as the site generator needs it: its final (rounded) geometry and its seat, `[lon, lat]`. */
export interface DistrictCell {
  code: string;
  name: string;
  seat: LonLat;
  geometry: AreaGeometry;
}

/** Keeps sites about 100 m inside their cell, so rounding or a different point-in-polygon test cannot flip them. */
const EDGE_MARGIN_DEG = 0.001;
/** About 400 m: two gauges closer than that would read the same water and draw as one dot. */
const MIN_SPACING_DEG = 0.004;
/** About 2.5 km: city wards cluster around the seat, communes lie beyond. */
const WARD_RADIUS_DEG = 0.025;

const round = (v: number) => Number(v.toFixed(COORD_DECIMALS));

/** Points every ~200 m along each line that fall inside `inside`, grouped by line name. */
function samplesAlong(
  lines: readonly SchematicLine[],
  inside: (p: LonLat) => boolean,
): Map<string, LonLat[]> {
  const out = new Map<string, LonLat[]>();
  for (const { name, path } of lines) {
    const pts: LonLat[] = [];
    for (let i = 1; i < path.length; i++) {
      const [x0, y0] = path[i - 1]!;
      const [x1, y1] = path[i]!;
      const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.002);
      for (let s = 0; s < steps; s++) {
        const p: LonLat = [x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps];
        if (inside(p)) pts.push(p);
      }
    }
    if (pts.length > 0) out.set(name, pts);
  }
  return out;
}

/**
 * Deterministic sensor sites for the given district cells: the same `seed` always yields the same list. Water
 * gauges go on rivers and canals, traffic counters on main roads, air and noise near district centres, rain
 * and temperature anywhere in the district.
 */
export function generateSites(cells: readonly DistrictCell[], seed: number): SensorSite[] {
  const rng = xoroshiro128plus(seed);
  const rand = () => uniformFloat64(rng);
  const sites: SensorSite[] = [];

  for (const cell of cells) {
    const plan = SITES_PER_DISTRICT[cell.code];
    if (!plan) throw new Error(`no site plan for district ${cell.code}`);
    const polygons = polygonsOf(cell.geometry);
    const within = (p: LonLat) => polygons.some((poly) => polygonContains(poly, p));
    const safelyWithin = ([x, y]: LonLat) =>
      within([x, y]) &&
      [-1, 1].every((d) => within([x + d * EDGE_MARGIN_DEG, y]) && within([x, y + d * EDGE_MARGIN_DEG]));
    const rivers = samplesAlong(RIVERS, safelyWithin);
    const roads = samplesAlong(ROADS, safelyWithin);
    const all = polygons.flatMap((p) => p[0]!);
    const [minX, maxX] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
    const [minY, maxY] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
    const numbers = new Map<SensorKind, number>();
    const names = new Map<string, number>();

    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const jitter = (p: LonLat, r: number): LonLat => [
      p[0] + (rand() * 2 - 1) * r,
      p[1] + (rand() * 2 - 1) * r,
    ];
    const anywhere = (): LonLat => [minX + rand() * (maxX - minX), minY + rand() * (maxY - minY)];

    for (const kind of kindsFor(plan.tier, plan.count)) {
      let feature: string | null = null;
      let candidate: () => LonLat;
      const lines = kind === 'water_level' ? rivers : kind === 'traffic_flow' ? roads : null;
      if (lines && lines.size > 0) {
        const [name, pts] = pick([...lines.entries()]);
        feature = name;
        candidate = () => jitter(pick(pts), 0.0015);
      } else if (kind === 'pm25' || kind === 'aqi' || kind === 'noise' || kind === 'traffic_flow') {
        // Air, noise and unrouted traffic are watched where people are: around the centre.
        candidate = () => jitter(cell.seat, 0.04);
      } else {
        candidate = anywhere;
      }

      let lonLat: LonLat | null = null;
      for (let attempt = 0; attempt < 5000 && !lonLat; attempt++) {
        const raw = attempt < 4000 ? candidate() : anywhere();
        const p: LonLat = [round(raw[0]), round(raw[1])];
        const spaced = sites.every(
          (s) => Math.hypot(s.lonLat[0] - p[0], s.lonLat[1] - p[1]) >= MIN_SPACING_DEG,
        );
        if (spaced && safelyWithin(p)) lonLat = p;
      }
      if (!lonLat) throw new Error(`could not place a ${kind} site in district ${cell.code}`);

      const n = (numbers.get(kind) ?? 0) + 1;
      numbers.set(kind, n);
      const spec = KIND_SPECS[kind];
      const near = Math.hypot(lonLat[0] - cell.seat[0], lonLat[1] - cell.seat[1]) < WARD_RADIUS_DEG;
      const locality = cell.code === '794' ? pick(near ? TAN_AN_WARDS : TAN_AN_COMMUNES) : cell.name;
      const base = `${spec.label}${feature ? ` ${feature}` : ''} – ${locality}`;
      const seen = (names.get(base) ?? 0) + 1;
      names.set(base, seen);
      sites.push({
        siteId: `LA-${spec.idCode}-${cell.code}-${String(n).padStart(2, '0')}`,
        name: seen === 1 ? base : `${base} (điểm ${seen})`,
        kind,
        unit: spec.unit,
        area: cell.code,
        lonLat,
        cadenceS: spec.cadenceS,
      });
    }
  }
  return sites;
}
