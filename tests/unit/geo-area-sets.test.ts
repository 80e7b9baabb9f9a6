import turfArea from '@turf/area';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { parseInstant, type AreaFeatureCollection, type SeriesPoint } from '../../protocol';
import {
  CROSSWALK_2025,
  DISTRICTS_2021,
  Crosswalk,
  LONG_AN_2021,
  SCHEMATIC_2025,
  SENSOR_SITES,
  TAN_AN_CODE,
  areaAt,
  assignSites,
  continueSeries,
  createAreaSetRegistry,
  parseAreaSet,
  type AreaSet,
} from '../../geo';
import { benchGeoAssign } from '../../testkit/geo-assign';

const at = (iso: string) => parseInstant(iso);

/** A one-square set: enough to tell sets apart. */
function smallSet(
  name: string,
  code: string,
  validFrom: string | null,
  validTo: string | null,
  schematic = true,
): AreaSet {
  const json: AreaFeatureCollection = {
    type: 'FeatureCollection',
    name,
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    features: [
      {
        type: 'Feature',
        properties: { code, name, kind: 'province', parent: null, ...(schematic ? { schematic } : {}) },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106, 10.5],
              [106.1, 10.5],
              [106.1, 10.6],
              [106, 10.6],
              [106, 10.5],
            ],
          ],
        },
      },
    ],
  };
  const parsed = parseAreaSet(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.set;
}

describe('area-set registry', () => {
  const old = smallSet('old', '80', '2013-04-01', '2025-07-01');
  const next = smallSet('next', '72', '2025-07-01', null);
  const registry = createAreaSetRegistry([], [old, next]);

  it('picks the set valid at an instant: 2021 → the old set, 2026 → the later one', () => {
    expect(registry.setAt(at('2021-08-01T08:00:00+07:00')).name).toBe('old');
    expect(registry.setAt(at('2026-01-01T00:00:00+07:00')).name).toBe('next');
  });

  it('treats validFrom as inclusive and validTo as exclusive, in Vietnam days', () => {
    expect(registry.setAt(at('2025-06-30T23:59:59+07:00')).name).toBe('old');
    expect(registry.setAt(at('2025-07-01T00:00:00+07:00')).name).toBe('next');
    // 2025-06-30T17:00Z is already 1 July in Vietnam.
    expect(registry.setAt(Date.parse('2025-06-30T17:00:00Z')).name).toBe('next');
  });

  it('answers the nearest set for an instant before every set', () => {
    expect(registry.setAt(at('2001-01-01')).name).toBe('old');
  });

  it('prefers an imported official set to a schematic one over the same period', () => {
    const official = smallSet('official-2021', '80', '2013-04-01', '2025-07-01', false);
    const r = createAreaSetRegistry([official], [old, next]);
    expect(r.setAt(at('2021-08-01')).name).toBe('official-2021');
    expect(r.setAt(at('2026-01-01')).name).toBe('next');
    expect(r.list().map((s) => [s.name, s.origin, s.schematic])).toEqual([
      ['old', 'built-in', true],
      ['official-2021', 'imported', false],
      ['next', 'built-in', true],
    ]);
  });

  it('knows codes across all sets and rolls up by the set in force', () => {
    const r = createAreaSetRegistry();
    expect(r.isKnownArea('794')).toBe(true);
    expect(r.isKnownArea('27694')).toBe(true);
    expect(r.isKnownArea('999')).toBe(false);
    expect(r.rollupAt(at('2021-08-01'))('794')).toEqual(['794', '80']);
    expect(r.rollupAt(at('2026-01-01'))('27694')).toEqual(['27694', '72']);
    expect(r.rollupAt(at('2026-01-01'))('794')).toEqual([]);
    expect(r.rollup('794')).toEqual(['794', '80']);
    // 27715 was Phường Khánh Hậu of Tân An in 2021 and names the new ward Khánh Hậu since 2025.
    expect(r.rollup('27715')).toEqual(['27715', '72', '794', '80']);
    expect(r.rollup('27703')).toEqual(['27703', '794', '80']);
  });

  it('ships the 2021 set and the post-2025 one', () => {
    const r = createAreaSetRegistry();
    expect(r.setAt(at('2021-08-01'))).toBe(LONG_AN_2021);
    expect(r.setAt(at('2026-01-01'))).toBe(SCHEMATIC_2025);
  });
});

describe('post-2025 schematic set', () => {
  const features = SCHEMATIC_2025.collection.features;
  const wards = features.filter((f) => f.properties.kind === 'ward');

  it('is Tây Ninh (72) with no district level, valid from 2025-07-01, labelled schematic', () => {
    expect([SCHEMATIC_2025.validFrom, SCHEMATIC_2025.validTo]).toEqual(['2025-07-01', null]);
    expect(features[0]!.properties).toMatchObject({
      code: '72',
      name: 'Tây Ninh',
      kind: 'province',
      parent: null,
    });
    expect(features.every((f) => f.properties.schematic === true)).toBe(true);
    expect(features.some((f) => f.properties.kind === 'district' || f.properties.kind === 'city')).toBe(
      false,
    );
  });

  it('covers the whole former province: the three wards and one schematic unit per other former district', () => {
    const formers = features.filter((f) => f.properties.kind === 'commune');
    expect(formers.map((f) => f.properties.code).sort()).toEqual(
      DISTRICTS_2021.filter((d) => d.code !== TAN_AN_CODE)
        .map((d) => d.code)
        .sort(),
    );
    for (const f of formers) expect(f.properties.name).toMatch(/ \(cũ\)$/);
    const children = features.filter((f) => f.properties.parent === '72');
    const childrenKm2 = children.reduce((s, f) => s + turfArea(f.geometry), 0) / 1e6;
    expect(Math.abs(childrenKm2 / (turfArea(features[0]!.geometry) / 1e6) - 1)).toBeLessThan(0.01);
  });

  it("has the three wards Tân An became, tiling Tân An's real outline", () => {
    expect(wards.map((w) => w.properties.name).sort()).toEqual([
      'Phường Khánh Hậu',
      'Phường Long An',
      'Phường Tân An',
    ]);
    for (const w of wards) expect(w.properties.parent).toBe('72');
    const tanAn = LONG_AN_2021.collection.features.find((f) => f.properties.code === TAN_AN_CODE)!;
    const union = polygonClipping.union(
      ...(wards.map((w) => w.geometry.coordinates) as [polygonClipping.Geom, ...polygonClipping.Geom[]]),
    );
    const unionKm2 = turfArea({ type: 'MultiPolygon', coordinates: union }) / 1e6;
    expect(Math.abs(unionKm2 / (turfArea(tanAn.geometry) / 1e6) - 1)).toBeLessThan(0.01);
  });
});

