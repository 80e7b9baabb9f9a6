import { describe, expect, it } from 'vitest';
import { STATUS_COLOURS } from '../../client/map/colours';
import { LAYER_IDS, markerRadius } from '../../client/map/layers';
import {
  buildSitePoints,
  countCodes,
  sameCodes,
  sitePointsLayer,
  siteStatusCodes,
  STATUS_CODES,
} from '../../client/map/site-points';
import { DEFAULT_ALERT_RULES, type SiteState } from '../../protocol';
import type { StatusRules } from '../../protocol/state/sensor-status';

const NOW = Date.UTC(2021, 7, 1, 3);
const site = (siteId: string, value: number, lonLat: [number, number], ageMs = 10_000): SiteState => ({
  siteId,
  area: '794',
  kind: 'water_level',
  value,
  unit: 'm',
  lonLat,
  tsMs: NOW - ageMs,
  repeats: 0,
});
// Water level: warning from 1.6 m, alarm from 1.8 m.
const OFFLINE_AFTER_MS = 15 * 60_000;
const SITES = [
  site('ok', 1.0, [106.1, 10.5]),
  site('warn', 1.7, [106.2, 10.6]),
  site('alarm', 2.0, [106.3, 10.7]),
  site('off', 1.0, [106.4, 10.8], OFFLINE_AFTER_MS + 1),
];
// The threshold conditions the alert rules hold for those readings.
const RULES: StatusRules = {
  rules: null,
  conditions: { 'sensor:warn': { level: 1, alertId: null }, 'sensor:alarm': { level: 2, alertId: 'a' } },
};

describe('site points as binary attributes', () => {
  it('gives each site its status at the scenario time, as one byte', () => {
    const codes = siteStatusCodes(SITES, RULES, NOW);
    expect([...codes].map((c) => STATUS_CODES[c])).toEqual(['ok', 'warning', 'alarm', 'offline']);
    expect(countCodes(codes)).toEqual({ ok: 1, warning: 1, alarm: 1, stale: 0, offline: 1 });
    // Later, the same readings age: all offline, and the codes say so.
    expect(sameCodes(codes, siteStatusCodes(SITES, RULES, NOW + OFFLINE_AFTER_MS + 20_000))).toBe(false);
    expect(sameCodes(codes, siteStatusCodes(SITES, RULES, NOW + 1_000))).toBe(true);
  });

  it('packs positions, colours and radii site by site, and lists the sites in alarm', () => {
    const points = buildSitePoints(SITES, siteStatusCodes(SITES, RULES, NOW));
    const { getPosition, getFillColor, getRadius } = points.data.attributes;
    expect(points.data.length).toBe(4);
    expect([...getPosition.value.slice(4, 6)]).toEqual([Math.fround(106.3), Math.fround(10.7)]);
    expect([...getFillColor.value.slice(0, 4)]).toEqual(STATUS_COLOURS.ok);
    expect([...getFillColor.value.slice(8, 12)]).toEqual(STATUS_COLOURS.alarm);
    expect([...getFillColor.value.slice(12, 16)]).toEqual(STATUS_COLOURS.offline);
    expect([...getRadius.value]).toEqual(
      ['ok', 'warning', 'alarm', 'offline'].map((s) => markerRadius(s as 'ok')),
    );
    expect(points.alarms).toEqual([
      { siteId: 'alarm', kind: 'water_level', lonLat: [106.3, 10.7], status: 'alarm' },
    ]);
  });

  it('keeps only the sites a scene draws, in order', () => {
    const points = buildSitePoints(SITES, siteStatusCodes(SITES, RULES, NOW), (s) => s.siteId !== 'warn');
    expect(points.data.length).toBe(3);
    expect([...points.data.attributes.getPosition.value.slice(2, 4)]).toEqual([
      Math.fround(106.3),
      Math.fround(10.7),
    ]);
    expect([...points.data.attributes.getFillColor.value.slice(4, 8)]).toEqual(STATUS_COLOURS.alarm);
  });

  it('draws them under the sensor layer id, reusing the built data across re-created layers', () => {
    const points = buildSitePoints(SITES, siteStatusCodes(SITES, RULES, NOW));
    const a = sitePointsLayer({ points, scale: 2 });
    const b = sitePointsLayer({ points });
    expect(a.id).toBe(LAYER_IDS.sensors);
    expect(a.props.data).toBe(b.props.data);
    expect(a.props.radiusScale).toBe(2);
  });

  it('takes each status from the rules in force: their conditions and their offline delay', () => {
    const lowered: StatusRules = {
      rules: { ...DEFAULT_ALERT_RULES, sensorOfflineAfterMin: 5 },
      conditions: { 'sensor:ok': { level: 2, alertId: 'b' } },
    };
    const sites = [...SITES, site('quiet', 1.0, [106.5, 10.9], 6 * 60_000)];
    const codes = siteStatusCodes(sites, lowered, NOW);
    expect([...codes].map((c) => STATUS_CODES[c])).toEqual(['alarm', 'ok', 'ok', 'offline', 'offline']);
    expect(buildSitePoints(sites, codes).alarms.map((a) => a.siteId)).toEqual(['ok']);
  });
});
