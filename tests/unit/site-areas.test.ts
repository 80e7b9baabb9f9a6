import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseInstant } from '../../protocol';
import { SENSOR_SITES, createAreaSetRegistry } from '../../geo';
import { createSiteAreas } from '../../server/areas/site-areas';

afterEach(() => vi.useRealTimers());

describe('server site areas', () => {
  it('re-assigns the sites when the live clock crosses 1 July 2025, says so once, and answers any instant', () => {
    vi.useFakeTimers();
    const registry = createAreaSetRegistry();
    let now = parseInstant('2025-06-30T23:59:50+07:00');
    const logs: string[] = [];
    const siteAreas = createSiteAreas(registry.setAt, SENSOR_SITES, { now: () => now, speed: () => 1 }, (m) =>
      logs.push(m),
    );
    expect(logs).toEqual([]);
    now += 20_000;
    vi.advanceTimersByTime(5_000);
    vi.advanceTimersByTime(5_000);
    expect(logs).toEqual([
      'Area set in force: tayninh-2025-schematic (was longan-2021-schematic); sites re-assigned',
    ]);
    const site = SENSOR_SITES.find((s) => s.area === '794')!.siteId;
    expect(siteAreas.body(parseInstant('2021-07-26')).sites[site]).toMatch(/^27(68|69|70|71)\d$/);
    expect(['27694', '27712', '27715']).toContain(siteAreas.body(now).sites[site]);
    siteAreas.stop();
    now += 86_400_000;
    vi.advanceTimersByTime(60_000);
    expect(logs).toHaveLength(1);
  });
});
