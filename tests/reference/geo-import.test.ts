/*
 * Imports the real district boundaries of Long An (licensed for tests only: read from SHARED_DIR at run time,
 * never copied into the repository) through the same code path as `npm run geo:import`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS_2021, PROVINCE_CODE, assignSites, parseAreaSet, type AreaSet } from '../../geo';
import { formatProblem } from '../../geo/import/problem';
import { runImport, type RunImportResult } from '../../geo/import/run-import';
import { randomSites } from '../../testkit/geo-assign';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sharedDir = process.env.SHARED_DIR ?? path.resolve(repo, '../shared');
const FILE = path.join(sharedDir, 'reference-geo/longan-districts.geojson');
const FACTS = path.join(sharedDir, 'reference-geo/facts.json');

type Position = [number, number];
interface RawFeature {
  properties: { code: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/*
 * Geodesic area written here independently of @turf/area: the spherical-excess formula on a sphere of the WGS84
 * authalic radius. The ellipsoidal areas in facts.json (pyproj) are ~0.4 % lower at this latitude; the stored
 * areas are checked against both.
 */
const AUTHALIC_RADIUS_M = 6_371_007.181;
const rad = (d: number) => (d * Math.PI) / 180;
function ringAreaM2(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [l1, p1] = ring[i]!;
    const [l2, p2] = ring[i + 1]!;
    sum += rad(l2 - l1) * (2 + Math.sin(rad(p1)) + Math.sin(rad(p2)));
  }
  return Math.abs((sum * AUTHALIC_RADIUS_M * AUTHALIC_RADIUS_M) / 2);
}
function geometryKm2(g: RawFeature['geometry']): number {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  let m2 = 0;
  for (const [outer, ...holes] of polygons)
    m2 += ringAreaM2(outer!) - holes.reduce((s, h) => s + ringAreaM2(h), 0);
  return m2 / 1e6;
}

// Fails rather than skips when the file is missing: this project exists only to run against it.
if (!existsSync(FILE)) throw new Error(`reference file not found: ${FILE} (set SHARED_DIR)`);

describe('import of the real Long An district file', () => {
  let dir: string;
  let result: RunImportResult;
  let set: AreaSet;
  const original = JSON.parse(readFileSync(FILE, 'utf8')).features as RawFeature[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'geo-reference-'));
    result = runImport({
      file: FILE,
      outDir: dir,
      name: 'longan-2021-official',
      validFrom: '2013-04-01',
      validTo: '2025-07-01',
    });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const parsed = parseAreaSet(JSON.parse(readFileSync(result.path, 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    set = parsed.set;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('yields the 15 districts with the right codes and names, under the province derived from them', () => {
    const districts = set.areas.filter((a) => a.parent === PROVINCE_CODE);
    const expected = AREAS_2021.filter((a) => a.parent === PROVINCE_CODE);
    expect(districts.map((a) => [a.code, a.name, a.kind]).sort()).toEqual(
      expected.map((a) => [a.code, a.name, a.kind]).sort(),
    );
    expect(set.areas.find((a) => a.code === PROVINCE_CODE)).toMatchObject({ name: 'Long An', parent: null });
    expect([set.name, set.validFrom, set.validTo]).toEqual([
      'longan-2021-official',
      '2013-04-01',
      '2025-07-01',
    ]);
  });

  it('stores areaKm2 within 1 % of the geodesic area of each original feature', () => {
    const facts = JSON.parse(readFileSync(FACTS, 'utf8')) as {
      districts: { code: string; area_km2_computed: number }[];
    };
    const rows = original.map((f) => {
      const stored = set.collection.features.find((x) => x.properties.code === f.properties.code)!.properties
        .areaKm2!;
      const independent = geometryKm2(f.geometry);
      const fact = facts.districts.find((d) => d.code === f.properties.code)!.area_km2_computed;
      return { code: f.properties.code, stored, independent, fact };
    });
    console.table(
      rows.map((r) => ({
        ...r,
        vsIndependentPct: ((r.stored / r.independent - 1) * 100).toFixed(3),
        vsFactsPct: ((r.stored / r.fact - 1) * 100).toFixed(3),
      })),
    );
    for (const r of rows) {
      expect(Math.abs(r.stored / r.independent - 1), r.code).toBeLessThan(0.01);
      expect(Math.abs(r.stored / r.fact - 1), r.code).toBeLessThan(0.01);
    }
  });

  it('simplifies to the vertex budget and reports it', () => {
    if (!result.ok) throw new Error('import failed');
    console.log(`vertices: ${result.summary.verticesBefore} before, ${result.summary.verticesAfter} after`);
    expect(result.summary.verticesBefore).toBeGreaterThan(3000);
    expect(result.summary.verticesAfter).toBeLessThanOrEqual(2600);
    expect(result.summary.verticesAfter).toBeGreaterThan(1500);
  });

  it('assigns 100k sites on the real set well under a second', () => {
    const sites = randomSites(100_000, set);
    const t0 = performance.now();
    const assigned = assignSites(sites, set);
    const ms = performance.now() - t0;
    const inside = [...assigned.values()].filter((c) => c !== null).length;
    console.log(`assignSites on the real set: 100k sites in ${ms.toFixed(1)} ms (${inside} inside)`);
    expect(ms).toBeLessThan(1000);
  });
});
