import turfArea from '@turf/area';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { parseInstant, type AreaFeatureCollection, type AreaGeometry } from '../../protocol';
import {
  AREAS_2021,
  CROSSWALK_2025,
  SCHEMATIC_2021,
  SENSOR_SITES,
  TAN_AN_CODE,
  TAN_AN_WARDS_2021,
  carryOver,
  createAreaSetRegistry,
  createSiteAssignments,
  parseAreaSet,
  siteAreasBody,
  type AreaSet,
  type SiteAssignment,
} from '../../geo';
import { DEFAULT_IMPORT_OPTIONS, importAreaSet } from '../../geo/import/import-area-set';
import { SiteAreasResponse } from '../../protocol';

const features = SCHEMATIC_2021.collection.features;
const wards = features.filter((f) => f.properties.parent === TAN_AN_CODE);
const tanAn = features.find((f) => f.properties.code === TAN_AN_CODE)!;
const km2 = (g: Parameters<typeof turfArea>[0]) => turfArea(g) / 1e6;

describe("Tân An's wards and communes in the 2021 schematic set", () => {
  it('are the 9 wards and 5 communes of 2021, with their national codes', () => {
    expect(wards.filter((w) => w.properties.kind === 'ward')).toHaveLength(9);
    expect(wards.filter((w) => w.properties.kind === 'commune')).toHaveLength(5);
    const byCode = Object.fromEntries(wards.map((w) => [w.properties.code, w.properties.name]));
    expect(byCode).toMatchObject({
      '27694': 'Phường 1',
      '27688': 'Phường 2',
      '27715': 'Phường Khánh Hậu',
      '27692': 'Phường Tân Khánh',
      '27703': 'Xã Hướng Thọ Phú',
      '27718': 'Xã An Vĩnh Ngãi',
    });
    for (const w of wards) expect(w.properties.schematic, w.properties.name).toBe(true);
  });

  it("tile Tân An's schematic cell: their union is the city, and no two overlap", () => {
    const union = polygonClipping.union(
      ...(wards.map((w) => w.geometry.coordinates) as [polygonClipping.Geom, ...polygonClipping.Geom[]]),
    );
    expect(
      Math.abs(km2({ type: 'MultiPolygon', coordinates: union }) / km2(tanAn.geometry) - 1),
    ).toBeLessThan(0.001);
    const sum = wards.reduce((s, w) => s + km2(w.geometry), 0);
    expect(Math.abs(sum / km2(tanAn.geometry) - 1)).toBeLessThan(0.001);
  });

  it("pass the importer's checks (codes, rings, bounds, overlaps beyond 0,5 %)", () => {
    const known = new Map(
      [...AREAS_2021, ...TAN_AN_WARDS_2021].map((a) => [
        a.code,
        { name: a.name, kind: a.kind, parent: a.parent },
      ]),
    );
    const result = importAreaSet(SCHEMATIC_2021.collection, {
      ...DEFAULT_IMPORT_OPTIONS,
      name: 'check',
      validFrom: '2013-04-01',
      validTo: '2025-07-01',
      known,
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("hold Tân An's sensor sites: each site of the city lies in exactly one of them", () => {
    const registry = createAreaSetRegistry();
    const assignment = createSiteAssignments(registry.setAt, SENSOR_SITES).at(parseInstant('2021-07-26'));
    const wardCodes = new Set(wards.map((w) => w.properties.code));
    const tanAnSites = SENSOR_SITES.filter((s) => s.area === TAN_AN_CODE);
    expect(tanAnSites.length).toBeGreaterThan(10);
    for (const s of tanAnSites) expect(wardCodes.has(assignment.areas.get(s.siteId)!), s.siteId).toBe(true);
    // Spread over several wards, not all in the centre.
    expect(new Set(tanAnSites.map((s) => assignment.areas.get(s.siteId))).size).toBeGreaterThan(5);
  });
});

/** Two one-unit sets split at 2025-07-01, each with a sub-unit covering the west half. */
function set(name: string, province: string, west: string, validFrom: string | null, validTo: string | null) {
  const square = (x0: number, x1: number): AreaGeometry => ({
    type: 'Polygon',
    coordinates: [
      [
        [x0, 10.5],
        [x1, 10.5],
        [x1, 10.6],
        [x0, 10.6],
        [x0, 10.5],
      ],
    ],
  });
  const json: AreaFeatureCollection = {
    type: 'FeatureCollection',
    name,
    ...(validFrom ? { validFrom } : {}),
    ...(validTo ? { validTo } : {}),
    features: [
      {
        type: 'Feature',
        properties: { code: province, name, kind: 'province', parent: null },
        geometry: square(106, 106.2),
      },
      {
        type: 'Feature',
        properties: { code: west, name: `${name} west`, kind: 'ward', parent: province },
        geometry: square(106, 106.1),
      },
    ],
  };
  const parsed = parseAreaSet(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.set;
}

describe('site assignments follow the set in force', () => {
  const old = set('old', '80', '27694', '2013-04-01', '2025-07-01');
  const next = set('next', '72', '27715', '2025-07-01', null);
  const registry = createAreaSetRegistry([], [old, next]);
  const sites = [
    { siteId: 'W', lonLat: [106.05, 10.55] as [number, number] },
    { siteId: 'E', lonLat: [106.15, 10.55] as [number, number] },
    { siteId: 'OUT', lonLat: [105, 10] as [number, number] },
  ];
  const t2021 = parseInstant('2021-07-26T08:00:00+07:00');
  const t2026 = parseInstant('2026-01-05T08:00:00+07:00');

  it('assigns by the set valid at the instant asked, smallest unit first, once per set', () => {
    const a = createSiteAssignments(registry.setAt, sites);
    expect(Object.fromEntries(a.at(t2021).areas)).toEqual({ W: '27694', E: '80', OUT: null });
    expect(Object.fromEntries(a.at(t2026).areas)).toEqual({ W: '27715', E: '72', OUT: null });
    expect(a.at(t2021 + 86_400_000)).toBe(a.at(t2021));
  });

  it('re-assigns when the live clock crosses the validity date, and only then', () => {
    const changes: [string, string | null][] = [];
    const a = createSiteAssignments(registry.setAt, sites, (n: SiteAssignment, p: SiteAssignment | null) =>
      changes.push([n.set.collection.name!, p?.set.collection.name ?? null]),
    );
    const before = parseInstant('2025-06-30T23:59:00+07:00');
    a.current(before);
    a.current(before + 30_000);
    expect(a.current(before + 60_000).areas.get('W')).toBe('27715');
    a.current(before + 120_000);
    expect(changes).toEqual([
      ['old', null],
      ['next', 'old'],
    ]);
  });

  it('answers in the wire schema, naming the set and its validity', () => {
    const body = siteAreasBody(createSiteAssignments(registry.setAt, sites).at(t2026));
    expect(SiteAreasResponse.parse(body)).toEqual({
      set: 'next',
      validFrom: '2025-07-01',
      validTo: null,
      sites: { W: '27715', E: '72', OUT: null },
    });
  });

  it('is given to the server any set, including one not known when the registry was built', () => {
    const imported: AreaSet = set('imported', '80', '27703', '2021-01-01', '2022-01-01');
    const r = createAreaSetRegistry([imported], [old, next]);
    expect(createSiteAssignments(r.setAt, sites).at(t2021).areas.get('W')).toBe('27703');
  });
});

describe('crosswalk carry-over for drawing a later set over earlier figures', () => {
  it("gives the 2025 wards their share of Tân An and Tây Ninh Long An's, keeping codes that have values", () => {
    const out = carryOver(CROSSWALK_2025, { '80': 1000, '794': 100, '27715': 7 });
    expect(out).toEqual({ '80': 1000, '794': 100, '72': 1000, '27694': 50, '27712': 25, '27715': 7 });
  });
});
