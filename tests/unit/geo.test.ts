import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import type { AreaFeature } from '../../protocol';
import { readFileSync } from 'node:fs';
import {
  AREAS_2021,
  LONG_AN_2021,
  OPEN_ATTRIBUTION,
  PROVINCE_CODE,
  SENSOR_SITES,
  SITES_BY_ID,
  TAN_AN_CODE,
  TAN_AN_WARDS_2021,
  areaAt,
  codeForName,
  parseAreaSet,
} from '../../geo';
import rawAreas from '../../geo/data/longan-2021.geo.json';
import { ringSignedArea } from '../../geo/ring';

const OFFICIAL_AREA_KM2 = 4494.79;
const EASTERN = ['803', '807', '806', '802', '808', '804'];
const features = LONG_AN_2021.collection.features;
const byCode = new Map(features.map((f) => [f.properties.code, f]));
const districts = features.filter((f) => f.properties.parent === PROVINCE_CODE);
const province = byCode.get(PROVINCE_CODE)!;
const km2 = (g: Parameters<typeof turfArea>[0]) => turfArea(g) / 1e6;
const clip = (f: AreaFeature): polygonClipping.Geom => f.geometry.coordinates;

/** A deep copy of the bundled file, to break one thing at a time. */
type LooseFeature = { properties: Record<string, unknown>; geometry: { coordinates: unknown[][] } };
const fresh = () => structuredClone(rawAreas) as unknown as { features: LooseFeature[] };

describe('default 2021 area set (open district boundaries)', () => {
  it('parses, with its validity period', () => {
    expect(parseAreaSet(rawAreas).ok).toBe(true);
    expect(LONG_AN_2021.name).toBe('longan-2021');
    expect([LONG_AN_2021.validFrom, LONG_AN_2021.validTo]).toEqual(['2013-04-01', '2025-07-01']);
  });

  it("has exactly the 16 units of AREAS_2021 and Tân An's 14 wards and communes; the wards alone schematic", () => {
    expect(features.map((f) => f.properties.code).sort()).toEqual(
      [...AREAS_2021, ...TAN_AN_WARDS_2021].map((a) => a.code).sort(),
    );
    for (const f of features)
      expect(f.properties.schematic, f.properties.code).toBe(f.properties.parent === TAN_AN_CODE);
  });

  it('carries its source and the attribution its licence asks for', () => {
    expect(LONG_AN_2021.collection.source).toMatch(/geoBoundaries/);
    expect(LONG_AN_2021.collection.attribution).toBe(OPEN_ATTRIBUTION);
    expect(OPEN_ATTRIBUTION).toMatch(/geoBoundaries.*CC BY 3\.0 IGO/);
  });

  it('draws each district with the outline of the open file, mapped from its name to its code', () => {
    const source = JSON.parse(
      readFileSync(new URL('../../geo/data/sources/longan-districts-2020.geojson', import.meta.url), 'utf8'),
    ) as { features: { properties: { name_vi: string }; geometry: AreaFeature['geometry'] }[] };
    expect(source.features).toHaveLength(15);
    for (const f of source.features) {
      const code = codeForName(f.properties.name_vi)!;
      expect(byCode.get(code)?.properties.parent, f.properties.name_vi).toBe(PROVINCE_CODE);
      // The bundled file is already generalised upstream, so no vertex is dropped: areas agree to 0,01 km².
      expect(byCode.get(code)!.properties.areaKm2).toBeCloseTo(km2(f.geometry), 1);
    }
    expect(codeForName('Thị xã Kiến Tường')).toBe('795');
    expect(codeForName('Duc Hoa')).toBe('802');
    expect(codeForName('Huyện Đức Hoà')).toBe('802');
    expect(codeForName('Huyện Gò Công')).toBeNull();
  });

  it('puts each district seat in its own cell', () => {
    for (const a of AREAS_2021.filter((x) => x.parent === PROVINCE_CODE)) {
      expect(booleanPointInPolygon(a.seat, byCode.get(a.code)!.geometry), a.name).toBe(true);
      // Tân An's seat lies in Phường 1, the city's seat ward; elsewhere the smallest unit is the district.
      expect(areaAt(a.seat, LONG_AN_2021), a.name).toBe(a.code === TAN_AN_CODE ? '27694' : a.code);
    }
  });

  it('tiles the province with districts that do not overlap', () => {
    for (let i = 0; i < districts.length; i++) {
      for (let j = i + 1; j < districts.length; j++) {
        const overlap = polygonClipping.intersection(clip(districts[i]!), clip(districts[j]!));
        const overlapKm2 = km2({ type: 'MultiPolygon', coordinates: overlap });
        expect(
          overlapKm2,
          `${districts[i]!.properties.name} × ${districts[j]!.properties.name}`,
        ).toBeLessThan(0.01);
      }
    }
    const union = polygonClipping.union(clip(districts[0]!), ...districts.slice(1).map(clip));
    const unionKm2 = km2({ type: 'MultiPolygon', coordinates: union });
    expect(Math.abs(unionKm2 / km2(province.geometry) - 1)).toBeLessThan(0.01);
  });

  it('has a province area within 2 % of the official 4,494.79 km², and areaKm2 matching the geometry', () => {
    expect(Math.abs(km2(province.geometry) / OFFICIAL_AREA_KM2 - 1)).toBeLessThan(0.02);
    expect(province.properties.officialAreaKm2).toBe(OFFICIAL_AREA_KM2);
    for (const f of features) expect(f.properties.areaKm2).toBeCloseTo(km2(f.geometry), 0);
  });

  it('writes RFC 7946 rings: closed, exterior counter-clockwise, 6 decimals at most', () => {
    for (const f of features) {
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const [exterior, ...holes] of polygons) {
        expect(ringSignedArea(exterior!), f.properties.code).toBeGreaterThan(0);
        for (const hole of holes) expect(ringSignedArea(hole), f.properties.code).toBeLessThan(0);
      }
      for (const v of polygons.flat(3)) expect(Number(v.toFixed(6))).toBe(v);
    }
  });

  it('finds no area outside the province', () => {
    expect(areaAt([105.2, 10.2], LONG_AN_2021)).toBeNull();
  });
});

