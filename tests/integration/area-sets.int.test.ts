import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteAreasResponse, type AreaSetsResponse } from '../../protocol';
import { TAN_AN_WARDS_2021, createAreaSetRegistry, parseAreaSet } from '../../geo';
import { startTestServer, type TestServer } from './support/test-server';

describe('GET /api/areas with dated area sets', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The test server's clock stands at 2021-08-01.
    server = await startTestServer({ areaSets: createAreaSetRegistry() });
  });
  afterAll(() => server.close());

  const areas = async (query = '') => {
    const res = await fetch(`${server.url}/api/areas${query}`);
    expect(res.status).toBe(200);
    const parsed = parseAreaSet(await res.json());
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.set;
  };

  it('answers the set valid at the instant asked: 2021 and 2026 differ', async () => {
    const [in2021, in2026] = await Promise.all([
      areas('?at=2021-08-01'),
      areas('?at=2026-01-01T09:00:00%2B07:00'),
    ]);
    expect(in2021.name).toBe('longan-2021');
    expect(in2021.areas.map((a) => a.code)).toContain('794');
    expect(in2026.name).toBe('tayninh-2025-schematic');
    expect(in2026.areas.map((a) => a.code)).toEqual(
      expect.arrayContaining(['72', '27694', '27712', '27715']),
    );
    expect(in2026.areas.map((a) => a.code)).not.toContain('794');
  });

  it("defaults to the set in force at the server clock's now", async () => {
    expect((await areas()).name).toBe('longan-2021');
  });

  it('refuses an invalid instant with a 400', async () => {
    const res = await fetch(`${server.url}/api/areas?at=yesterday`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_query' });
  });

  it('assigns the sensor sites by the set valid at the instant: wards of Tân An in 2021, new wards in 2026', async () => {
    const sites = async (query: string) => {
      const res = await fetch(`${server.url}/api/areas/sites${query}`);
      expect(res.status).toBe(200);
      return SiteAreasResponse.parse(await res.json());
    };
    const [in2021, in2026] = await Promise.all([sites('?at=2021-08-01'), sites('?at=2026-01-01')]);
    expect([in2021.set, in2026.set]).toEqual(['longan-2021', 'tayninh-2025-schematic']);
    const wards2021 = new Set(TAN_AN_WARDS_2021.map((w) => w.code));
    const wards2025 = ['27694', '27712', '27715'];
    for (const [siteId, code] of Object.entries(in2021.sites)) {
      if (siteId.includes('-794-')) expect(wards2021.has(code!), siteId).toBe(true);
      else expect(code, siteId).toBe(siteId.split('-')[2]);
      // Since 2025 Tân An's sites lie in its three new wards, the others in their former district's unit.
      if (siteId.includes('-794-')) expect(wards2025, siteId).toContain(in2026.sites[siteId]);
      else expect(in2026.sites[siteId], siteId).toBe(siteId.split('-')[2]);
    }
    const bad = await fetch(`${server.url}/api/areas/sites?at=soon`);
    expect(bad.status).toBe(400);
  });

  it('lists the sets with their validity', async () => {
    const res = await fetch(`${server.url}/api/areas/sets`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as AreaSetsResponse;
    expect(body.current).toBe('longan-2021');
    expect(body.sets).toEqual([
      {
        name: 'longan-2021',
        validFrom: '2013-04-01',
        validTo: '2025-07-01',
        origin: 'built-in',
        // The districts are real outlines; only Tân An's wards are schematic.
        schematic: false,
        features: 30,
      },
      {
        name: 'tayninh-2025-schematic',
        validFrom: '2025-07-01',
        validTo: null,
        origin: 'built-in',
        schematic: true,
        features: 18,
      },
    ]);
  });
});
