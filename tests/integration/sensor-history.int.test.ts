import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import type { KpiSnapshot, SensorReading, SiteSeriesResponse } from '../../protocol';
import { openSensorHistory, type SensorHistoryStore } from '../../server/sensor-history/history-store';
import { writeSensorHistory } from '../../server/sensor-history/history-backfill';
import { createSensorArchive } from '../../server/sensor-history/sensor-archive';
import { createSimulation } from '../../simulators/plan';
import { SensorField } from '../../simulators/sensor.simulator';
import { Weather } from '../../simulators/weather';
import { connectReplay, ok, type ReplaySocket } from '../../testkit/replay-client';
import { startTestServer, type TestServer } from './support/test-server';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const FROM = Date.parse('2021-07-10T00:00:00+07:00');
/** End of the history: the log's own readings start here. */
const SEAM = Date.parse('2021-07-12T00:00:00+07:00');
const AT = Date.parse('2021-07-11T08:00:00+07:00');
const SEED = 2021;
const sim = createSimulation({ seed: SEED, sites: SENSOR_SITES, sensorHistoryFromMs: FROM });
const readingsOf = (fromMs: number, toMs: number) =>
  sim.eventsBetween(fromMs, toMs).filter((e): e is SensorReading => e.stream === 'sensor');

describe('sensor history before the log: latching, series, export', () => {
  let server: TestServer;
  let history: SensorHistoryStore;
  let socket: ReplaySocket;
  let dir: string;
  const get = (p: string) => fetch(server.url + p);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ioc-int-history-'));
    history = openSensorHistory(path.join(dir, 'sensor-history.sqlite'));
    writeSensorHistory(history, { seed: SEED, sites: SENSOR_SITES, fromMs: FROM, toMs: SEAM });
    // The archive the history backfill wrote, and the log's own first 20 minutes after it.
    server = await startTestServer({
      dir,
      clock: { now: () => SEAM + 3_600_000, speed: () => 0 },
      sensorArchive: createSensorArchive(history, { seed: SEED, fromMs: FROM, toMs: SEAM }, SENSOR_SITES),
    });
    await server.app.ingest.ingest(readingsOf(SEAM, SEAM + 20 * 60_000));
    socket = await connectReplay(server.url);
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await server?.close();
    history?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a replay seek at 11/07/2021 08:00 has every site at its last reading before the instant', async () => {
    const snap = ok(await socket.emitWithAck('replay:seek', { atMs: AT }));
    const sites = snap.state.sites;
    expect(Object.keys(sites)).toHaveLength(SENSOR_SITES.length);
    const lastBefore = new Map<string, SensorReading>();
    for (const r of readingsOf(AT - 6 * 3_600_000, AT + 1)) lastBefore.set(r.siteId, r);
    for (const site of SENSOR_SITES) {
      const want = lastBefore.get(site.siteId);
      if (!want) continue; // offline for hours at that instant: checked below
      expect(sites[site.siteId]).toMatchObject({ tsMs: want.tsMs, value: want.value, area: site.area });
    }
    expect(lastBefore.size).toBeGreaterThan(SENSOR_SITES.length - 5);
  });

  it('at the first instant of the history no site has a reading before it', async () => {
    const snap = ok(await socket.emitWithAck('replay:seek', { atMs: FROM - 1 }));
    expect(Object.keys(snap.state.sites)).toHaveLength(0);
  });

  it('GET /api/kpis?area=80&at=… counts every site at that instant', async () => {
    const res = await get(`/api/kpis?area=80&at=${encodeURIComponent('2021-07-11T08:00:00+07:00')}`);
    expect(res.status).toBe(200);
    const kpis = (await res.json()) as KpiSnapshot;
    const counted = Object.values(kpis.sensors).reduce((a, b) => a + b, 0);
    expect(counted).toBe(SENSOR_SITES.length);
  });

  it('GET /api/events?stream=sensor answers the July 2021 readings the plan holds', async () => {
    const [a, b] = [AT, AT + 10 * 60_000];
    const res = await get(
      `/api/events?stream=sensor&area=794&from=${new Date(a).toISOString()}&to=${new Date(b).toISOString()}`,
    );
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as SensorReading);
    const want = readingsOf(a, b).filter((r) => rollup(r.area).includes('794'));
    expect(want.length).toBeGreaterThan(100);
    expect(lines.map((l) => `${l.id}=${l.value}@${l.tsMs}`).sort()).toEqual(
      want.map((l) => `${l.id}=${l.value}@${l.tsMs}`).sort(),
    );
  });

  it('the water-level open dataset has a row per site for each day of the history, from its hourly summaries', async () => {
    const res = await get('/api/open/datasets/water-level-by-site.json?from=2021-07-10&to=2021-07-13');
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { date: string; site_id: string; readings: number; mean: number }[];
    const water = SENSOR_SITES.filter((s) => s.kind === 'water_level');
    const days = [...new Set(rows.map((r) => r.date))].sort();
    expect(days).toEqual(['2021-07-10', '2021-07-11', '2021-07-12']);
    expect(rows.filter((r) => r.date === '2021-07-11')).toHaveLength(water.length);
    const one = water[0]!;
    const full: number[] = [];
    new SensorField(SEED, [one], new Weather(SEED)).siteReadings(
      0,
      FROM,
      FROM + 86_400_000,
      (_k, _t, v) => void full.push(v),
    );
    const row = rows.find((r) => r.date === '2021-07-10' && r.site_id === one.siteId)!;
    expect(Math.abs(row.readings - full.length)).toBeLessThanOrEqual(full.length * 0.1);
    expect(Math.abs(row.mean - full.reduce((a, b) => a + b, 0) / full.length)).toBeLessThan(0.05);
    // 12/07: the log's own readings (its first 20 minutes), not the history.
    const seamDay = rows.find((r) => r.date === '2021-07-12' && r.site_id === one.siteId)!;
    expect(seamDay.readings).toBe(
      readingsOf(SEAM, SEAM + 20 * 60_000).filter((r) => r.siteId === one.siteId).length,
    );
  });

  const series = async (id: string, q: string) => {
    const res = await get(`/api/sites/${id}/series?${q}`);
    return { status: res.status, body: (await res.json()) as SiteSeriesResponse & { error?: string } };
  };
  const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());

  it('raw series across the seam: history readings, then the log readings', async () => {
    const site = SENSOR_SITES.find((s) => s.kind === 'water_level')!;
    const [a, b] = [SEAM - 30 * 60_000, SEAM + 15 * 60_000];
    const { status, body } = await series(site.siteId, `from=${iso(a)}&to=${iso(b)}&bucket=raw`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ siteId: site.siteId, kind: 'water_level', unit: site.unit, bucket: 'raw' });
    const want = readingsOf(a, b).filter((r) => r.siteId === site.siteId);
    expect(body.points.map((p) => [Date.parse(p.t), 'value' in p ? p.value : NaN])).toEqual(
      want.map((r) => [r.tsMs, r.value]),
    );
    expect(want.some((r) => r.tsMs >= SEAM) && want.some((r) => r.tsMs < SEAM)).toBe(true);
  });

  it('hourly series: count, min, max and mean close to every reading of the hour', async () => {
    const site = SENSOR_SITES.find((s) => s.kind === 'traffic_flow')!;
    // Readings are drawn per site: a field of this site alone reads exactly what the plan's does.
    const one = new SensorField(SEED, [site], new Weather(SEED));
    const { body } = await series(site.siteId, `from=${iso(FROM)}&to=${iso(SEAM)}&bucket=hour`);
    expect(body.points.length).toBeGreaterThan(40);
    for (const p of body.points.slice(0, 48)) {
      if (!('mean' in p)) throw new Error('bucketed point expected');
      const t = Date.parse(p.t);
      const vs: number[] = [];
      one.siteReadings(0, t, t + 3_600_000, (_k, _t, v) => void vs.push(v));
      const mean = vs.reduce((x, y) => x + y, 0) / vs.length;
      expect(Math.abs(p.count - vs.length)).toBeLessThanOrEqual(Math.max(60, vs.length * 0.2));
      expect(Math.abs(p.mean - mean)).toBeLessThanOrEqual(Math.max(5, Math.abs(mean) * 0.15));
      expect(p.min).toBeGreaterThanOrEqual(Math.min(...vs));
      expect(p.max).toBeLessThanOrEqual(Math.max(...vs));
      expect(p.min).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.max);
    }
  });

  it('daily series sums the history hours and the log readings of a day', async () => {
    const site = SENSOR_SITES[0]!;
    const { body } = await series(site.siteId, `from=${iso(FROM)}&to=${iso(SEAM + 86_400_000)}&bucket=day`);
    expect(body.points.map((p) => p.t)).toEqual([
      '2021-07-10T00:00:00+07:00',
      '2021-07-11T00:00:00+07:00',
      '2021-07-12T00:00:00+07:00',
    ]);
    const last = body.points[2]!;
    const logged = readingsOf(SEAM, SEAM + 20 * 60_000).filter((r) => r.siteId === site.siteId);
    expect('count' in last && last.count).toBe(logged.length);
  });

  it('refuses an unknown site, a raw range too long and from ≥ to', async () => {
    const unknown = await series('LA-NOPE-99', `from=${iso(FROM)}&to=${iso(SEAM)}`);
    expect([unknown.status, unknown.body.error]).toEqual([404, 'unknown_site']);
    const id = SENSOR_SITES[0]!.siteId;
    const long = await series(id, `from=${iso(FROM)}&to=${iso(FROM + 8 * 86_400_000)}&bucket=raw`);
    expect([long.status, long.body.error]).toEqual([400, 'range_too_long']);
    const backwards = await series(id, `from=${iso(SEAM)}&to=${iso(FROM)}&bucket=hour`);
    expect([backwards.status, backwards.body.error]).toEqual([400, 'invalid_query']);
    const bucket = await series(id, `from=${iso(FROM)}&to=${iso(SEAM)}&bucket=week`);
    expect(bucket.status).toBe(400);
  });
});
