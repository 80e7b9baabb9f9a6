import { describe, expect, it } from 'vitest';
import { LONG_AN_2021, SENSOR_SITES, parseAreaSet, sitesOutside, type SensorSite } from '../../geo';

const site = (siteId: string, lonLat: [number, number]): SensorSite => ({
  siteId,
  name: siteId,
  kind: 'rainfall',
  unit: 'mm/h',
  area: '803',
  lonLat,
  cadenceS: 60,
});

describe('sites outside every area', () => {
  it('finds none of the bundled sites outside the default set', () => {
    expect(sitesOutside(SENSOR_SITES, LONG_AN_2021)).toEqual([]);
  });

  it('lists a site beyond the border with the nearest unit and its distance in km', () => {
    // 0.1° of longitude east of Cần Giuộc's easternmost vertex (106.748363, 10.523312): about 10.9 km.
    const [outside] = sitesOutside([site('far', [106.848363, 10.523312])], LONG_AN_2021);
    expect(outside).toMatchObject({ siteId: 'far', nearest: expect.stringMatching(/^(80|807)$/) });
    expect(outside!.distanceKm).toBeGreaterThan(10.5);
    expect(outside!.distanceKm).toBeLessThan(11);
  });

  it('lists the sites a smaller official set leaves out (one district only)', () => {
    const one = parseAreaSet({
      type: 'FeatureCollection',
      name: 'only-803',
      features: LONG_AN_2021.collection.features
        .filter((f) => f.properties.code === '803')
        .map((f) => ({ ...f, properties: { ...f.properties, parent: null } })),
    });
    if (!one.ok) throw new Error(one.errors.join('\n'));
    const outside = sitesOutside(SENSOR_SITES, one.set);
    expect(outside.length).toBe(SENSOR_SITES.filter((s) => s.area !== '803').length);
    for (const o of outside) {
      expect(o.nearest).toBe('803');
      expect(o.distanceKm).toBeGreaterThan(0);
    }
  });
});
