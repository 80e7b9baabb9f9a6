import { describe, expect, it } from 'vitest';
import { pickSite } from '../../client/features/site/site-panel.store';
import { chartRows } from '../../client/features/site/site-series';
import { emptyDashboardState, latchSiteReadings, type SensorReading } from '../../protocol';

const unit = (id: string) => (id.startsWith('WL') ? 'm' : 'µg/m³');

describe('site panel: which sites a click puts on the chart', () => {
  it('replaces the site unless comparing, then adds sites of the same unit up to four', () => {
    expect(pickSite({ siteIds: ['WL1'], comparing: false }, 'WL2', unit).siteIds).toEqual(['WL2']);
    let s = { siteIds: ['WL1'], comparing: true };
    for (const id of ['WL2', 'WL3', 'WL4']) s = { ...s, ...pickSite(s, id, unit) };
    expect(s.siteIds).toEqual(['WL1', 'WL2', 'WL3', 'WL4']);
    expect(pickSite(s, 'WL5', unit)).toEqual({ siteIds: s.siteIds, refused: 'full' });
    expect(pickSite({ siteIds: ['WL1'], comparing: true }, 'PM1', unit)).toEqual({
      siteIds: ['WL1'],
      refused: 'unit',
    });
  });

  it('merges answers into rows by time: values, means and min–max bands', () => {
    const rows = chartRows([
      {
        siteId: 'A',
        kind: 'water_level',
        unit: 'm',
        bucket: 'raw',
        points: [{ t: '2021-07-11T08:00:00+07:00', value: 1 }],
      },
      {
        siteId: 'B',
        kind: 'water_level',
        unit: 'm',
        bucket: 'hour',
        points: [{ t: '2021-07-11T08:00:00+07:00', mean: 2, min: 1.5, max: 2.5, count: 60 }],
      },
    ]);
    expect(rows).toEqual([{ t: Date.parse('2021-07-11T08:00:00+07:00'), A: 1, B: 2, 'B:band': [1.5, 2.5] }]);
  });
});

describe('latchSiteReadings', () => {
  const reading = (tsMs: number, value: number): SensorReading => ({
    v: 1,
    id: `S:${tsMs}`,
    source: 'sim-sensor',
    area: '794',
    tsMs,
    stream: 'sensor',
    siteId: 'S',
    kind: 'water_level',
    value,
    unit: 'm',
    lonLat: [106.4, 10.5],
  });
  it('sets a site only from a newer reading, leaving seq and alerts as they are', () => {
    const s0 = emptyDashboardState();
    const s1 = latchSiteReadings(s0, [reading(1000, 0.8)]);
    expect(s1.sites.S).toMatchObject({ tsMs: 1000, value: 0.8 });
    expect([s1.seq, s1.alerts]).toEqual([s0.seq, s0.alerts]);
    expect(latchSiteReadings(s1, [reading(500, 0.1)])).toBe(s1);
    expect(latchSiteReadings(s1, [reading(2000, 0.9)]).sites.S?.value).toBe(0.9);
  });
});
