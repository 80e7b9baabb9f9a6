/*
 * Regenerates the product's default 2021 geography from the open boundaries in geo/data/sources/ (geoBoundaries,
 * CC BY 3.0 IGO; see geo/data/sources/SOURCE.md):
 *   - geo/data/longan-2021.geo.json: the province (the union of its districts) and its 15 districts with their
 *     real outlines, plus Tân An's 14 wards and communes as schematic Voronoi cells inside the real city outline;
 *   - geo/data/neighbour-provinces.geo.json: the provinces around it, drawn muted as context;
 *   - geo/data/sensor-sites.json: the sensor sites, placed inside the real districts.
 * Run: `npx tsx geo/build-province-2021.ts`. The output is deterministic, so running it again leaves git clean.
 */
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { AreaGeometry, LonLat } from '../protocol';
import { AREAS_2021, PROVINCE_CODE, TAN_AN_CODE, TAN_AN_WARDS_2021, type AreaInfo } from './areas';
import { simplifyKeepingTopology } from './import/simplify';
import { polygonContains, polygonsOf, representativePoint } from './ring';
import { normaliseRing, voronoiCells } from './schematic/districts';
import { generateSites, type DistrictCell } from './schematic/sites';
import {
  DISTRICT_SOURCE,
  LONG_AN_OFFICIAL_KM2,
  NEIGHBOUR_ATTRIBUTION,
  OPEN_ATTRIBUTION,
  codeForName,
} from './open-boundaries';

