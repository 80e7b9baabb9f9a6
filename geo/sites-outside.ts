import type { LonLat } from '../protocol';
import { areaAt, type AreaSet } from './area-set';
import { polygonsOf } from './ring';
import type { SensorSite } from './sensor-site';

/** A sensor site no unit of a set contains, with the unit whose boundary is nearest. */
export interface OutsideSite {
  siteId: string;
  name: string;
  lonLat: LonLat;
  /** Code of the unit whose boundary is nearest (the smallest when several tie). */
  nearest: string;
  /** Distance to that boundary, km. */
  distanceKm: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/**
 * Distance in km from `p` to the segment a–b (all `[lon, lat]`), on a local equirectangular projection
 * centred on `p`: exact enough (well under 0,1 %) over the few tens of km a province spans.
 */
function segmentDistanceKm(p: LonLat, a: LonLat, b: LonLat): number {
  const k = (Math.PI / 180) * EARTH_RADIUS_KM;
  const cos = Math.cos((p[1] * Math.PI) / 180);
  const ax = (a[0] - p[0]) * k * cos;
  const ay = (a[1] - p[1]) * k;
  const bx = (b[0] - p[0]) * k * cos;
  const by = (b[1] - p[1]) * k;
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * The sites of `sites` that lie in no unit of `set`, each with its distance to the nearest unit's boundary:
 * what an import must list rather than silently keep a site in a district it is not in.
 */
export function sitesOutside(sites: readonly SensorSite[], set: AreaSet): OutsideSite[] {
  const out: OutsideSite[] = [];
  for (const s of sites) {
    if (areaAt(s.lonLat, set) !== null) continue;
    let best = { code: '', km: Infinity };
    for (const f of set.collection.features)
      for (const polygon of polygonsOf(f.geometry))
        for (const ring of polygon)
          for (let i = 1; i < ring.length; i++) {
            const km = segmentDistanceKm(s.lonLat, ring[i - 1]!, ring[i]!);
            if (km < best.km) best = { code: f.properties.code, km };
          }
    out.push({ siteId: s.siteId, name: s.name, lonLat: s.lonLat, nearest: best.code, distanceKm: best.km });
  }
  return out;
}
