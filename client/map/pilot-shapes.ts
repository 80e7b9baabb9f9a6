import type { LngLatBoundsLike } from 'maplibre-gl';
import { pilotUnitFeatures } from '../../geo/pilot-units';
import type { AreaFeature as ProtocolFeature, LonLat } from '../../protocol';
import type { AreasCollection } from '../net/api';
import type { AreaFeature } from './layers';

/** The pilot units as the map draws them: the communes and the ward as cells, the Department as a mark. */
export interface PilotShapes {
  /** Schematic cells inside their districts, `schematic: true`. */
  cells: readonly AreaFeature[];
  /** The Department of ICT is no territory: a point at its office, `[lon, lat]`. */
  marks: readonly { code: string; lonLat: LonLat }[];
}

const cache = new WeakMap<AreasCollection, PilotShapes>();

const centreOf = (f: AreaFeature): LonLat => {
  const ring = (
    f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : f.geometry.coordinates[0]![0]!
  ).slice(0, -1);
  let lon = 0;
  let lat = 0;
  for (const p of ring) {
    lon += p[0]!;
    lat += p[1]!;
  }
  return [lon / ring.length, lat / ring.length];
};

/** The pilots placed inside the districts of the set drawn (geo/pilot-units.ts), once per set loaded. */
export function pilotShapes(areas: AreasCollection | null): PilotShapes {
  if (!areas) return { cells: [], marks: [] };
  let shapes = cache.get(areas);
  if (!shapes) {
    // The wire's positions are [lon, lat] pairs, as the protocol's schema has checked.
    const hosts = { features: areas.features as unknown as ProtocolFeature[] };
    const all = pilotUnitFeatures(hosts) as unknown as AreaFeature[];
    shapes = {
      cells: all.filter((f) => f.properties.kind !== 'agency'),
      marks: all
        .filter((f) => f.properties.kind === 'agency')
        .map((f) => ({ code: f.properties.code, lonLat: centreOf(f) })),
    };
    cache.set(areas, shapes);
  }
  return shapes;
}

/**
 * Where to frame a pilot: its cell, or its mark, with at least {@link MIN_SPAN_DEG} around it, so the district
 * it lies in stays in view (a cell is a few km wide); null when `code` is no pilot.
 */
export function pilotBounds(shapes: PilotShapes, code: string): LngLatBoundsLike | null {
  const cell = shapes.cells.find((f) => f.properties.code === code);
  const mark = shapes.marks.find((m) => m.code === code);
  if (!cell && !mark) return null;
  const points = cell
    ? (cell.geometry.type === 'Polygon' ? [cell.geometry.coordinates] : cell.geometry.coordinates).flat(2)
    : [mark!.lonLat];
  const lons = points.map((p) => p[0]!);
  const lats = points.map((p) => p[1]!);
  const [cx, cy] = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
  const hx = Math.max(MIN_SPAN_DEG, Math.max(...lons) - Math.min(...lons)) / 2;
  const hy = Math.max(MIN_SPAN_DEG, Math.max(...lats) - Math.min(...lats)) / 2;
  return [
    [cx - hx, cy - hy],
    [cx + hx, cy + hy],
  ];
}

/** About 11 km: a pilot framed with its surroundings, not a hexagon filling the screen. */
const MIN_SPAN_DEG = 0.1;
