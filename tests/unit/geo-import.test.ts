import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LonLat } from '../../protocol';
import { parseAreaSet } from '../../geo';
import { createAreaSetRegistry } from '../../geo/area-sets';
import { loadAreaSetsDir } from '../../geo/area-sets-dir';
import { formatProblem } from '../../geo/import/problem';
import { runImport, type RunImportOptions } from '../../geo/import/run-import';

/* Tiny synthetic squares near Tân An (lon 106.0–106.2, lat 10.5–10.6), drawn for these tests only. */

type Props = Record<string, unknown>;
const square = (x0: number, y0: number, x1: number, y1: number): LonLat[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const polygon = (ring: LonLat[]) => ({ type: 'Polygon', coordinates: [ring] });
const feature = (properties: Props, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** A border from (106.1, 10.5) north to (106.1, 10.6) that zigzags, so simplification has points to drop. */
const ZIGZAG: LonLat[] = Array.from({ length: 41 }, (_, i) => [
  106.1 + (i % 2 ? (0.002 * ((i % 7) + 1)) / 7 : 0),
  10.5 + i * 0.0025,
]);
const west = [[106.0, 10.5], ...ZIGZAG, [106.0, 10.6], [106.0, 10.5]] as LonLat[];
const east = [[106.2, 10.6], ...[...ZIGZAG].reverse(), [106.2, 10.5], [106.2, 10.6]] as LonLat[];
const GOOD = collection(
  feature({ code: '794', name: 'West', kind: 'city' }, polygon(west)),
  feature({ code: '804', name: 'East', kind: 'district' }, polygon(east)),
);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'geo-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(json: unknown, extra: Partial<RunImportOptions> = {}) {
  const file = path.join(dir, 'input.geojson');
  writeFileSync(file, JSON.stringify(json));
  return runImport({ file, outDir: path.join(dir, 'out'), name: 'test-set', ...extra });
}

function rejection(json: unknown, extra: Partial<RunImportOptions> = {}): string[] {
  const result = run(json, extra);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems.map(formatProblem);
}

describe('geo import rejects bad files with a message naming the feature and a position', () => {
  it('a self-intersecting ring (bow-tie)', () => {
    const bowTie: LonLat[] = [
      [106.0, 10.5],
      [106.1, 10.6],
      [106.1, 10.5],
      [106.0, 10.6],
      [106.0, 10.5],
    ];
    const messages = rejection(collection(feature({ code: '794' }, polygon(bowTie))));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^feature 0 \(code 794\) at \[106\.05, 10\.55\]: ring 0 of polygon 0 crosses itself/,
    );
  });

  it('a missing code', () => {
    const messages = rejection(
      collection(feature({ name: 'No code' }, polygon(square(106, 10.5, 106.1, 10.6)))),
    );
    expect(messages).toEqual(['feature 0 at [106, 10.5]: missing code (property "code")']);
  });

  it('a code under another property name than the one given', () => {
    const json = collection(feature({ ma: '794' }, polygon(square(106, 10.5, 106.1, 10.6))));
    expect(rejection(json)[0]).toMatch(/missing code \(property "code"\)/);
    expect(run(json, { props: { code: 'ma', name: 'name', kind: 'kind', parent: 'parent' } }).ok).toBe(true);
  });

  it('coordinates in [lat, lon] order', () => {
    const swapped = square(106, 10.5, 106.1, 10.6).map(([lon, lat]) => [lat, lon] as LonLat);
    const messages = rejection(collection(feature({ code: '794' }, polygon(swapped))));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^feature 0 \(code 794\) at \[10\.5, 106\]: coordinates look swapped \(\[lat, lon\]\)/,
    );
  });

  it('projected coordinates (metres, not degrees)', () => {
    const utm = square(620000, 1160000, 630000, 1170000);
    expect(rejection(collection(feature({ code: '794' }, polygon(utm))))[0]).toMatch(/not WGS84 degrees/);
  });

  it('an empty collection', () => {
    expect(rejection(collection())).toEqual(['collection: empty collection: the file has no features']);
  });

  it('something that is not a FeatureCollection', () => {
    expect(rejection({ type: 'Feature' })).toEqual(['collection: not a GeoJSON FeatureCollection']);
  });

  it('an unclosed ring', () => {
    const open = square(106, 10.5, 106.1, 10.6).slice(0, 4);
    const messages = rejection(collection(feature({ code: '794' }, polygon(open))));
    expect(messages[0]).toMatch(
      /^feature 0 \(code 794\) at \[106, 10\.6\]: ring 0 of polygon 0 is not closed/,
    );
  });

  it('two units overlapping beyond the tolerance', () => {
    const json = collection(
      feature({ code: '794' }, polygon(square(106.0, 10.5, 106.1, 10.6))),
      feature({ code: '804' }, polygon(square(106.09, 10.5, 106.2, 10.6))),
    );
    const messages = rejection(json);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^feature 0 \(code 794\) at \[106\.09\d*, 10\.5\d*\]: overlaps feature 1 \(code 804\) by [\d.]+ km² \(10\.00 %/,
    );
  });

  it('accepts an overlap below the tolerance (a border digitised twice)', () => {
    const json = collection(
      feature({ code: '794' }, polygon(square(106.0, 10.5, 106.1, 10.6))),
      feature({ code: '804' }, polygon(square(106.0999, 10.5, 106.2, 10.6))),
    );
    expect(run(json).ok).toBe(true);
  });

  it('an unknown code unless new codes are allowed', () => {
    const json = collection(
      feature(
        { code: '99999', name: 'New ward', kind: 'ward', parent: '794' },
        polygon(square(106, 10.5, 106.1, 10.6)),
      ),
    );
    expect(rejection(json)[0]).toMatch(/unknown code 99999: .*--allow-new-codes/);
    expect(run(json, { allowNewCodes: true }).ok).toBe(true);
  });

  it('a duplicate code and an unsupported geometry, all reported at once', () => {
    const json = collection(
      feature({ code: '794' }, polygon(square(106.0, 10.5, 106.1, 10.6))),
      feature({ code: '794' }, polygon(square(106.1, 10.5, 106.2, 10.6))),
      feature({ code: '795' }, { type: 'Point', coordinates: [106, 10.5] }),
    );
    const messages = rejection(json);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toMatch(/feature 1 \(code 794\).*duplicate code 794 \(also feature 0\)/);
    expect(messages.join('\n')).toMatch(/feature 2 \(code 795\): geometry type Point is not supported/);
  });

  it('changes nothing in the output directory', () => {
    expect(run(GOOD).ok).toBe(true);
    const out = path.join(dir, 'out');
    const before = readFileSync(path.join(out, 'test-set.geo.json'), 'utf8');
    expect(run(collection()).ok).toBe(false);
    expect(readdirSync(out)).toEqual(['test-set.geo.json']);
    expect(readFileSync(path.join(out, 'test-set.geo.json'), 'utf8')).toBe(before);
  });
});