describe('sensor sites', () => {
  it('lie inside the polygon of their area', () => {
    for (const s of SENSOR_SITES) {
      expect(byCode.has(s.area), s.siteId).toBe(true);
      expect(booleanPointInPolygon(s.lonLat, byCode.get(s.area)!.geometry), s.siteId).toBe(true);
      // The smallest unit: a ward of Tân An for the city's sites, the district itself elsewhere.
      const smallest = areaAt(s.lonLat, LONG_AN_2021)!;
      expect(smallest === s.area || byCode.get(smallest)?.properties.parent === s.area, s.siteId).toBe(true);
    }
  });

  it('have unique ids of the form LA-XX-ddd-nn and sane cadences', () => {
    expect(SITES_BY_ID.size).toBe(SENSOR_SITES.length);
    for (const s of SENSOR_SITES) {
      expect(s.siteId).toMatch(new RegExp(`^LA-[A-Z]{2}-${s.area}-\\d{2}$`));
      expect(s.cadenceS).toBeGreaterThanOrEqual(10);
      expect(s.cadenceS).toBeLessThanOrEqual(60);
    }
  });

  it('are dense in Tân An and the east, sparser in the west', () => {
    const count = (code: string) => SENSOR_SITES.filter((s) => s.area === code).length;
    expect(SENSOR_SITES.length).toBeGreaterThanOrEqual(180);
    expect(SENSOR_SITES.length).toBeLessThanOrEqual(220);
    expect(count(TAN_AN_CODE)).toBeGreaterThanOrEqual(35);
    const eastern = EASTERN.map(count);
    for (const n of eastern) expect(n).toBeGreaterThanOrEqual(12);
    const others = districts
      .map((d) => d.properties.code)
      .filter((c) => c !== TAN_AN_CODE && !EASTERN.includes(c));
    for (const c of others) {
      expect(count(c), c).toBeGreaterThan(0);
      expect(count(c), c).toBeLessThan(Math.min(...eastern));
    }
  });
});

describe('parseAreaSet rejects', () => {
  const errorsOf = (json: unknown) => {
    const r = parseAreaSet(json);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };

  it('a feature without a code', () => {
    const json = fresh();
    delete json.features[3]!.properties.code;
    expect(errorsOf(json).join('\n')).toMatch(/feature 3 \(Tân Hưng\) at properties\.code/);
  });

  it('an unclosed ring', () => {
    const json = fresh();
    json.features[2]!.geometry.coordinates[0]!.pop();
    expect(errorsOf(json).join('\n')).toMatch(/feature 2 \(795 Kiến Tường\).*not closed/);
  });

  it('an unknown parent', () => {
    const json = fresh();
    json.features[5]!.properties.parent = '81';
    expect(errorsOf(json).join('\n')).toMatch(/feature 5 \(798 Mộc Hóa\): unknown parent 81/);
  });

  it('a duplicate code', () => {
    const json = fresh();
    json.features[6]!.properties.code = '798';
    expect(errorsOf(json).join('\n')).toMatch(/feature 6 \(798 Tân Thạnh\): duplicate code 798/);
  });
});
