/*
 * Regenerates geo/data/longan-2021.schematic.geo.json and geo/data/sensor-sites.json from the hand-authored
 * outline, the district seats and a fixed seed. Run: `npx tsx geo/build-schematic.ts`. The output is
 * deterministic, so running it again must leave git clean.
 */
import turfArea from '@turf/area';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { AREAS_2021, PROVINCE_CODE, TAN_AN_CODE, TAN_AN_WARDS_2021, type AreaInfo } from './areas';
import { normaliseRing, voronoiCells } from './schematic/districts';
import { PROVINCE_OUTLINE } from './schematic/outline';
import { generateSites, type DistrictCell } from './schematic/sites';
import type { AreaGeometry } from '../protocol';
import { polygonContains, polygonsOf } from './ring';

/** Changing the seed moves every site: downstream fixtures and screenshots would change with it. */
const SITES_SEED = 794_2021;

const areaKm2 = (geometry: AreaGeometry) => Math.round(turfArea(geometry) / 1e5) / 10;

/**
 * Tân An's wards and communes as Voronoi cells around their schematic seats, clipped to the city's own cell, so
 * they tile it exactly (the drill-down province → district → ward needs them; sites keep their district).
 */
function tanAnWardCells(tanAn: AreaGeometry): AreaGeometry[] {
  if (tanAn.type !== 'Polygon') throw new Error('Tân An schematic cell is expected to be one polygon');
  const wardCells = voronoiCells(
    tanAn.coordinates[0]!,
    TAN_AN_WARDS_2021.map((w) => w.seat),
  );
  TAN_AN_WARDS_2021.forEach((w, i) => {
    if (!polygonsOf(wardCells[i]!).some((p) => polygonContains(p, w.seat)))
      throw new Error(`seat of ${w.code} ${w.name} lies outside its cell`);
  });
  return wardCells;
}

function buildAreas() {
  const outline = normaliseRing(PROVINCE_OUTLINE, true);
  const districts = AREAS_2021.filter((a) => a.parent === PROVINCE_CODE);
  const cells = voronoiCells(
    outline,
    districts.map((d) => d.seat),
  );
  const districtCells: DistrictCell[] = districts.map((d, i) => ({ ...d, geometry: cells[i]! }));
  for (const c of districtCells) {
    // Tân An's and Thủ Thừa's seats are 8 km apart: make sure clipping kept each seat in its own cell.
    if (!polygonsOf(c.geometry).some((p) => polygonContains(p, c.seat)))
      throw new Error(`seat of ${c.code} ${c.name} lies outside its cell`);
  }
  const wardCells = tanAnWardCells(districtCells.find((c) => c.code === TAN_AN_CODE)!.geometry);
  const province = AREAS_2021.find((a) => a.code === PROVINCE_CODE)!;
  const feature = (a: AreaInfo, g: AreaGeometry) => ({
    type: 'Feature' as const,
    properties: {
      code: a.code,
      name: a.name,
      kind: a.kind,
      parent: a.parent,
      schematic: true,
      areaKm2: areaKm2(g),
    },
    geometry: g,
  });
  const provinceGeometry: AreaGeometry = { type: 'Polygon', coordinates: [outline] };
  const collection = {
    type: 'FeatureCollection' as const,
    name: 'longan-2021-schematic',
    validFrom: '2013-04-01',
    validTo: '2025-07-01',
    features: [
      feature(province, provinceGeometry),
      ...districts.map((d, i) => feature(d, cells[i]!)),
      ...TAN_AN_WARDS_2021.map((w, i) => feature(w, wardCells[i]!)),
    ],
  };
  return { collection, districtCells };
}

async function writeJson(relative: string, value: unknown): Promise<void> {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  // Formatted exactly as `prettier --write` would, so the format check passes on generated files too.
  const options = (await prettier.resolveConfig(path)) ?? {};
  await writeFile(path, await prettier.format(JSON.stringify(value), { ...options, filepath: path }));
  console.log(`wrote ${path}`);
}

const { collection, districtCells } = buildAreas();
const sites = generateSites(districtCells, SITES_SEED);
await writeJson('./data/longan-2021.schematic.geo.json', collection);
await writeJson('./data/sensor-sites.json', sites);
for (const f of collection.features)
  console.log(`${f.properties.code.padEnd(4)} ${f.properties.areaKm2} km²`);
