import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { navigation } from '../../client/access/navigation';
import { resetOnUnauthorized } from '../../client/access/on-unauthorized';
import { ApiError, fetchAreas, fetchHealth, fetchSeries, type AreasCollection } from '../../client/net/api';
import type { HealthResponse, SeriesResponse } from '../../protocol';
import { server } from './msw-server';

const AREAS: AreasCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [106.35, 10.5],
            [106.45, 10.5],
            [106.45, 10.6],
            [106.35, 10.5],
          ],
        ],
      },
      properties: { code: '794', name: 'Tân An', kind: 'city', parent: '80', schematic: true, areaKm2: 81.7 },
    },
  ],
};

describe('HTTP API client', () => {
  it('loads the areas GeoJSON', async () => {
    server.use(http.get('*/api/areas', () => HttpResponse.json(AREAS)));
    const areas = await fetchAreas();
    expect(areas.features[0]!.properties).toMatchObject({ code: '794', name: 'Tân An', schematic: true });
  });

  it('asks for a series with the query the server expects', async () => {
    let seen: URLSearchParams | null = null;
    server.use(
      http.get('*/api/series', ({ request }) => {
        seen = new URL(request.url).searchParams;
        const body: SeriesResponse = {
          metric: 'dossier.online_submitted',
          area: '80',
          bucket: 'day',
          points: [{ t: '2021-08-16T00:00:00+07:00', value: 312, complete: true }],
          asOf: '2021-08-17T00:00:00+07:00',
        };
        return HttpResponse.json(body);
      }),
    );
    const res = await fetchSeries({
      metric: 'dossier.online_submitted',
      area: '80',
      from: '2021-07-18',
      to: '2021-08-17',
    });
    expect(res.points).toEqual([{ t: '2021-08-16T00:00:00+07:00', value: 312, complete: true }]);
    expect(Object.fromEntries(seen!)).toEqual({
      metric: 'dossier.online_submitted',
      area: '80',
      from: '2021-07-18',
      to: '2021-08-17',
      bucket: 'day',
    });
  });

  it('reads the health report', async () => {
    const health: HealthResponse = {
      status: 'ok',
      store: 'ok',
      version: '0.1.0',
      protocolVersion: 1,
      uptimeS: 12,
      nowMs: 1_629_080_000_000,
      lastSeq: 42,
      streams: {
        dossier: { lastEventTsMs: 1 },
        sensor: { lastEventTsMs: null },
        covid: { lastEventTsMs: null },
        ops: { lastEventTsMs: null },
      },
    };
    server.use(http.get('*/api/health', () => HttpResponse.json(health)));
    await expect(fetchHealth()).resolves.toEqual(health);
  });

  it("turns the server's { error, details } into an ApiError with a clear message", async () => {
    server.use(
      http.get('*/api/series', () =>
        HttpResponse.json(
          { error: 'invalid_payload', details: { metric: 'unknown metric' } },
          { status: 400 },
        ),
      ),
    );
    const err = await fetchSeries({ metric: 'nope', area: '80', from: '2021-08-01', to: '2021-08-02' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 400,
      error: 'invalid_payload',
      details: { metric: 'unknown metric' },
    });
    expect((err as Error).message).toMatch(/\/api\/series\?.*: HTTP 400 invalid_payload/);
  });

  it('copes with an error page that is not JSON', async () => {
    server.use(http.get('*/api/areas', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    await expect(fetchAreas()).rejects.toThrow('/api/areas: HTTP 502');
  });

  it('reports an unreachable server as a network error', async () => {
    server.use(http.get('*/api/health', () => HttpResponse.error()));
    await expect(fetchHealth()).rejects.toMatchObject({ name: 'ApiError', status: 0 });
    await expect(fetchHealth()).rejects.toThrow('/api/health: network error');
  });
});

describe('a view whose session is missing or gone (issue 21: reads need a sign-in by default)', () => {
  let go: MockInstance<typeof navigation.go>;
  beforeEach(() => {
    resetOnUnauthorized();
    window.sessionStorage.clear();
    go = vi.spyOn(navigation, 'go').mockImplementation(() => undefined);
  });
  afterEach(() => {
    go.mockRestore();
    window.history.replaceState(null, '', '/');
  });
  const unauthorized = () =>
    server.use(
      http.get('*/api/areas', () =>
        HttpResponse.json({ error: 'unauthorized', details: 'sign in first' }, { status: 401 }),
      ),
    );

  it('goes to the login page on a 401, bringing the visitor back afterwards', async () => {
    window.history.replaceState(null, '', '/kpi?area=794');
    unauthorized();
    await expect(fetchAreas()).rejects.toMatchObject({ status: 401 });
    expect(go).toHaveBeenCalledWith(`/login?${new URLSearchParams({ next: '/kpi?area=794' })}`);
    // Once: the other calls of the same page failing too do not stack up navigations.
    await expect(fetchAreas()).rejects.toMatchObject({ status: 401 });
    expect(go).toHaveBeenCalledTimes(1);
  });

  it('a wall holding its display token loads itself again to sign in with it, not the login page', async () => {
    window.sessionStorage.setItem('ioc.displayToken', 'iocd_wall');
    window.history.replaceState(null, '', '/wall?scenes=province:60');
    unauthorized();
    await expect(fetchAreas()).rejects.toMatchObject({ status: 401 });
    expect(go).toHaveBeenCalledWith('/wall?scenes=province:60');
  });

  it("stays on an open page, and reads with the tab's operator token when it holds one", async () => {
    window.history.replaceState(null, '', '/public');
    unauthorized();
    await expect(fetchAreas()).rejects.toMatchObject({ status: 401 });
    expect(go).not.toHaveBeenCalled();
    window.sessionStorage.setItem('ioc.operatorToken', 'op-token-0123');
    let seen: string | null = null;
    server.use(
      http.get('*/api/areas', ({ request }) => {
        seen = request.headers.get('authorization');
        return HttpResponse.json(AREAS);
      }),
    );
    await fetchAreas();
    expect(seen).toBe('Bearer op-token-0123');
  });
});
