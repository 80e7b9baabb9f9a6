import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  applyEvents,
  emptyDashboardState,
  MAX_EVENT_TS_MS,
  type CovidReport,
  type DossierSubmitted,
  type IngestReport,
  type SensorReading,
} from '../../protocol';
import { SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { admissionRules } from '../../server/ingest/event-admission';
import { startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';
import { connectReplay, ok } from '../../testkit/replay-client';
import { addUser, call, signIn, startAuthServer, T0, type AuthServer } from './support/auth-server';

/** The IOC clock of these servers: a morning of the 2021 wave. */
const NOW = Date.parse('2021-08-05T10:00:00+07:00');
const Y2099 = Date.parse('2099-12-31T12:00:00+07:00');
const WATER = SENSOR_SITES.filter((s) => s.kind === 'water_level');
const SITE = WATER[0]!;
const rollup = makeRollup([...AREAS_2021, ...PILOT_AREAS]);

function reading(n: number, over: Partial<SensorReading> = {}): SensorReading {
  const site = WATER[n % WATER.length]!;
  return {
    v: 1,
    id: `r-${n}`,
    source: 'gateway',
    area: site.area,
    tsMs: NOW - 10 * 60_000 + n * 1000,
    stream: 'sensor',
    siteId: site.siteId,
    kind: 'water_level',
    value: 1.2,
    unit: 'm',
    lonLat: site.lonLat,
    ...over,
  };
}

function covid(over: Partial<CovidReport> = {}): CovidReport {
  return {
    v: 1,
    id: 'c-1',
    source: 'csv-import',
    area: '807',
    tsMs: NOW - 3600_000,
    stream: 'covid',
    date: '2021-08-04',
    newCases: 12,
    recovered: 3,
    deaths: 0,
    vaccineDoses: 100,
    epidemicLevel: 3,
    ...over,
  };
}

function dossier(n: number, tsMs: number): DossierSubmitted {
  return {
    v: 1,
    id: `d-${n}:submitted`,
    source: 'dvc',
    area: '794',
    tsMs,
    stream: 'dossier',
    dossierCode: `LA-${n}`,
    action: 'submitted',
    channel: 'online',
    serviceLevel: 4,
    procedure: 'Cấp giấy phép xây dựng',
    agency: 'UBND',
    dueMs: Math.min(tsMs + 3 * 86_400_000, MAX_EVENT_TS_MS),
  };
}

async function post(url: string, token: string, events: unknown[]): Promise<IngestReport> {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as IngestReport;
}

const reasons = (r: IngestReport) => r.results.map((x) => (x.status === 'rejected' ? x.reason : x.status));

/** A server with the installation's defaults: 5 minutes of tolerance, the history from 2019, the listed sites. */
const strictServer = (dir?: string) =>
  startTestServer({
    clock: { now: () => NOW, speed: () => 1 },
    admission: admissionRules(),
    ...(dir ? { dir } : {}),
  });

describe('no event outside its time (issue 21, finding 3)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses a reading dated 2099 with future_event: no false offline alert, and the site still alarms', async () => {
    server = await strictServer();
    const valid = Array.from({ length: WATER.length }, (_, n) => reading(n));
    const report = await post(server.url, TEST_TOKEN, [
      ...valid,
      reading(999, { id: 'r-2099', tsMs: Y2099, siteId: SITE.siteId }),
    ]);
    expect(reasons(report).at(-1)).toBe('future_event');
    expect(report.accepted).toBe(valid.length);

    // High for the water level's on-delay (5 readings over 240 s), ending now.
    const high = [4, 3, 2, 1, 0].map((m) =>
      reading(0, { id: `r-high-${m}`, tsMs: NOW - m * 60_000, value: 9.5 }),
    );
    const later = await post(server.url, TEST_TOKEN, high);
    expect(later.accepted).toBe(5);
    const { state } = server.app.engine;
    expect(state.alerts.sensorClockMs).toBe(NOW);
    expect(state.sites[SITE.siteId]).toMatchObject({ value: 9.5, tsMs: NOW });
    expect(state.alerts.recent.filter((a) => a.rule === 'sensor-offline')).toEqual([]);
    expect(state.alerts.recent.some((a) => a.rule === 'sensor-threshold' && a.siteId === SITE.siteId)).toBe(
      true,
    );
  });

  it('takes the tolerance ahead of the clock and refuses what lies beyond it, or before the history', async () => {
    server = await strictServer();
    const report = await post(server.url, TEST_TOKEN, [
      reading(1, { id: 'skewed', tsMs: NOW + 4 * 60_000 }),
      reading(2, { id: 'ahead', tsMs: NOW + 6 * 60_000 }),
      reading(3, { id: 'ancient', tsMs: Date.parse('2016-03-01T00:00:00+07:00') }),
      dossier(1, Y2099),
    ]);
    expect(reasons(report)).toEqual(['accepted', 'future_event', 'stale_event', 'future_event']);
  });

  it('keeps the daily window when a dossier dated 2099 is sent', async () => {
    server = await strictServer();
    const days = Array.from({ length: 30 }, (_, d) => dossier(d, NOW - d * 86_400_000));
    await post(server.url, TEST_TOKEN, days);
    const report = await post(server.url, TEST_TOKEN, [dossier(99, Y2099)]);
    expect(reasons(report)).toEqual(['future_event']);
    expect(Object.keys(server.app.engine.state.areas['80']!.daily)).toHaveLength(30);
  });

  it('refuses COVID reports for tomorrow and for 9999-12-31: the district follows the real reports', async () => {
    server = await strictServer();
    const report = await post(server.url, TEST_TOKEN, [
      covid(),
      covid({ id: 'c-9999', date: '9999-12-31', epidemicLevel: 1 }),
      covid({ id: 'c-tomorrow', date: '2021-08-06', newCases: 9999, epidemicLevel: 4 }),
      covid({ id: 'c-old', date: '2016-01-01' }),
    ]);
    expect(reasons(report)).toEqual(['accepted', 'future_event', 'future_event', 'stale_event']);
    await post(server.url, TEST_TOKEN, [covid({ id: 'c-2', date: '2021-08-05', epidemicLevel: 4 })]);
    const kpis = await (await fetch(`${server.url}/api/kpis?area=807`)).json();
    expect(kpis).toMatchObject({ covidLastDate: '2021-08-05', epidemicLevel: 4, covidCumulativeCases: 24 });
  });

  it('does not let an out-of-range event of an old log, or a snapshot folded with it, poison a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-old-log-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    server = await strictServer(dir);
    const { store } = server;
    // What the code before the time rule let into the log, and the snapshots it then stored: one with the
    // COVID day 9999-12-31 (its latest event time is an ordinary one), one after the 2099 reading.
    await store.append([
      ...WATER.map((_, n) => reading(n)),
      covid(),
      covid({ id: 'c-9999', date: '9999-12-31', epidemicLevel: 1 }),
    ]);
    let logged = await store.readAfter(0, 1000);
    await store.saveSnapshot(applyEvents(emptyDashboardState(), logged, rollup), NOW - 3600_000);
    await store.append([reading(500, { id: 'r-2099', tsMs: Y2099, siteId: SITE.siteId })]);
    logged = await store.readAfter(0, 1000);
    await store.saveSnapshot(applyEvents(emptyDashboardState(), logged, rollup), Y2099);
    await server.close();

    server = await strictServer(dir);
    await post(server.url, TEST_TOKEN, [
      reading(0, { id: 'r-high', tsMs: NOW, value: 9.5 }),
      covid({ id: 'c-2', date: '2021-08-05', epidemicLevel: 4 }),
    ]);
    const { state } = server.app.engine;
    expect(state.alerts.sensorClockMs).toBe(NOW);
    expect(state.sites[SITE.siteId]).toMatchObject({ value: 9.5, tsMs: NOW });
    expect(state.alerts.recent.filter((a) => a.rule === 'sensor-offline')).toEqual([]);
    expect(state.areas['807']!.covid).toMatchObject({ lastDate: '2021-08-05', epidemicLevel: 4 });
    // A seek past the poisoned instant folds the same way (and from a snapshot, not from the log's start).
    const at = await (
      await fetch(`${server.url}/api/kpis?area=807&at=${new Date(NOW).toISOString()}`)
    ).json();
    expect(at).toMatchObject({ covidLastDate: '2021-08-05', epidemicLevel: 4 });

    // Replay plays through the old reports as a seek sees them: the day 9999-12-31 is not among them.
    const replay = await connectReplay(server.url);
    onTestFinished(() => void replay.close());
    ok(await replay.emitWithAck('replay:seek', { atMs: NOW - 2 * 3600_000 }));
    const stepped = ok(await replay.emitWithAck('replay:step', { count: 2 }));
    expect(stepped.position.cursorMs).toBe(NOW - 3600_000);
    expect(stepped.state.areas['807']!.covid).toMatchObject({ lastDate: '2021-08-05', epidemicLevel: 4 });
  });
});