/** Changing the seed moves every site: downstream fixtures and screenshots would change with it. */
const SITES_SEED = 794_2021;
/** The upstream file is already simplified (768 vertices); this budget only guards against a denser update. */
const MAX_VERTICES = 2500;
/** The neighbours are context only: a coarse outline is enough and keeps the bundle small. */
const NEIGHBOUR_MAX_VERTICES = 900;
const NEIGHBOUR_DECIMALS = 4;

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}
const readSource = (name: string): { features: RawFeature[] } =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./data/sources/${name}`, import.meta.url)), 'utf8'));
const polygonsIn = (g: RawFeature['geometry']) =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as LonLat[][][];
const km2 = (g: AreaGeometry) => Math.round(turfArea(g) / 1e4) / 100;

/** Tân An's wards as Voronoi cells around their schematic seats, clipped to the real city outline. */
function tanAnWardCells(tanAn: AreaGeometry): AreaGeometry[] {
  if (tanAn.type !== 'Polygon') throw new Error('Tân An is expected to be one polygon');
  const cells = voronoiCells(
    normaliseRing(tanAn.coordinates[0]!, true),
    TAN_AN_WARDS_2021.map((w) => w.seat),
  );
  TAN_AN_WARDS_2021.forEach((w, i) => {
    if (!polygonsOf(cells[i]!).some((p) => polygonContains(p, w.seat)))
      throw new Error(`seat of ${w.code} ${w.name} lies outside its cell`);
  });
  return cells;
}

function buildDistricts() {
  const source = readSource('longan-districts-2020.geojson');
  const coded = source.features.map((f) => {
    const code = codeForName(String(f.properties.name_vi));
    if (!code) throw new Error(`no district code for "${String(f.properties.name_vi)}"`);
    return { code, polygons: polygonsIn(f.geometry) };
  });
  const codes = new Set(coded.map((c) => c.code));
  const districts = AREAS_2021.filter((a) => a.parent === PROVINCE_CODE);
  const missing = districts.filter((d) => !codes.has(d.code));
  if (missing.length > 0 || codes.size !== coded.length)
    throw new Error(`district mapping is not one-to-one (missing: ${missing.map((d) => d.code).join(', ')})`);
  const { geometries, merged } = simplifyKeepingTopology(
    coded.map((c) => c.polygons),
    MAX_VERTICES,
    [coded.map((_, i) => i)],
  );
  const byCode = new Map(coded.map((c, i) => [c.code, { simplified: geometries[i]!, polygons: c.polygons }]));
  return { districts, byCode, province: merged[0]! };
}

function buildAreas() {
  const { districts, byCode, province } = buildDistricts();
  const original = (code: string): AreaGeometry => {
    const polygons = byCode.get(code)!.polygons;
    return polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0]! }
      : { type: 'MultiPolygon', coordinates: polygons };
  };
  const tanAn = byCode.get(TAN_AN_CODE)!.simplified;
  const wardCells = tanAnWardCells(tanAn);
  const feature = (
    a: AreaInfo,
    g: AreaGeometry,
    extra: { schematic: boolean; areaKm2: number; officialAreaKm2?: number },
  ) => ({
    type: 'Feature' as const,
    properties: { code: a.code, name: a.name, kind: a.kind, parent: a.parent, ...extra },
    geometry: g,
  });
  const provinceInfo = AREAS_2021.find((a) => a.code === PROVINCE_CODE)!;
  const collection = {
    type: 'FeatureCollection' as const,
    name: 'longan-2021',
    validFrom: '2013-04-01',
    validTo: '2025-07-01',
    source: DISTRICT_SOURCE,
    attribution: OPEN_ATTRIBUTION,
    features: [
      feature(provinceInfo, province.simplified, {
        schematic: false,
        areaKm2: km2(province.original),
        officialAreaKm2: LONG_AN_OFFICIAL_KM2,
      }),
      ...districts.map((d) =>
        feature(d, byCode.get(d.code)!.simplified, { schematic: false, areaKm2: km2(original(d.code)) }),
      ),
      ...TAN_AN_WARDS_2021.map((w, i) =>
        feature(w, wardCells[i]!, { schematic: true, areaKm2: km2(wardCells[i]!) }),
      ),
    ],
  };
  // Sites keep a margin inside their district, and the seat they cluster around must lie in it too.
  const districtCells: DistrictCell[] = districts.map((d) => {
    const geometry = byCode.get(d.code)!.simplified;
    const seat = booleanPointInPolygon(d.seat, geometry) ? d.seat : representativePoint(geometry);
    return { code: d.code, name: d.name, seat, geometry };
  });
  return { collection, districtCells };
}

function buildNeighbours() {
  const source = readSource('neighbour-provinces.geojson');
  // Long An's own coarse 2008 outline is not drawn: the districts above are the province.
  const kept = source.features.filter((f) => f.properties.shapeName !== 'Long An');
  const { geometries } = simplifyKeepingTopology(
    kept.map((f) => polygonsIn(f.geometry)),
    NEIGHBOUR_MAX_VERTICES,
  );
  const round = (g: AreaGeometry): AreaGeometry => {
    const r = (p: LonLat[][]) =>
      p.map((ring) =>
        ring.map(
          ([x, y]) =>
            [Number(x.toFixed(NEIGHBOUR_DECIMALS)), Number(y.toFixed(NEIGHBOUR_DECIMALS))] as LonLat,
        ),
      );
    return g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: r(g.coordinates) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map(r) };
  };
  return {
    type: 'FeatureCollection' as const,
    name: 'neighbour-provinces',
    attribution: NEIGHBOUR_ATTRIBUTION,
    features: kept.map((f, i) => ({
      type: 'Feature' as const,
      properties: { name: String(f.properties.shapeName) },
      geometry: round(geometries[i]!),
    })),
  };
}

async function writeJson(relative: string, value: unknown): Promise<void> {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  // Formatted exactly as `prettier --write` would, so the format check passes on generated files too.
  const options = (await prettier.resolveConfig(path)) ?? {};
  await writeFile(path, await prettier.format(JSON.stringify(value), { ...options, filepath: path }));
  console.log(`wrote ${path}`);
}

const { collection, districtCells } = buildAreas();
await writeJson('./data/longan-2021.geo.json', collection);
await writeJson('./data/neighbour-provinces.geo.json', buildNeighbours());
await writeJson('./data/sensor-sites.json', generateSites(districtCells, SITES_SEED));
for (const f of collection.features)
  console.log(
    `${f.properties.code.padEnd(6)} ${String(f.properties.areaKm2).padStart(8)} km²  ${f.properties.name}`,
  );
