import { z } from 'zod';
import { AreaCode, LonLat } from './events.schema';

/** What an administrative unit carries in an area-set file and in `GET /api/areas`. */
export const AreaProperties = z.object({
  code: AreaCode,
  name: z.string().min(1).max(128),
  /** `agency`: a provincial department taken as a unit of its own (a pilot of digital transformation). */
  kind: z.enum(['province', 'city', 'town', 'district', 'ward', 'commune', 'agency']),
  /** Code of the unit above, or null for the top unit. */
  parent: AreaCode.nullable(),
  /** True when the geometry is the product's own approximation, not an official boundary. */
  schematic: z.boolean().optional(),
  /** Geodesic area in km², computed on the unsimplified geometry (@turf/area). */
  areaKm2: z.number().min(0).optional(),
  /** The area in km² an official source states, shown beside the computed one where known. */
  officialAreaKm2: z.number().min(0).optional(),
});
export type AreaProperties = z.infer<typeof AreaProperties>;

/** A closed linear ring of `[lon, lat]` positions (WGS84 degrees): at least 4, the last equal to the first. */
export const AreaRing = z
  .array(LonLat)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => {
    const [first, last] = [ring[0], ring[ring.length - 1]];
    // A too-short ring is already reported by min(); do not pile a second issue on it.
    return !first || !last || (first[0] === last[0] && first[1] === last[1]);
  }, 'ring is not closed: its first and last positions differ');
export type AreaRing = z.infer<typeof AreaRing>;

const PolygonCoordinates = z.array(AreaRing).min(1);

/** Boundary of a unit: a Polygon or MultiPolygon (exterior ring first, then holes), `[lon, lat]` positions. */
export const AreaGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1) }),
]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;

/** One unit with its boundary. */
export const AreaFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  properties: AreaProperties,
  geometry: AreaGeometry,
});
export type AreaFeature = z.infer<typeof AreaFeature>;

/**
 * An area set: the units valid over a period, as an area-set file or the `GET /api/areas` response.
 * `validFrom` is inclusive and `validTo` exclusive, both `YYYY-MM-DD` (Vietnam time).
 */
export const AreaFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    name: z.string().min(1).max(128).optional(),
    validFrom: z.iso.date().optional(),
    validTo: z.iso.date().optional(),
    /** Where the geometry comes from, in words ("geoBoundaries gbOpen VNM-ADM2, 2020"). */
    source: z.string().min(1).max(256).optional(),
    /** Attribution the geometry's licence asks for; every map drawing the set shows it. */
    attribution: z.string().min(1).max(512).optional(),
    features: z.array(AreaFeature).min(1),
  })
  .refine((c) => !c.validFrom || !c.validTo || c.validFrom < c.validTo, {
    message: 'validFrom must be before validTo',
    path: ['validTo'],
  });
export type AreaFeatureCollection = z.infer<typeof AreaFeatureCollection>;

/**
 * `GET /api/areas/sites?at=ISO`: the unit each sensor site lies in under the area set in force at `at` (the
 * smallest containing unit, so a ward where the set has wards; null outside every unit), named with its set.
 */
export const SiteAreasResponse = z.object({
  set: z.string().min(1).max(128),
  validFrom: z.iso.date().nullable(),
  validTo: z.iso.date().nullable(),
  sites: z.record(z.string().min(1).max(64), AreaCode.nullable()),
});
export type SiteAreasResponse = z.infer<typeof SiteAreasResponse>;
