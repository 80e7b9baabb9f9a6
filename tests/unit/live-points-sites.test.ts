import { describe, expect, it } from 'vitest';
import { conditionsOf, makeSites, tickSites } from '../../testkit/live-points-sites';
import { DISTRICTS_2021 } from '../../geo/areas';
import { countByStatus, siteStatus } from '../../protocol/state/sensor-status';

const NOW = Date.UTC(2021, 7, 1, 3);

describe("the browser bench's sites", () => {
  it('are the same for the same seed, inside the province box, in its districts', () => {
    const a = makeSites(2_000, NOW);
    expect(makeSites(2_000, NOW)).toEqual(a);
    expect(new Set(a.map((s) => s.siteId)).size).toBe(2_000);
    const districts = new Set(DISTRICTS_2021.map((d) => d.code));
    for (const s of a) {
      expect(s.lonLat[0]).toBeGreaterThanOrEqual(105.5);
      expect(s.lonLat[0]).toBeLessThanOrEqual(106.75);
      expect(s.lonLat[1]).toBeGreaterThanOrEqual(10.4);
      expect(s.lonLat[1]).toBeLessThanOrEqual(11.03);
      expect(districts.has(s.area)).toBe(true);
    }
  });

  it('mostly ok, some in warning and alarm, and every tick moves values but not sites', () => {
    const a = makeSites(10_000, NOW);
    const counts = countByStatus(a, { rules: null, conditions: conditionsOf(a) }, NOW);
    expect(counts.ok / a.length).toBeGreaterThan(0.85);
    expect(counts.warning).toBeGreaterThan(0);
    expect(counts.alarm).toBeGreaterThan(0);
    const b = tickSites(a, 1, NOW + 1_000);
    expect(b.map((s) => [s.siteId, s.lonLat, s.kind])).toEqual(a.map((s) => [s.siteId, s.lonLat, s.kind]));
    expect(b.every((s) => s.tsMs === NOW + 1_000)).toBe(true);
    expect(b.filter((s, i) => s.value !== a[i]!.value).length).toBeGreaterThan(9_000);
    // Statuses change from tick to tick, so the map's colours do too.
    const [ra, rb] = [a, b].map((x) => ({ rules: null, conditions: conditionsOf(x) }));
    const changed = b.filter(
      (s, i) => siteStatus(s, rb!, NOW + 1_000) !== siteStatus(a[i]!, ra!, NOW),
    ).length;
    expect(changed).toBeGreaterThan(500);
    expect(tickSites(a, 1, NOW + 1_000)).toEqual(b);
  });
});
