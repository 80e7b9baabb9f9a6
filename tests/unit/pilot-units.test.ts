import { beforeAll, describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { SCHEMATIC_2021 } from '../../geo/built-in-sets';
import { createAreaSetRegistry } from '../../geo/area-sets';
import { PILOT_UNITS, pilotUnitFeatures } from '../../geo/pilot-units';
import { createAreaCatalog } from '../../server/areas/area-catalog';
import { createSimulation } from '../../simulators/plan';
import { DISTRICT_PROFILES } from '../../simulators/districts';
import { DAY, vn } from './sim-fixtures';

const [CAN_GIUOC, CHAU_THANH, TAN_AN_WARD, DEPARTMENT] = PILOT_UNITS.map((u) => u.code) as [
  string,
  string,
  string,
  string,
];

describe('pilot units: a named group in the area catalogue', () => {
  it('knows the four pilots, rolls each up through its district (the Department through Tân An, its seat)', () => {
    const registry = createAreaSetRegistry();
    expect(registry.rollup(CAN_GIUOC)).toEqual([CAN_GIUOC, '807', '80']);
    expect(registry.rollup(CHAU_THANH)).toEqual([CHAU_THANH, '808', '80']);
    expect(registry.rollup(TAN_AN_WARD)).toEqual([TAN_AN_WARD, '794', '80']);
    expect(registry.rollup(DEPARTMENT)).toEqual([DEPARTMENT, '794', '80']);
    const catalog = createAreaCatalog(registry, []);
    expect(catalog.isKnownArea(DEPARTMENT)).toBe(true);
    // The pilots are not districts: the province still has its 15.
    expect(catalog.districts().map((d) => d.code)).not.toContain(DEPARTMENT);
    expect(catalog.districts()).toHaveLength(15);
    expect(catalog.areasWithin('794')).toEqual(expect.arrayContaining([TAN_AN_WARD, DEPARTMENT]));
    expect(catalog.areasWithin('807')).toContain(CAN_GIUOC);
  });

  it('draws each as a labelled schematic cell wholly inside its district as the set in force draws it', () => {
    const features = pilotUnitFeatures(SCHEMATIC_2021);
    const parents = new Map(SCHEMATIC_2021.collection.features.map((f) => [f.properties.code, f.geometry]));
    expect(features.map((f) => f.properties.code)).toEqual(PILOT_UNITS.map((u) => u.code));
    for (const f of features) {
      expect(f.properties.schematic).toBe(true);
      const host = parents.get(f.properties.parent!)!;
      const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0]! : [];
      expect(ring.length).toBe(7);
      for (const p of ring) expect(booleanPointInPolygon(p, host), `${f.properties.name} at ${p}`).toBe(true);
    }
  });
});

describe('pilot units: the simulator gives them figures of their own', () => {
  const byArea = new Map<string, { all: number; online: number }>();
  const departmentDossiers = { received: 0, counted: 0 };
  const run = (seed: number) => {
    const out = new Map<string, number>();
    const sim = createSimulation({ seed, sites: [], sensorHistoryFromMs: vn('2030-01-01') });
    for (let t = vn('2021-08-01'); t < vn('2021-09-01'); t += DAY)
      for (const e of sim.eventsBetween(t, t + DAY)) {
        if (e.stream !== 'dossier' || e.action !== 'submitted') continue;
        out.set(e.area, (out.get(e.area) ?? 0) + 1);
        if (seed !== 2021) continue;
        const a = byArea.get(e.area) ?? { all: 0, online: 0 };
        a.all++;
        if (e.channel === 'online') a.online++;
        byArea.set(e.area, a);
        if (e.agency === 'Sở Thông tin và Truyền thông') {
          departmentDossiers.received++;
          if (e.area === DEPARTMENT) departmentDossiers.counted++;
        }
      }
    return out;
  };
  let first: Map<string, number>;
  beforeAll(() => {
    first = run(2021);
  });

  it('gives a pilot commune or ward its share of its district: one in the number of its communes', () => {
    for (const code of [CAN_GIUOC, CHAU_THANH, TAN_AN_WARD]) {
      const unit = PILOT_UNITS.find((u) => u.code === code)!;
      const profile = DISTRICT_PROFILES.find((p) => p.code === unit.parent)!;
      const own = byArea.get(code)!.all;
      const district = own + (byArea.get(unit.parent!)?.all ?? 0);
      const share = own / district;
      expect(share, unit.name).toBeGreaterThan((1 / profile.communes) * 0.75);
      expect(share, unit.name).toBeLessThan((1 / profile.communes) * 1.25);
      expect(byArea.get(code)!.online).toBeGreaterThan(0);
    }
  });

  it("counts every dossier the Department of ICT receives as the Department's", () => {
    expect(departmentDossiers.received).toBeGreaterThan(0);
    expect(departmentDossiers.counted).toBe(departmentDossiers.received);
  });

  it('is deterministic: the same seed gives the same figures', () => {
    expect(run(2021)).toEqual(first);
  });
});
