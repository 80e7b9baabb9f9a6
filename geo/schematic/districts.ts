import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, LonLat } from '../../protocol';
import { ringSignedArea, type Ring } from '../ring';

/** Decimal places kept in written coordinates: 1e-5° is about 1 m, far finer than a schematic needs. */
export const COORD_DECIMALS = 5;

const round = (v: number) => Number(v.toFixed(COORD_DECIMALS));

/** Rounds, drops repeated positions, closes the ring and orients it (exterior counter-clockwise, RFC 7946). */
export function normaliseRing(ring: readonly LonLat[], exterior: boolean): Ring {
  const out: Ring = [];
  for (const [lon, lat] of ring) {
    const p: LonLat = [round(lon), round(lat)];
    const prev = out[out.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p);
  }
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] === last[0] && first[1] === last[1]) out.pop();
  if (ringSignedArea(out) > 0 !== exterior) out.reverse();
  out.push([out[0]![0], out[0]![1]]);
  return out;
}

/** Normalises polygon-clipping output into a Polygon when it is one piece, a MultiPolygon otherwise. */
export function toGeometry(multi: polygonClipping.MultiPolygon): AreaGeometry {
  const polygons = multi.map((polygon) => polygon.map((ring, i) => normaliseRing(ring, i === 0)));
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * Voronoi cells around `seats` (`[lon, lat]`), clipped to `outline`, in the seats' order. Cells of a Voronoi
 * diagram share their edges exactly, so the clipped cells tile the outline without gaps or overlaps.
 */
export function voronoiCells(outline: Ring, seats: readonly LonLat[]): AreaGeometry[] {
  const lons = outline.map((p) => p[0]);
  const lats = outline.map((p) => p[1]);
  // Bounds wider than the outline so no cell is cut by the diagram's own frame before clipping.
  const bounds: [number, number, number, number] = [
    Math.min(...lons) - 1,
    Math.min(...lats) - 1,
    Math.max(...lons) + 1,
    Math.max(...lats) + 1,
  ];
  const voronoi = Delaunay.from(seats).voronoi(bounds);
  return seats.map((_, i) => {
    const cell = voronoi.cellPolygon(i) as LonLat[];
    return toGeometry(polygonClipping.intersection([cell], [outline]));
  });
}
