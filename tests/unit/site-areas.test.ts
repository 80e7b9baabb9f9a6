import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseInstant, type AreaFeatureCollection } from '../../protocol';
import { SENSOR_SITES, SCHEMATIC_2021, createAreaSetRegistry, parseAreaSet } from '../../geo';
import { createSiteAreas } from '../../server/areas/site-areas';
import { watchImportedSets } from '../../server/areas/watch-imported-sets';
import { captureLogger } from '../support/capture-logger';

afterEach(() => vi.useRealTimers());

describe('server site areas', () => {
  it('re-assigns the sites when the live clock crosses 1 July 2025, says so once, and answers any instant', () => {
    vi.useFakeTimers();
    const registry = createAreaSetRegistry();
    let now = parseInstant('2025-06-30T23:59:50+07:00');
    const { logger, messages: logs } = captureLogger();
    const siteAreas = createSiteAreas(
      registry.setAt,
      SENSOR_SITES,
      { now: () => now, speed: () => 1 },
      logger,
    );
    expect(logs).toEqual([]);
    now += 20_000;
    vi.advanceTimersByTime(5_000);
    vi.advanceTimersByTime(5_000);
    expect(logs).toEqual(['Area set in force: tayninh-2025-schematic (was longan-2021); sites re-assigned']);
    const site = SENSOR_SITES.find((s) => s.area === '794')!.siteId;
    expect(siteAreas.body(parseInstant('2021-07-26')).sites[site]).toMatch(/^27(68|69|70|71)\d$/);
    expect(['27694', '27712', '27715']).toContain(siteAreas.body(now).sites[site]);
    siteAreas.stop();
    now += 86_400_000;
    vi.advanceTimersByTime(60_000);
    expect(logs).toHaveLength(1);
  });
});

/** An "official" 2021 set: the schematic province with one unit, 99001, where Tân An lies. */
function officialSet(): AreaFeatureCollection {
  const feature = (code: string) =>
    SCHEMATIC_2021.collection.features.find((f) => f.properties.code === code)!;
  const province = feature('80');
  return {
    type: 'FeatureCollection',
    name: 'official-2021',
    validFrom: '2021-01-01',
    validTo: '2022-01-01',
    features: [
      { ...province, properties: { code: '80', name: 'Long An', kind: 'province', parent: null } },
      { ...feature('794'), properties: { code: '99001', name: 'Vùng thử', kind: 'district', parent: '80' } },
    ],
  };
}

describe('a set imported while the server runs', () => {
  it('joins the registry: in force in its period, its codes known and rolled up, added once', () => {
    const registry = createAreaSetRegistry();
    const parsed = parseAreaSet(officialSet());
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(registry.isKnownArea('99001')).toBe(false);
    expect(registry.add(parsed.set)).toBe(true);
    expect(registry.add(parsed.set)).toBe(false);
    expect(registry.setAt(parseInstant('2021-07-26')).name).toBe('official-2021');
    expect(registry.setAt(parseInstant('2022-03-01')).name).toBe('longan-2021');
    expect(registry.isKnownArea('99001')).toBe(true);
    expect(registry.rollup('99001')).toEqual(['99001', '80']);
  });

  it('is picked up from the data directory and the sites are re-assigned to it', () => {
    vi.useFakeTimers();
    const dir = mkdtempSync(path.join(tmpdir(), 'area-sets-'));
    try {
      const registry = createAreaSetRegistry();
      const now = parseInstant('2021-07-26T08:00:00+07:00');
      const { logger, messages: logs } = captureLogger();
      const siteAreas = createSiteAreas(
        registry.setAt,
        SENSOR_SITES,
        { now: () => now, speed: () => 1 },
        logger,
      );
      const stop = watchImportedSets(dir, registry, logger, 1_000);
      const site = SENSOR_SITES.find((s) => s.area === '794')!.siteId;
      expect(siteAreas.body(now).sites[site]).not.toBe('99001');
      writeFileSync(path.join(dir, 'official-2021.geo.json'), JSON.stringify(officialSet()));
      vi.advanceTimersByTime(1_000);
      vi.advanceTimersByTime(5_000);
      expect(logs).toEqual([
        'Area set imported while running: official-2021',
        'Area set in force: official-2021 (was longan-2021); sites re-assigned',
      ]);
      expect(siteAreas.body(now)).toMatchObject({ set: 'official-2021' });
      expect(siteAreas.body(now).sites[site]).toBe('99001');
      stop();
      siteAreas.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