describe('site assignment', () => {
  it('agrees with the reference point-in-polygon for every bundled site, on the 2021 set', () => {
    const assigned = assignSites(SENSOR_SITES, LONG_AN_2021);
    for (const s of SENSOR_SITES) {
      expect(assigned.get(s.siteId), s.siteId).toBe(areaAt(s.lonLat, LONG_AN_2021));
      const parent = LONG_AN_2021.areas.find((a) => a.code === assigned.get(s.siteId))?.parent;
      if (s.area === TAN_AN_CODE) expect(parent, s.siteId).toBe(TAN_AN_CODE);
      else expect(assigned.get(s.siteId), s.siteId).toBe(s.area);
    }
  });

  it("re-assigns on the 2025 set: Tân An's sites go to its wards, the others to their former district's unit", () => {
    const assigned = assignSites(SENSOR_SITES, SCHEMATIC_2025);
    const wardCodes = new Set(['27694', '27712', '27715']);
    for (const s of SENSOR_SITES) {
      const code = assigned.get(s.siteId)!;
      if (s.area === TAN_AN_CODE) expect(wardCodes.has(code), s.siteId).toBe(true);
      else expect(code, s.siteId).toBe(s.area);
    }
  });

  // Its speed is measured by `npm run bench` (bench/geo-assign.ts); here only that it assigns at scale.
  it('assigns 100k random sites, each inside a unit or none', () => {
    const r = benchGeoAssign(100_000);
    expect(r.inside).toBeGreaterThan(20_000);
    expect(r.inside).toBeLessThan(100_000);
  });
});

describe('crosswalk 2025', () => {
  const day = (d: string) => `${d}T00:00:00+07:00`;
  const series = (points: [string, number | null][]): SeriesPoint[] =>
    points.map(([d, value]) => ({ t: day(d), value, complete: true }));
  const data = new Map<string, SeriesPoint[]>([
    [
      '794',
      series([
        ['2025-06-29', 100],
        ['2025-06-30', 80],
      ]),
    ],
    [
      '80',
      series([
        ['2025-06-29', 1000],
        ['2025-06-30', 900],
      ]),
    ],
    [
      '27694',
      series([
        ['2025-07-01', 50],
        ['2025-07-02', 40],
      ]),
    ],
    [
      '27712',
      series([
        ['2025-07-01', 20],
        ['2025-07-02', null],
      ]),
    ],
    [
      '27715',
      series([
        ['2025-07-01', 30],
        ['2025-07-02', 20],
      ]),
    ],
    ['72', series([['2025-07-01', 1200]])],
  ]);

  it('maps Tân An to its three wards with weights summing to 1, and Long An to Tây Ninh', () => {
    const tanAn = CROSSWALK_2025.links.find((l) => l.from === '794')!;
    expect(tanAn.to.map((t) => t.code).sort()).toEqual(['27694', '27712', '27715']);
    expect(tanAn.to.reduce((s, t) => s + t.weight, 0)).toBeCloseTo(1, 9);
    expect(CROSSWALK_2025.links.find((l) => l.from === '80')!.to).toEqual([{ code: '72', weight: 1 }]);
  });

  it("continues a new ward's series back through its share of Tân An", () => {
    expect(continueSeries(CROSSWALK_2025, '27694', data)).toEqual(
      series([
        ['2025-06-29', 50],
        ['2025-06-30', 40],
        ['2025-07-01', 50],
        ['2025-07-02', 40],
      ]),
    );
  });

  it("continues Tân An's series forward as the sum of its wards (missing values skipped)", () => {
    expect(continueSeries(CROSSWALK_2025, '794', data)).toEqual(
      series([
        ['2025-06-29', 100],
        ['2025-06-30', 80],
        ['2025-07-01', 100],
        ['2025-07-02', 60],
      ]),
    );
  });

  it('continues the province across the merger and leaves unrelated codes alone', () => {
    expect(continueSeries(CROSSWALK_2025, '72', data).map((p) => p.value)).toEqual([1000, 900, 1200]);
    expect(continueSeries(CROSSWALK_2025, '803', new Map([['803', series([['2025-06-30', 7]])]]))).toEqual(
      series([['2025-06-30', 7]]),
    );
  });

  it('rejects a crosswalk whose weights for one old unit exceed 1', () => {
    const bad = {
      ...CROSSWALK_2025,
      links: [
        {
          from: '794',
          to: [
            { code: '27694', weight: 0.8 },
            { code: '27712', weight: 0.5 },
          ],
        },
      ],
    };
    expect(Crosswalk.safeParse(bad).success).toBe(false);
  });
});
