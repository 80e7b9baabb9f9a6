import type { AreaFeature, AreaFeatureCollection, AreaGeometry, LonLat } from '../protocol';
import type { AreaSet } from './area-set';
import type { AreaInfo } from './areas';
import { polygonContains, polygonsOf, representativePoint, type Ring } from './ring';

/**
 * The seed's digital-transformation pilots (2021): "3 đơn vị gồm: 2 xã (thuộc huyện Cần Giuộc, Châu Thành) và
 * 1 phường (thuộc TP. Tân An) và Sở Thông tin và Truyền thông". The seed does not name the commune and ward, so
 * the product does not either: they carry the product's own codes (99xxx, outside the national list, which
 * gives Long An's communes 27xxx–28xxx) and names that say what they are. Their geometry is schematic: a small
 * cell inside their district as the area set in force draws it, labelled so, never a boundary.
 */
export interface PilotUnit extends AreaInfo {
  /**
   * Which of the district's commune-level People's Committees the simulator files its commune-level dossiers
   * with (1-based, as in agency codes `000.CC.NN.H38`); null for the Department.
   */
  communeNo: number | null;
  /** The Department's name as the simulator's agency list spells it; null for a territorial unit. */
  agencyName: string | null;
}

/** The named group of the pilots, as `/kpi` and `/` offer it. */
export const PILOT_GROUP = { id: 'pilots', name: 'Đơn vị thí điểm chuyển đổi số' } as const;

export const PILOT_UNITS: readonly PilotUnit[] = [
  {
    code: '99101',
    name: 'Xã thí điểm (Cần Giuộc)',
    kind: 'commune',
    parent: '807',
    // Placements only to put a schematic cell inside the district, to 0.01°: not the unit's seat.
    seat: [106.64, 10.57],
    communeNo: 1,
    agencyName: null,
  },
  {
    code: '99102',
    name: 'Xã thí điểm (Châu Thành)',
    kind: 'commune',
    parent: '808',
    seat: [106.46, 10.42],
    communeNo: 1,
    agencyName: null,
  },
  {
    code: '99103',
    name: 'Phường thí điểm (TP. Tân An)',
    kind: 'ward',
    parent: '794',
    seat: [106.41, 10.545],
    communeNo: 1,
    agencyName: null,
  },
  {
    code: '99104',
    name: 'Sở Thông tin và Truyền thông',
    kind: 'agency',
    // A provincial department, counted where its dossiers are filed and handled: its office in the provincial
    // capital. So the districts still add up to the province, and Tân An holds the Department's figures as it
    // holds the other provincial work filed there (simulators/districts.ts).
    parent: '794',
    // Drawn as a small mark in the city.
    seat: [106.415, 10.535],
    communeNo: null,
    agencyName: 'Sở Thông tin và Truyền thông',
  },
];

/** {@link PILOT_UNITS} as plain areas, for the area catalogue. */
export const PILOT_AREAS: readonly AreaInfo[] = PILOT_UNITS.map(({ code, name, kind, parent, seat }) => ({
  code,
  name,
  kind,
  parent,
  seat,
}));

export const PILOT_CODES: ReadonlySet<string> = new Set(PILOT_UNITS.map((u) => u.code));

export const isPilotUnit = (code: string): boolean => PILOT_CODES.has(code);

/** Radius of a pilot's schematic cell, km, before it is shrunk to fit inside its district. */
const CELL_RADIUS_KM = 2.5;
const KM_PER_DEG_LAT = 110.57;

function hexagon([lon, lat]: LonLat, radiusKm: number): Ring {
  const dLat = radiusKm / KM_PER_DEG_LAT;
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring: LonLat[] = [];
  for (let i = 0; i < 6; i++) {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    ring.push([+(lon + dLon * Math.cos(a)).toFixed(5), +(lat + dLat * Math.sin(a)).toFixed(5)]);
  }
  ring.push(ring[0]!);
  return ring;
}

const inside = (geometry: AreaGeometry, p: LonLat) =>
  polygonsOf(geometry).some((polygon) => polygonContains(polygon, p));

/** The units a pilot's cell must lie inside: an area set, or its features as `GET /api/areas` sends them. */
export type PilotHosts = AreaSet | { features: readonly Pick<AreaFeature, 'properties' | 'geometry'>[] };

/**
 * The pilots' schematic cells, each inside its parent as `districts` draws it (the set in force: the geometry
 * may be schematic or official, the cell follows): a hexagon around the placement, or around a point inside the
 * parent when the placement falls outside it, halved until all its corners are inside (the Department's a small
 * mark). Positions `[lon, lat]`. The server and the browser compute the same cells from the same set.
 */
export function pilotUnitFeatures(districts: PilotHosts): AreaFeature[] {
  const features = 'collection' in districts ? districts.collection.features : districts.features;
  const parents = new Map(features.map((f) => [f.properties.code, f.geometry]));
  return PILOT_UNITS.map((u) => {
    const host = u.parent ? parents.get(u.parent) : undefined;
    const centre = !host || inside(host, u.seat) ? u.seat : representativePoint(host);
    let radius = u.kind === 'agency' ? 0.6 : CELL_RADIUS_KM;
    let ring = hexagon(centre, radius);
    for (let i = 0; host && i < 8 && !ring.every((p) => inside(host, p)); i++)
      ring = hexagon(centre, (radius /= 2));
    return {
      type: 'Feature',
      properties: { code: u.code, name: u.name, kind: u.kind, parent: u.parent, schematic: true },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
}

/** The group as a FeatureCollection (the `/api/areas/groups` body's features). */
export function pilotUnitCollection(districts: AreaSet): AreaFeatureCollection {
  return { type: 'FeatureCollection', name: PILOT_GROUP.id, features: pilotUnitFeatures(districts) };
}