describe('geo import of a good file', () => {
  it('writes a set that parses, with validity, areas and the province derived from its districts', () => {
    const result = run(GOOD, { validFrom: '2013-04-01', validTo: '2025-07-01' });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const written = JSON.parse(readFileSync(result.path, 'utf8'));
    const parsed = parseAreaSet(written);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect([parsed.set.name, parsed.set.validFrom, parsed.set.validTo]).toEqual([
      'test-set',
      '2013-04-01',
      '2025-07-01',
    ]);
    const byCode = new Map(parsed.set.collection.features.map((f) => [f.properties.code, f.properties]));
    expect(byCode.get('794')).toMatchObject({ name: 'West', kind: 'city', parent: '80' });
    expect(byCode.get('804')).toMatchObject({ name: 'East', kind: 'district', parent: '80' });
    expect(byCode.get('80')).toMatchObject({ name: 'Long An', kind: 'province', parent: null });
    expect(result.summary.derived).toEqual(['80']);
    // Each square is ~0.1° × 0.1° at lat 10.55: about 11.0 km × 11.1 km.
    const west = byCode.get('794')!.areaKm2!;
    expect(west).toBeGreaterThan(118);
    expect(west).toBeLessThan(124);
    expect(byCode.get('80')!.areaKm2).toBeCloseTo(west + byCode.get('804')!.areaKm2!, 0);
  });

  it('simplifies keeping topology: the shared border is identical in both units after simplification', () => {
    const result = run(GOOD, { maxVertices: 30 });
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.summary.verticesBefore).toBe(west.length + east.length);
    expect(result.summary.verticesAfter).toBeLessThanOrEqual(30);
    const features = JSON.parse(readFileSync(result.path, 'utf8')).features as {
      properties: { code: string };
      geometry: { coordinates: LonLat[][] };
    }[];
    const onBorder = (code: string) =>
      features
        .find((f) => f.properties.code === code)!
        .geometry.coordinates[0]!.filter(([lon]) => lon > 106.05 && lon < 106.15)
        .map((p) => p.join(','))
        .sort();
    const [w, e] = [onBorder('794'), onBorder('804')];
    expect(new Set(w)).toEqual(new Set(e));
    expect(w.length).toBeGreaterThan(2);
    expect(new Set(w).size).toBeLessThan(ZIGZAG.length);
  });

  it('counts codes of installed sets as known, and the server-side loader reads what it wrote', () => {
    const ward = collection(
      feature(
        { code: '99999', name: 'New ward', kind: 'ward', parent: '794' },
        polygon(square(106, 10.5, 106.1, 10.6)),
      ),
    );
    expect(run(ward, { allowNewCodes: true, name: 'wards', validFrom: '2026-01-01' }).ok).toBe(true);
    // Now installed, the code is known: a later file may use it without the flag.
    expect(run(ward, { name: 'wards-again', validFrom: '2027-01-01' }).ok).toBe(true);
    const loaded = loadAreaSetsDir(path.join(dir, 'out'));
    expect(loaded.errors).toEqual([]);
    expect(loaded.sets.map((s) => s.name)).toEqual(['wards-again', 'wards']);
    const registry = createAreaSetRegistry(loaded.sets);
    expect(registry.setAt(Date.parse('2026-06-01T00:00:00+07:00')).name).toBe('wards');
    expect(registry.rollupAt(Date.parse('2026-06-01T00:00:00+07:00'))('99999')).toEqual([
      '99999',
      '794',
      '80',
    ]);
  });
});
