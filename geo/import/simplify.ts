import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { AreaGeometry, LonLat } from '../../protocol';
import { ringSignedArea } from '../ring';
import type { RawPolygon } from './geometry-checks';

export interface SimplifyResult {
  /** The input geometries simplified, in input order; borders shared in the input are still shared. */
  geometries: AreaGeometry[];
  /** For each requested group, the union of its members: simplified (for display) and original (for areas). */
  merged: { simplified: AreaGeometry; original: AreaGeometry }[];
}

type ArcPoint = [number, number, number];

/** Positions a geometry has in GeoJSON, counting each ring's closing position. */
export function countVertices(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
}

/** RFC 7946 winding: exterior rings counter-clockwise, holes clockwise. */
function rewind(geometry: AreaGeometry): AreaGeometry {
  const fix = (polygon: LonLat[][]) =>
    polygon.map((ring, i) => (ringSignedArea(ring) > 0 === (i === 0) ? ring : [...ring].reverse()));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}

/** Rings of a topology geometry as lists of arc indexes (negative: reversed, `~i`). */
function ringsOf(g: GeometryObject): number[][] {
  if (g.type === 'Polygon') return g.arcs;
  if (g.type === 'MultiPolygon') return g.arcs.flat();
  return [];
}

/**
 * Simplifies polygons for display while keeping topology: the geometries become a TopoJSON topology (shared
 * borders become one arc), each arc is simplified once by Visvalingam weights, and the result is converted back,
 * so two neighbours still share exactly the same border. The weight threshold is the smallest that keeps at most
 * `maxVertices` positions in total (no simplification when the input is already that small); rings that would
 * collapse below 4 positions keep their most significant points, so the result may exceed it slightly.
 * `groups` lists index sets to merge (a province from its districts), dissolving their shared borders.
 */
export function simplifyKeepingTopology(
  input: readonly RawPolygon[][],
  maxVertices: number,
  groups: readonly (readonly number[])[] = [],
): SimplifyResult {
  const collection = {
    type: 'FeatureCollection' as const,
    features: input.map((polygons) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'MultiPolygon' as const, coordinates: structuredClone(polygons) },
    })),
  };
  const original = topology({ areas: collection }) as Topology<{ areas: GeometryCollection }>;
  const pre = presimplify(original);
  const arcs = pre.arcs as ArcPoint[][];
  const geometries = pre.objects.areas.geometries;
  const rings = geometries.flatMap(ringsOf);

  const keptIn = (arc: ArcPoint[], w: number) => arc.reduce((n, p) => n + (p[2] >= w ? 1 : 0), 0);
  const positions = (ring: number[], kept: number[]) =>
    ring.reduce((n, a) => n + kept[a < 0 ? ~a : a]!, 0) - (ring.length - 1);
  const total = (w: number) => {
    const kept = arcs.map((arc) => keptIn(arc, w));
    return rings.reduce((n, ring) => n + positions(ring, kept), 0);
  };

  // Keeping the k heaviest interior points: find the largest k whose total stays within the budget.
  const weights = arcs
    .flatMap((arc) => arc.map((p) => p[2]))
    .filter(Number.isFinite)
    .sort((x, y) => y - x);
  let minWeight = -Infinity;
  if (total(minWeight) > maxVertices) {
    let lo = 0;
    let hi = weights.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (total(weights[mid - 1]!) <= maxVertices) lo = mid;
      else hi = mid - 1;
    }
    minWeight = lo === 0 ? Infinity : weights[lo - 1]!;
  }

  // A ring needs 3 distinct positions: promote its heaviest dropped points until it has them.
  const kept = arcs.map((arc) => keptIn(arc, minWeight));
  for (const ring of rings) {
    while (positions(ring, kept) < 4) {
      let best: { arc: number; point: ArcPoint } | null = null;
      for (const a of ring) {
        const arc = a < 0 ? ~a : a;
        for (const p of arcs[arc]!)
          if (p[2] < minWeight && (!best || p[2] > best.point[2])) best = { arc, point: p };
      }
      if (!best) break;
      best.point[2] = Infinity;
      kept[best.arc]! += 1;
    }
  }

  const simplified = simplify(pre, minWeight) as Topology<{ areas: GeometryCollection }>;
  const toGeometry = (g: { type: string; coordinates: unknown }): AreaGeometry => {
    const multi = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as LonLat[][][];
    return rewind(
      multi.length === 1
        ? { type: 'Polygon', coordinates: multi[0]! }
        : { type: 'MultiPolygon', coordinates: multi },
    );
  };
  const out = feature(simplified, simplified.objects.areas).features.map((f) =>
    toGeometry(f.geometry as { type: string; coordinates: unknown }),
  );
  const mergedOf = (t: Topology<{ areas: GeometryCollection }>, members: readonly number[]) =>
    toGeometry(merge(t, members.map((i) => t.objects.areas.geometries[i]!) as never));
  return {
    geometries: out,
    merged: groups.map((members) => ({
      simplified: mergedOf(simplified, members),
      original: mergedOf(original, members),
    })),
  };
}
