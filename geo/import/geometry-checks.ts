import turfArea from '@turf/area';
import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import type { LonLat } from '../../protocol';
import { representativePoint } from '../ring';

/** A polygon as read from a file: exterior ring first, then holes; `[lon, lat]` positions. */
export type RawPolygon = LonLat[][];

/** Where administrative units of this product may lie: Vietnam with a margin, WGS84 degrees. */
export interface LonLatBounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

export const VIETNAM_BOUNDS: LonLatBounds = { minLon: 102, maxLon: 110, minLat: 8, maxLat: 24 };

export interface GeometryFault {
  at: LonLat;
  message: string;
}

const inRange = (v: number, min: number, max: number) => v >= min && v <= max;

/** The first ring that is not closed or too short, if any. */
export function ringClosureFault(polygons: readonly RawPolygon[]): GeometryFault | null {
  for (const [p, polygon] of polygons.entries()) {
    for (const [r, ring] of polygon.entries()) {
      const where = `ring ${r} of polygon ${p}`;
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (!first || !last) return { at: [0, 0], message: `${where} is empty` };
      if (first[0] !== last[0] || first[1] !== last[1])
        return {
          at: last,
          message: `${where} is not closed: it starts at [${first.join(', ')}] but ends at [${last.join(', ')}]`,
        };
      if (ring.length < 4)
        return { at: first, message: `${where} has ${ring.length} positions; a ring needs 4` };
    }
  }
  return null;
}

/**
 * The first position outside `bounds`, explained: a file in `[lat, lon]` order or in a projected CRS (metres)
 * is the usual cause, and saying which saves the operator a guess.
 */
export function boundsFault(polygons: readonly RawPolygon[], bounds: LonLatBounds): GeometryFault | null {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const at of ring) {
        const [x, y] = at;
        if (inRange(x, bounds.minLon, bounds.maxLon) && inRange(y, bounds.minLat, bounds.maxLat)) continue;
        const range = `lon ${bounds.minLon}–${bounds.maxLon}, lat ${bounds.minLat}–${bounds.maxLat}`;
        if (inRange(y, bounds.minLon, bounds.maxLon) && inRange(x, bounds.minLat, bounds.maxLat))
          return {
            at,
            message: `coordinates look swapped ([lat, lon]); GeoJSON positions are [lon, lat] (expected ${range})`,
          };
        if (Math.abs(x) > 180 || Math.abs(y) > 90)
          return {
            at,
            message: `coordinates are not WGS84 degrees (a projected CRS such as UTM or VN-2000?); reproject to EPSG:4326`,
          };
        return { at, message: `position outside the expected bounds (${range})` };
      }
    }
  }
  return null;
}

const orient = (a: LonLat, b: LonLat, c: LonLat) =>
  (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);

/** Crossing point of segments ab and cd when they cross properly or overlap along a stretch; else null. */
function segmentsCross(a: LonLat, b: LonLat, c: LonLat, d: LonLat): LonLat | null {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (o1 === 0 && o2 === 0) {
    // Collinear: a shared stretch of positive length folds the ring back on itself.
    const axis = a[0] !== b[0] ? 0 : 1;
    const lo = Math.max(Math.min(a[axis], b[axis]), Math.min(c[axis], d[axis]));
    const hi = Math.min(Math.max(a[axis], b[axis]), Math.max(c[axis], d[axis]));
    if (hi > lo) {
      const t = ((lo + hi) / 2 - a[axis]) / (b[axis] - a[axis]);
      return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
    }
  }
  return null;
}

/**
 * The first place where the rings of one polygon cross themselves or each other (a bow-tie, a hole poking out).
 * Touching at a shared vertex is allowed. Segments are indexed with Flatbush, so the check is about
 * O(n log n) rather than O(n²) in the number of vertices.
 */
export function selfIntersectionFault(polygons: readonly RawPolygon[]): GeometryFault | null {
  for (const [p, polygon] of polygons.entries()) {
    const segs: { ring: number; i: number; n: number; a: LonLat; b: LonLat }[] = [];
    for (const [r, ring] of polygon.entries()) {
      const n = ring.length - 1;
      for (let i = 0; i < n; i++) segs.push({ ring: r, i, n, a: ring[i]!, b: ring[i + 1]! });
    }
    if (segs.length < 3) continue;
    const index = new Flatbush(segs.length);
    for (const { a, b } of segs)
      index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
    index.finish();
    for (const [k, s] of segs.entries()) {
      const hits = index.search(
        Math.min(s.a[0], s.b[0]),
        Math.min(s.a[1], s.b[1]),
        Math.max(s.a[0], s.b[0]),
        Math.max(s.a[1], s.b[1]),
      );
      for (const h of hits) {
        if (h <= k) continue;
        const t = segs[h]!;
        // Neighbours on the same ring share a vertex by construction (including last → first).
        if (t.ring === s.ring && (t.i === s.i + 1 || (s.i === 0 && t.i === s.n - 1))) continue;
        const at = segmentsCross(s.a, s.b, t.a, t.b);
        if (at) {
          const what = t.ring === s.ring ? `ring ${s.ring}` : `rings ${s.ring} and ${t.ring}`;
          return {
            at,
            message: `${what} of polygon ${p} cross${t.ring === s.ring ? 'es itself' : ''} (segments ${s.i} and ${t.i}): the geometry is not valid`,
          };
        }
      }
    }
  }
  return null;
}

export interface OverlapInput {
  index: number;
  code: string | null;
  polygons: RawPolygon[];
}

export interface Overlap {
  a: number;
  b: number;
  overlapKm2: number;
  /** Overlap as a share of the smaller feature's area. */
  share: number;
  at: LonLat;
}

function bboxOf(polygons: readonly RawPolygon[]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}

/**
 * Pairs of features that overlap by more than `tolerance` of the smaller one's area. Borders digitised twice
 * never match exactly, so slivers below the tolerance are accepted. `skip(a, b)` exempts pairs that are meant
 * to overlap (a unit and the unit above it). Candidates come from a Flatbush of feature bboxes.
 */
export function findOverlaps(
  features: readonly OverlapInput[],
  tolerance: number,
  skip: (a: OverlapInput, b: OverlapInput) => boolean,
): Overlap[] {
  if (features.length < 2) return [];
  const index = new Flatbush(features.length);
  const bboxes = features.map((f) => bboxOf(f.polygons));
  for (const b of bboxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const areas = features.map((f) => turfArea({ type: 'MultiPolygon', coordinates: f.polygons }));
  const out: Overlap[] = [];
  for (const [i, f] of features.entries()) {
    const [minX, minY, maxX, maxY] = bboxes[i]!;
    for (const j of index.search(minX, minY, maxX, maxY)) {
      if (j <= i) continue;
      const g = features[j]!;
      if (skip(f, g)) continue;
      const inter = polygonClipping.intersection(
        f.polygons as polygonClipping.MultiPolygon,
        g.polygons as polygonClipping.MultiPolygon,
      );
      if (inter.length === 0) continue;
      const overlapM2 = turfArea({ type: 'MultiPolygon', coordinates: inter });
      const share = overlapM2 / Math.max(1e-9, Math.min(areas[i]!, areas[j]!));
      if (share <= tolerance) continue;
      const at = representativePoint({ type: 'MultiPolygon', coordinates: inter as LonLat[][][] });
      out.push({ a: f.index, b: g.index, overlapKm2: overlapM2 / 1e6, share, at });
    }
  }
  return out;
}