/** `npm run tokens -- …` as a child process on the server's data directory. */
function cli(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/auth/auth-cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dir },
  });
  let [out, err] = ['', ''];
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err })));
}

describe('sources write only what they are for (issue 21, finding 6)', () => {
  let server: TestServer | undefined;
  let auth: AuthServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await auth?.close();
    auth = null;
  });

  it("refuses a sensor gateway's COVID report (out_of_scope) and keeps its readings", async () => {
    server = await strictServer();
    const { token } = server.app.authStore.createToken('ingest', 'gateway', NOW, { streams: ['sensor'] });
    const report = await post(server.url, token, [reading(1), covid({ source: 'gateway' })]);
    expect(reasons(report)).toEqual(['accepted', 'out_of_scope']);
  });

  it('refuses events of areas outside the token', async () => {
    server = await strictServer();
    const { token } = server.app.authStore.createToken('ingest', 'dvc', NOW, { areas: ['794'] });
    const report = await post(server.url, token, [dossier(1, NOW), { ...dossier(2, NOW), area: '802' }]);
    expect(reasons(report)).toEqual(['accepted', 'out_of_scope']);
  });

  it('lets no other source pre-empt the official COVID report for its day, nor reach the public page', async () => {
    server = await strictServer();
    const { token } = server.app.authStore.createToken('ingest', 'gateway', NOW);
    const forged = covid({
      source: 'gateway',
      id: 'x',
      date: '2021-08-05',
      newCases: 9999,
      epidemicLevel: 4,
    });
    expect(reasons(await post(server.url, token, [forged]))).toEqual(['unofficial_source']);
    // Not even with the shared token, which may claim any source: only the official ones count for the day.
    expect(reasons(await post(server.url, TEST_TOKEN, [forged]))).toEqual(['unofficial_source']);
    const official = covid({ date: '2021-08-05', newCases: 7, epidemicLevel: 2 });
    expect(reasons(await post(server.url, TEST_TOKEN, [official]))).toEqual(['accepted']);
    const pub = await (await fetch(`${server.url}/api/public/covid`)).json();
    const district = pub.districts.find((d: { code: string }) => d.code === '807');
    expect(district).toMatchObject({ newCasesLastDate: 7, epidemicLevel: 2, lastDate: '2021-08-05' });
  });

  it('refuses readings of a site that is not registered (unknown_site): no phantom site on the map', async () => {
    server = await strictServer();
    const phantom = reading(1, { id: 'ghost', siteId: 'GHOST-1', lonLat: [0, 0] });
    const report = await post(server.url, TEST_TOKEN, [phantom, reading(2)]);
    expect(reasons(report)).toEqual(['unknown_site', 'accepted']);
    expect(server.app.engine.state.sites['GHOST-1']).toBeUndefined();
  });

  it('makes scoped tokens from POST /api/admin/tokens and npm run tokens, and lists their scope', async () => {
    auth = await startAuthServer();
    await addUser(auth.auth, 'quan.tri', 'admin', 'Quản-trị-viên-2021');
    const cookie = await signIn(auth.url, 'quan.tri', 'Quản-trị-viên-2021');
    const made = await call(auth.url, 'POST', '/api/admin/tokens', {
      cookie,
      body: { kind: 'ingest', label: 'tram-1', streams: ['sensor'], areas: ['794'] },
    });
    expect(made.status).toBe(201);
    expect((made.body as { summary: object }).summary).toMatchObject({ streams: ['sensor'], areas: ['794'] });
    const bad = await call(auth.url, 'POST', '/api/admin/tokens', {
      cookie,
      body: { kind: 'ingest', label: 'tram-2', streams: ['ops'] },
    });
    expect(bad.status).toBe(400);

    const cliMade = await cli(auth.dir, [
      'tokens',
      'create',
      'ingest',
      '--label',
      'dvc',
      '--streams',
      'dossier',
    ]);
    expect(cliMade.code).toBe(0);
    const cliToken = cliMade.out.trim().split('\n').at(-1)!;
    const sub = { ...dossier(1, T0), source: 'dvc' };
    const report = await post(auth.url, cliToken, [sub, { ...reading(1), tsMs: T0, source: 'dvc' }]);
    expect(reasons(report)).toEqual(['accepted', 'out_of_scope']);
    const list = await call(auth.url, 'GET', '/api/admin/tokens', { cookie });
    expect(list.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ label: 'dvc', streams: ['dossier'] })]),
    );
  });
});
