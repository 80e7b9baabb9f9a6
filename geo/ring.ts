import type { AreaGeometry, LonLat } from '../protocol';

/** A linear ring of `[lon, lat]` positions, closed (first position repeated last) unless said otherwise. */
export type Ring = LonLat[];

/** True when the ring's first and last positions are identical. */
export function isRingClosed(ring: readonly (readonly number[])[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return !!first && !!last && first[0] === last[0] && first[1] === last[1];
}

/**
 * Planar shoelace area of a ring in square degrees: positive when counter-clockwise (lon east, lat north).
 * Only the sign and relative size are meaningful; use `@turf/area` for km².
 */
export function ringSignedArea(ring: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[i]!;
    sum += (x1 - x2) * (y1 + y2);
  }
  return sum / 2;
}

/** The polygons of a geometry as a list, so callers need not branch on the type. */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Even-odd test of `[lon, lat]` against one polygon (exterior and holes). Boundary points may go either way. */
export function polygonContains(polygon: readonly Ring[], [x, y]: LonLat): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * A point guaranteed to lie inside the geometry's largest polygon, `[lon, lat]`: the middle of the widest
 * horizontal span through it. A centroid is not enough, as it falls outside crescent-shaped units.
 */
export function representativePoint(geometry: AreaGeometry): LonLat {
  const polygons = polygonsOf(geometry);
  let best = polygons[0]!;
  for (const p of polygons)
    if (Math.abs(ringSignedArea(p[0]!)) > Math.abs(ringSignedArea(best[0]!))) best = p;
  const lats = best[0]!.map((p) => p[1]);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  let point: LonLat = best[0]![0]!;
  let widest = -1;
  // Scan a few latitudes strictly between vertices' so no scanline runs along an edge.
  for (let k = 1; k <= 9; k++) {
    const y = minLat + ((maxLat - minLat) * (k - 0.5 + 0.01)) / 9;
    const xs: number[] = [];
    for (const ring of best) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y) xs.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (width > widest) {
        widest = width;
        point = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
  }
  return point;
}
