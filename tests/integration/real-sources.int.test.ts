import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, vnDateKey, type IocEvent } from '../../protocol';
import { admissionRules } from '../../server/ingest/event-admission';
import { createSimulation } from '../../simulators/plan';
import { importCovidCsv } from '../../sources/import-covid';
import { startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';

/** The test server's clock: 2021-08-01 08:00 Vietnam time, the default scenario start. */
const NOW_MS = Date.UTC(2021, 7, 1, 1);
const DISTRICTS = [
  '794',
  '795',
  '796',
  '797',
  '798',
  '799',
  '800',
  '801',
  '802',
  '803',
  '804',
  '805',
  '806',
  '807',
  '808',
];

/** A province-level daily feed, `date,new_cases,cumulative_cases`, from 2021-07-01 to 2021-08-10. */
function provinceFeed(): { text: string; totalToClock: number; rows: number; futureRows: number } {
  const lines = ['date,new_cases,cumulative_cases'];
  let cumulative = 0;
  let totalToClock = 0;
  let futureRows = 0;
  for (let d = 0; d < 41; d++) {
    const date = vnDateKey(Date.parse('2021-07-01T12:00:00+07:00') + d * 86_400_000);
    const n = 20 + ((d * 37) % 90);
    cumulative += n;
    lines.push(`${date},${n},${cumulative}`);
    // A report covers its day and is dated 17:00 of it: 1 August's is still ahead of 08:00 on 1 August.
    if (date <= '2021-07-31') totalToClock += n;
    else futureRows++;
  }
  return { text: lines.join('\n') + '\n', totalToClock, rows: 41, futureRows };
}

const get = async (server: TestServer, path: string) => (await fetch(`${server.url}${path}`)).json();
const series = async (server: TestServer, metric: string, area: string, from: string, to: string) =>
  (await get(server, `/api/series?metric=${metric}&area=${area}&from=${from}&to=${to}&bucket=year`)).points[0]
    ?.value as number;

describe('a real province feed beside the simulator (issue 17)', () => {
  let server: TestServer;
  const feed = provinceFeed();
  let simDistrictCases: Record<string, number>;
  let simProvinceCases: number;
  let dossiersBefore: unknown;

  beforeAll(async () => {
    // The real admission rules: a few minutes of tolerance ahead of the clock, history from 2019.
    server = await startTestServer({
      clock: { now: () => NOW_MS, speed: () => 1 },
      admission: admissionRules(),
    });
    // The simulator on, as `npm start` runs it: its district COVID reports since the wave began, and the
    // last week of dossiers (the streams another source must not disturb).
    const sim = createSimulation({ seed: 2021, sites: [], sensorHistoryFromMs: Infinity });
    const events: IocEvent[] = sim
      .eventsBetween(Date.parse('2021-04-27T00:00:00+07:00'), NOW_MS)
      .filter((e) => e.stream === 'covid' || e.tsMs >= NOW_MS - 7 * 86_400_000);
    const planned = await server.app.ingest.appendPlanned(events);
    expect(planned.rejected).toBe(0);
    const kpis = await Promise.all(DISTRICTS.map((a) => get(server, `/api/kpis?area=${a}`)));
    simDistrictCases = Object.fromEntries(kpis.map((k) => [k.area, k.covidCumulativeCases]));
    simProvinceCases = (await get(server, '/api/kpis?area=80')).covidCumulativeCases;
    dossiersBefore = await dossierFigures(server);
  }, 120_000);
  afterAll(async () => server?.close());

  async function dossierFigures(s: TestServer) {
    const k = await get(s, '/api/kpis?area=80');
    const today = s.app.engine.state.areas['80']!.daily[vnDateKey(NOW_MS)];
    return {
      submitted: k.dossierSubmitted,
      online: k.dossierOnlineSubmitted,
      onTime: k.onTimeRate,
      onlineToday: today?.online,
      slots: today?.onlineBySlot,
      series: await series(s, 'dossier.online_submitted', '80', '2021-01-01', '2022-01-01'),
    };
  }

  it('gives the province exactly the file total up to the clock, refuses and counts the future rows', async () => {
    // The simulator's districts sum to the late-July press figure the simulator is calibrated to.
    expect(simProvinceCases).toBe(9_500);
    const summary = await importCovidCsv(feed.text, { url: server.url, token: TEST_TOKEN });
    expect(summary.parseRejected).toEqual([]);
    expect(summary.serverRejected).toEqual([]);
    expect(summary.accepted).toBe(feed.rows - feed.futureRows);
    expect(summary.future.map((f) => f.event.date)).toEqual(
      Array.from({ length: feed.futureRows }, (_, i) => `2021-08-${String(i + 1).padStart(2, '0')}`),
    );
    expect(summary.future[0]!.line).toBe(33);

    const province = await get(server, '/api/kpis?area=80');
    // Days the province reported: the file; days before it (April–June): the districts' sum.
    const simBeforeJuly = await series(server, 'covid.new_cases', '807', '2021-01-01', '2021-07-01');
    expect(simBeforeJuly).toBeGreaterThan(0);
    const julyFromFile = await series(server, 'covid.new_cases', '80', '2021-07-01', '2021-08-01');
    expect(julyFromFile).toBe(feed.totalToClock);
    expect(province.covidLastDate).toBe('2021-07-31');
    const fromDistrictsBeforeJuly = (
      await Promise.all(
        DISTRICTS.map((a) => series(server, 'covid.new_cases', a, '2021-01-01', '2021-07-01')),
      )
    ).reduce((a, b) => a + (b ?? 0), 0);
    expect(province.covidCumulativeCases).toBe(feed.totalToClock + fromDistrictsBeforeJuly);
    expect(await series(server, 'covid.new_cases', '80', '2021-01-01', '2022-01-01')).toBe(
      province.covidCumulativeCases,
    );
  });

  it('keeps the districts simulated and labelled, and shows the remainder beside the province', async () => {
    for (const a of DISTRICTS) {
      const k = await get(server, `/api/kpis?area=${a}`);
      expect(k.covidCumulativeCases).toBe(simDistrictCases[a]);
      expect(k.covidSimulated).toBe(true);
    }
    const province = await get(server, '/api/kpis?area=80');
    expect(province.covidSimulated).toBe(false);
    expect(province.covidReconciliation).toEqual({
      cases: province.covidCumulativeCases,
      childrenCases: simProvinceCases,
      unallocatedCases: province.covidCumulativeCases - simProvinceCases,
      childrenSimulated: true,
      provenance: { sources: { 'csv-import': feed.rows - feed.futureRows }, superseded: {}, corrected: 0 },
    });
  });

  const districtsSum = async (from: string, to: string) =>
    (await Promise.all(DISTRICTS.map((a) => series(server, 'covid.new_cases', a, from, to)))).reduce(
      (a, b) => a + (b ?? 0),
      0,
    );
  const fileSum = (from: string, to: string) =>
    feed.text
      .split('\n')
      .slice(1)
      .filter((l) => l.slice(0, 10) >= from && l.slice(0, 10) < to && l.slice(0, 10) <= '2021-07-31')
      .reduce((a, l) => a + Number(l.split(',')[1]), 0);

  it('carries the remainder of the period chosen to the leaders’ review, not the one to date', async () => {
    const province = await get(server, '/api/kpis?area=80');
    // The whole year, still running at the clock: every report day so far, so the operators' figure to date.
    const year = await get(server, '/api/kpis/period?area=80&from=2021-01-01&to=2022-01-01');
    expect(year.complete).toBe(false);
    expect(year.covidReconciliation).toEqual(province.covidReconciliation);

    // A past month: the file's July against the districts' July.
    const july = await get(server, '/api/kpis/period?area=80&from=2021-07-01&to=2021-08-01');
    const julyDistricts = await districtsSum('2021-07-01', '2021-08-01');
    expect(julyDistricts).toBeGreaterThan(0);
    expect(july.covidReconciliation).toEqual({
      cases: feed.totalToClock,
      childrenCases: julyDistricts,
      unallocatedCases: feed.totalToClock - julyDistricts,
      childrenSimulated: true,
      provenance: { sources: { 'csv-import': 31 }, superseded: {}, corrected: 0 },
    });
    expect(july.covidReconciliation.cases).toBe(july.kpis['covid.new_cases'].value);

    // A period running past the clock: the days reported so far, none of the rows held for later.
    const partial = await get(server, '/api/kpis/period?area=80&from=2021-07-25&to=2021-08-08');
    expect(partial.complete).toBe(false);
    const partialDistricts = await districtsSum('2021-07-25', '2021-08-08');
    expect(partial.covidReconciliation).toMatchObject({
      cases: fileSum('2021-07-25', '2021-08-08'),
      childrenCases: partialDistricts,
      unallocatedCases: fileSum('2021-07-25', '2021-08-08') - partialDistricts,
      provenance: { sources: { 'csv-import': 7 } },
    });

    // June: the province did not report itself, its figure is its districts' sum; nothing to reconcile.
    const june = await get(server, '/api/kpis/period?area=80&from=2021-06-01&to=2021-07-01');
    expect(june.kpis['covid.new_cases'].value).toBeGreaterThan(0);
    expect(june.covidReconciliation).toBe(null);
  });

  it('carries the remainder to date to the public page', async () => {
    const province = await get(server, '/api/kpis?area=80');
    expect(province.covidReconciliation.unallocatedCases).toBe(
      province.covidCumulativeCases - simProvinceCases,
    );
    // A district reports no district below it: nothing to reconcile.
    expect(
      (await get(server, '/api/kpis/period?area=802&from=2021-07-01&to=2021-08-01')).covidReconciliation,
    ).toBe(null);

    const pub = await get(server, '/api/public/covid');
    expect(pub.reconciliation).toEqual({
      cases: province.covidCumulativeCases,
      districtsCases: simProvinceCases,
      unallocatedCases: province.covidCumulativeCases - simProvinceCases,
      districtsSimulated: true,
    });
    expect(pub.province.simulated).toBe(false);
    expect(pub.province.cumulativeCases).toBe(province.covidCumulativeCases);
    expect(pub.districts).toHaveLength(DISTRICTS.length);
    for (const d of pub.districts) expect(d.simulated, d.code).toBe(true);
  });

  it('takes a re-import as all duplicates', async () => {
    const before = await get(server, '/api/kpis?area=80');
    const again = await importCovidCsv(feed.text, { url: server.url, token: TEST_TOKEN });
    expect(again).toMatchObject({ accepted: 0, duplicates: feed.rows - feed.futureRows, serverRejected: [] });
    expect(again.future).toHaveLength(feed.futureRows);
    expect((await get(server, '/api/kpis?area=80')).covidCumulativeCases).toBe(before.covidCumulativeCases);
  });

  it('replaces a corrected row in every figure and keeps both reports in the log', async () => {
    const before = await get(server, '/api/kpis?area=80');
    const oldRow = feed.text.split('\n').find((l) => l.startsWith('2021-07-20'))!;
    const oldCases = Number(oldRow.split(',')[1]);
    const corrected = `date,new_cases\n2021-07-20,${oldCases + 15}\n`;
    const summary = await importCovidCsv(corrected, { url: server.url, token: TEST_TOKEN });
    expect(summary.accepted).toBe(1);
    const after = await get(server, '/api/kpis?area=80');
    expect(after.covidCumulativeCases).toBe(before.covidCumulativeCases + 15);
    expect(after.covidReconciliation.provenance.corrected).toBe(1);
    expect(await series(server, 'covid.new_cases', '80', '2021-07-20', '2021-07-21')).toBe(oldCases + 15);
    const logged = await fetch(
      `${server.url}/api/events?from=2021-07-20T00:00:00%2B07:00&to=2021-07-21T00:00:00%2B07:00&stream=covid&area=80`,
    );
    const lines = (await logged.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((e) => e.area === '80').map((e) => e.newCases)).toEqual([oldCases, oldCases + 15]);
    // Replay folds the same log to the same figures.
    const replayed = await server.app.engine.stateAt(NOW_MS);
    expect(replayed.areas['80']!.covid).toEqual(server.app.engine.state.areas['80']!.covid);
  });

  it('refuses a negative daily count with its reason', async () => {
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          {
            v: PROTOCOL_VERSION,
            id: 'neg-1',
            source: 'csv-import',
            area: '80',
            tsMs: Date.parse('2021-07-21T17:00:00+07:00'),
            stream: 'covid',
            date: '2021-07-21',
            newCases: -12,
            recovered: 0,
            deaths: 0,
            vaccineDoses: 0,
            epidemicLevel: 2,
          },
        ],
      }),
    });
    const report = await res.json();
    expect(report.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });
    expect(JSON.stringify(report.results[0].details)).toMatch(/cannot be negative.*higher revision/);
  });

  it('changes no figure of another stream', async () => {
    expect(await dossierFigures(server)).toEqual(dossiersBefore);
  });
});
