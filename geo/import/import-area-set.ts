import turfArea from '@turf/area';
import {
  AreaCode,
  type AreaFeature,
  type AreaFeatureCollection,
  type AreaGeometry,
  type AreaProperties,
  type LonLat,
} from '../../protocol';
import { parseAreaSet } from '../area-set';
import type { AreaKind } from '../areas';
import {
  VIETNAM_BOUNDS,
  boundsFault,
  findOverlaps,
  ringClosureFault,
  selfIntersectionFault,
  type LonLatBounds,
  type OverlapInput,
  type RawPolygon,
} from './geometry-checks';
import type { ImportProblem } from './problem';
import { countVertices, simplifyKeepingTopology } from './simplify';

/** What the importer may know about a code already (from AREAS_2021 or an installed set). */
export interface KnownArea {
  name: string;
  kind: AreaKind;
  parent: string | null;
}

export interface ImportOptions {
  /** Name of the set, written as `<name>.geo.json`. */
  name: string;
  /** `YYYY-MM-DD`, inclusive; null when unbounded. */
  validFrom: string | null;
  /** `YYYY-MM-DD`, exclusive; null when unbounded. */
  validTo: string | null;
  /** Property names holding each attribute in the input features. */
  props: { code: string; name: string; kind: string; parent: string };
  /** Codes the product already knows, with what it knows of them. */
  known: ReadonlyMap<string, KnownArea>;
  /** Accept codes not in `known` (a reorganisation brought new units). */
  allowNewCodes: boolean;
  /** Parent given to district-level units that name none and are not known. */
  provinceCode: string;
  /** Overlap accepted between two features, as a share of the smaller one's area. */
  overlapTolerance: number;
  /** Vertex budget of the simplified set (all features together). */
  maxVertices: number;
  bounds: LonLatBounds;
  /** Where the boundaries come from, written into the set and shown on the map ("Sở TN&MT Long An, 2021"). */
  source?: string;
  /** Attribution the boundaries' licence asks for, shown on every map drawing the set. */
  attribution?: string;
}

export const DEFAULT_IMPORT_OPTIONS = {
  props: { code: 'code', name: 'name', kind: 'kind', parent: 'parent' },
  allowNewCodes: false,
  provinceCode: '80',
  overlapTolerance: 0.005,
  maxVertices: 2500,
  bounds: VIETNAM_BOUNDS,
  validFrom: null,
  validTo: null,
} satisfies Partial<ImportOptions>;

export interface ImportSummary {
  features: number;
  /** Codes of units added by merging their children because the file lacked them (e.g. the province). */
  derived: string[];
  verticesBefore: number;
  verticesAfter: number;
  areas: { code: string; name: string; areaKm2: number; derived: boolean }[];
}

export type ImportResult =
  | { ok: true; collection: AreaFeatureCollection; summary: ImportSummary }
  | { ok: false; problems: ImportProblem[] };

const KINDS: Record<string, AreaKind> = {
  province: 'province',
  city: 'city',
  town: 'town',
  district: 'district',
  ward: 'ward',
  commune: 'commune',
  // Vietnamese unit types as official lists spell them.
  tỉnh: 'province',
  'thành phố': 'city',
  'thị xã': 'town',
  huyện: 'district',
  quận: 'district',
  phường: 'ward',
  xã: 'commune',
  'thị trấn': 'commune',
};
const DISTRICT_LEVEL: readonly AreaKind[] = ['city', 'town', 'district'];

interface Candidate {
  index: number;
  code: string | null;
  raw: Record<string, unknown>;
  polygons: RawPolygon[];
}

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));

/** Polygons of a raw GeoJSON geometry as `[lon, lat]` rings (altitude dropped), or why they cannot be read. */
function readPolygons(geometry: unknown): RawPolygon[] | string {
  if (!geometry || typeof geometry !== 'object') return 'has no geometry';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    return `geometry type ${String(type)} is not supported (Polygon or MultiPolygon only)`;
  const list = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(list) || list.length === 0) return `${type} has no coordinates`;
  const out: RawPolygon[] = [];
  for (const polygon of list) {
    if (!Array.isArray(polygon) || polygon.length === 0) return `${type} has an empty polygon`;
    const rings: LonLat[][] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring) || !ring.every(isPosition))
        return `${type} has a ring that is not a list of positions`;
      rings.push(ring.map((p) => [p[0]!, p[1]!] as LonLat));
    }
    out.push(rings);
  }
  return out;
}

const codeOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim()
    ? v.trim()
    : typeof v === 'number' && Number.isInteger(v)
      ? String(v)
      : null;

/**
 * Validates a GeoJSON FeatureCollection of administrative units and turns it into an area set: codes present,
 * well-formed, unique and known (unless new codes are allowed); rings closed; rings not crossing; positions
 * inside the expected bounds (with a hint when they look swapped or projected); no overlap between units beyond
 * the tolerance. Every problem names the feature and a position. A good file is simplified keeping topology,
 * each unit gets `areaKm2` computed geodesically on the ORIGINAL geometry, and missing parents that the product
 * knows (the province of a district file) are added as the union of their children. Pure: no I/O.
 */
export function importAreaSet(json: unknown, options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const collectionProblem = (message: string): ImportResult => ({
    ok: false,
    problems: [{ feature: null, code: null, at: null, message }],
  });
  if (!json || typeof json !== 'object' || (json as { type?: unknown }).type !== 'FeatureCollection')
    return collectionProblem('not a GeoJSON FeatureCollection');
  const rawFeatures = (json as { features?: unknown }).features;
  if (!Array.isArray(rawFeatures)) return collectionProblem('FeatureCollection has no "features" array');
  if (rawFeatures.length === 0) return collectionProblem('empty collection: the file has no features');

  const { props } = options;
  const candidates: Candidate[] = [];
  rawFeatures.forEach((f: unknown, index) => {
    const raw = ((f as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>;
    const code = codeOf(raw[props.code]);
    const report = (message: string, at: LonLat | null = null) =>
      problems.push({ feature: index, code, at, message });
    const polygons = readPolygons((f as { geometry?: unknown })?.geometry);
    if (typeof polygons === 'string') return report(polygons);
    const first = polygons[0]?.[0]?.[0] ?? null;
    if (code === null) report(`missing code (property "${props.code}")`, first);
    else if (!AreaCode.safeParse(code).success)
      report(`code "${code}" is not an administrative code of 2–5 digits`, first);
    const closure = ringClosureFault(polygons);
    if (closure) return report(closure.message, closure.at);
    const outside = boundsFault(polygons, options.bounds);
    if (outside) return report(outside.message, outside.at);
    const crossing = selfIntersectionFault(polygons);
    if (crossing) return report(crossing.message, crossing.at);
    candidates.push({ index, code, raw, polygons });
  });

  // Attributes: codes unique and known, a name, a kind and a parent for every unit.
  const seen = new Map<string, number>();
  const props2 = new Map<number, AreaProperties>();
  for (const c of candidates) {
    if (c.code === null || !AreaCode.safeParse(c.code).success) continue;
    const at = c.polygons[0]![0]![0]!;
    const report = (message: string) => problems.push({ feature: c.index, code: c.code, at, message });
    const dup = seen.get(c.code);
    if (dup !== undefined) report(`duplicate code ${c.code} (also feature ${dup})`);
    seen.set(c.code, c.index);
    const known = options.known.get(c.code);
    if (!known && !options.allowNewCodes)
      report(`unknown code ${c.code}: not a unit the product knows; pass --allow-new-codes if it is new`);
    const nameRaw = c.raw[props.name];
    const name = typeof nameRaw === 'string' && nameRaw.trim() ? nameRaw.trim() : known?.name;
    if (!name) report(`missing name (property "${props.name}")`);
    const kindRaw = c.raw[props.kind];
    const kind = typeof kindRaw === 'string' ? KINDS[kindRaw.trim().toLowerCase()] : known?.kind;
    if (!kind)
      report(
        kindRaw === undefined
          ? `missing kind (property "${props.kind}")`
          : `kind "${String(kindRaw)}" is not one of ${Object.keys(KINDS).join(', ')}`,
      );
    const parentRaw = c.raw[props.parent];
    let parent: string | null | undefined =
      parentRaw === null && kind === 'province' ? null : (codeOf(parentRaw) ?? known?.parent);
    if (parent === undefined && kind === 'province') parent = null;
    if (parent === undefined && kind && DISTRICT_LEVEL.includes(kind)) parent = options.provinceCode;
    if (parent === undefined) report(`missing parent (property "${props.parent}") for a ${kind ?? 'unit'}`);
    if (name && kind && parent !== undefined) props2.set(c.index, { code: c.code, name, kind, parent });
  }

  // Parents the file lacks but the product knows are derived from their children; others are errors.
  const inFile = new Set([...props2.values()].map((p) => p.code));
  const derivedProps: AreaProperties[] = [];
  const children = new Map<string, number[]>();
  for (let pending = [...props2.values()]; pending.length > 0;) {
    const next: AreaProperties[] = [];
    for (const p of pending) {
      if (p.parent === null || inFile.has(p.parent)) continue;
      const known = options.known.get(p.parent);
      if (!known) {
        const c = candidates.find((x) => x.code === p.code)!;
        problems.push({
          feature: c.index,
          code: p.code,
          at: c.polygons[0]![0]![0]!,
          message: `unknown parent ${p.parent}: neither in the file nor known to the product`,
        });
        continue;
      }
      inFile.add(p.parent);
      const d: AreaProperties = { code: p.parent, ...known };
      derivedProps.push(d);
      next.push(d);
    }
    pending = next;
  }

  const ancestors = (code: string | null): Set<string> => {
    const byCode = new Map([...props2.values(), ...derivedProps].map((p) => [p.code, p]));
    const out = new Set<string>();
    for (
      let p = code ? byCode.get(code) : undefined;
      p?.parent && !out.has(p.parent);
      p = byCode.get(p.parent)
    )
      out.add(p.parent);
    return out;
  };
  if (problems.length === 0) {
    const nested = (a: OverlapInput, b: OverlapInput) =>
      (a.code !== null && ancestors(b.code).has(a.code)) ||
      (b.code !== null && ancestors(a.code).has(b.code));
    for (const o of findOverlaps(candidates, options.overlapTolerance, nested)) {
      const a = candidates.find((c) => c.index === o.a)!;
      const b = candidates.find((c) => c.index === o.b)!;
      problems.push({
        feature: o.a,
        code: a.code,
        at: o.at,
        message: `overlaps feature ${o.b}${b.code ? ` (code ${b.code})` : ''} by ${o.overlapKm2.toFixed(3)} km² (${(o.share * 100).toFixed(2)} % of the smaller; tolerance ${(options.overlapTolerance * 100).toFixed(2)} %)`,
      });
    }
  }
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((x, y) => (x.feature ?? -1) - (y.feature ?? -1)) };

  // Derived units merge every candidate below them.
  for (const d of derivedProps) {
    children.set(
      d.code,
      candidates.filter((c) => ancestors(c.code).has(d.code)).map((c) => candidates.indexOf(c)),
    );
  }
  const groups = derivedProps.map((d) => children.get(d.code)!);
  const simplified = simplifyKeepingTopology(
    candidates.map((c) => c.polygons),
    options.maxVertices,
    groups,
  );
  const km2 = (g: AreaGeometry | { type: 'MultiPolygon'; coordinates: RawPolygon[] }) =>
    Math.round(turfArea(g) / 1e4) / 100;
  const features: AreaFeature[] = [
    ...derivedProps.map((p, i) => ({
      type: 'Feature' as const,
      properties: { ...p, areaKm2: km2(simplified.merged[i]!.original) },
      geometry: simplified.merged[i]!.simplified,
    })),
    ...candidates.map((c, i) => ({
      type: 'Feature' as const,
      properties: {
        ...props2.get(c.index)!,
        areaKm2: km2({ type: 'MultiPolygon', coordinates: c.polygons }),
      },
      geometry: simplified.geometries[i]!,
    })),
  ];
  const collection: AreaFeatureCollection = {
    type: 'FeatureCollection',
    name: options.name,
    ...(options.validFrom ? { validFrom: options.validFrom } : {}),
    ...(options.validTo ? { validTo: options.validTo } : {}),
    ...(options.source ? { source: options.source } : {}),
    ...(options.attribution ? { attribution: options.attribution } : {}),
    features,
  };
  // The written file must load where the server loads it: check it the same way.
  const parsed = parseAreaSet(collection);
  if (!parsed.ok)
    return {
      ok: false,
      problems: parsed.errors.map((message) => ({ feature: null, code: null, at: null, message })),
    };

  const verticesOf = (polygons: RawPolygon[]) => polygons.flat().reduce((n, r) => n + r.length, 0);
  return {
    ok: true,
    collection,
    summary: {
      features: candidates.length,
      derived: derivedProps.map((p) => p.code),
      verticesBefore: candidates.reduce((n, c) => n + verticesOf(c.polygons), 0),
      verticesAfter: simplified.geometries.reduce((n, g) => n + countVertices(g), 0),
      areas: features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
        areaKm2: f.properties.areaKm2!,
        derived: derivedProps.some((p) => p.code === f.properties.code),
      })),
    },
  };
}
