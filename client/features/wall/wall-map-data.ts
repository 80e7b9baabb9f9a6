import type { LngLatBoundsLike } from 'maplibre-gl';
import type { LonLat } from '../../../protocol';
import { DISTRICT_POPULATION } from '../../../reference/district-population';
import type { AreasCollection } from '../../net/api';
import { PROVINCE_BOUNDS } from '../../map/map-style';

/** People per district, for the per-capita map metric (cases per 100,000). */
export const POPULATION: ReadonlyMap<string, number> = new Map(Object.entries(DISTRICT_POPULATION));

type Bounds = [[number, number], [number, number]];

/** The bounding box of an area's geometry in the set in force, or the province's when it is not there. */
export function areaBounds(areas: AreasCollection | null, code: string): LngLatBoundsLike {
  const f = areas?.features.find((x) => x.properties.code === code);
  if (!f) return PROVINCE_BOUNDS;
  const b: Bounds = [
    [Infinity, Infinity],
    [-Infinity, -Infinity],
  ];
  const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of rings)
    for (const ring of poly)
      for (const [lon, lat] of ring) {
        b[0][0] = Math.min(b[0][0], lon!);
        b[0][1] = Math.min(b[0][1], lat!);
        b[1][0] = Math.max(b[1][0], lon!);
        b[1][1] = Math.max(b[1][1], lat!);
      }
  return b;
}

/** About 10 km around a point: close enough to see the site, wide enough to see where it is. */
export function pointBounds([lon, lat]: LonLat): LngLatBoundsLike {
  const d = 0.05;
  return [
    [lon - d, lat - d],
    [lon + d, lat + d],
  ];
}
