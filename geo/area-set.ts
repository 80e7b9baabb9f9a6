import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { AreaFeatureCollection, type AreaProperties, type LonLat } from '../protocol';
import type { AreaInfo, AreaKind } from './areas';
import { AREAS_2021 } from './areas';
import { representativePoint } from './ring';

// The protocol's kind enum and geo's AreaKind must stay one and the same list.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _kindsAgree: Same<AreaProperties['kind'], AreaKind> = true;

/** A validated set of administrative units valid over a period. */
export interface AreaSet {
  name: string;
  /** First day the set is valid, `YYYY-MM-DD` inclusive, or null when unbounded. */
  validFrom: string | null;
  /** Day the set stops being valid, `YYYY-MM-DD` exclusive, or null when unbounded. */
  validTo: string | null;
  collection: AreaFeatureCollection;
  /** The units in file order; `seat` is the known seat, else a point inside the unit's polygon. */
  areas: AreaInfo[];
}

export type ParseAreaSetResult = { ok: true; set: AreaSet } | { ok: false; errors: string[] };

const KNOWN_SEATS = new Map(AREAS_2021.map((a) => [a.code, a.seat]));

/** Names a feature in messages by index, and by code and name when the raw input has them. */
function featureLabel(json: unknown, index: number): string {
  const features = (json as { features?: unknown })?.features;
  const raw = Array.isArray(features)
    ? (features[index] as { properties?: Record<string, unknown> })
    : undefined;
  const p = raw?.properties ?? {};
  const bits = [typeof p.code === 'string' ? p.code : null, typeof p.name === 'string' ? p.name : null];
  const known = bits.filter(Boolean).join(' ');
  return `feature ${index}${known ? ` (${known})` : ''}`;
}

/**
 * Validates an area-set file (or a `GET /api/areas` body) against the wire schema, then checks what a schema
 * cannot: codes unique, every parent present, no cycle of parents. Every message names the feature at fault.
 */
export function parseAreaSet(json: unknown): ParseAreaSetResult {
  const parsed = AreaFeatureCollection.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const [head, index, ...rest] = issue.path;
        const where =
          head === 'features' && typeof index === 'number'
            ? `${featureLabel(json, index)}${rest.length ? ` at ${rest.join('.')}` : ''}`
            : issue.path.join('.') || 'area set';
        return `${where}: ${issue.message}`;
      }),
    };
  }

  const collection = parsed.data;
  const errors: string[] = [];
  const byCode = new Map<string, AreaProperties>();
  collection.features.forEach((f, i) => {
    if (byCode.has(f.properties.code))
      errors.push(`${featureLabel(json, i)}: duplicate code ${f.properties.code}`);
    else byCode.set(f.properties.code, f.properties);
  });
  collection.features.forEach((f, i) => {
    const { parent } = f.properties;
    if (parent !== null && !byCode.has(parent))
      errors.push(`${featureLabel(json, i)}: unknown parent ${parent}`);
    const seen = new Set<string>();
    for (let p: AreaProperties | undefined = f.properties; p?.parent; p = byCode.get(p.parent)) {
      if (seen.has(p.code)) {
        errors.push(`${featureLabel(json, i)}: its parents form a cycle`);
        break;
      }
      seen.add(p.code);
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const areas: AreaInfo[] = collection.features.map((f) => {
    const { code, name, kind, parent } = f.properties;
    const known = KNOWN_SEATS.get(code);
    const seat = known && booleanPointInPolygon(known, f.geometry) ? known : representativePoint(f.geometry);
    return { code, name, kind, parent, seat };
  });
  return {
    ok: true,
    set: {
      name: collection.name ?? 'areas',
      validFrom: collection.validFrom ?? null,
      validTo: collection.validTo ?? null,
      collection,
      areas,
    },
  };
}

interface IndexedArea {
  code: string;
  geometry: AreaFeatureCollection['features'][number]['geometry'];
  bbox: [number, number, number, number];
  areaM2: number;
}

// Sets are immutable once parsed, so their bboxes and areas are worth computing once.
const indexes = new WeakMap<AreaSet, IndexedArea[]>();

function indexOf(set: AreaSet): IndexedArea[] {
  let index = indexes.get(set);
  if (!index) {
    index = set.collection.features.map((f) => {
      const positions = (
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
      ).flatMap((polygon) => polygon[0]!);
      const lons = positions.map((p) => p[0]);
      const lats = positions.map((p) => p[1]);
      return {
        code: f.properties.code,
        geometry: f.geometry,
        bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
        areaM2: turfArea(f.geometry),
      };
    });
    indexes.set(set, index);
  }
  return index;
}

/**
 * Code of the smallest unit of `set` containing `lonLat` (`[lon, lat]`, WGS84 degrees), so a point in a ward
 * yields the ward rather than its district; null when the point lies in none. Points on a shared boundary
 * belong to either neighbour.
 */
export function areaAt(lonLat: LonLat, set: AreaSet): string | null {
  const [lon, lat] = lonLat;
  let best: IndexedArea | null = null;
  for (const a of indexOf(set)) {
    const [minLon, minLat, maxLon, maxLat] = a.bbox;
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
    if (best && a.areaM2 >= best.areaM2) continue;
    if (booleanPointInPolygon(lonLat, a.geometry)) best = a;
  }
  return best?.code ?? null;
}
