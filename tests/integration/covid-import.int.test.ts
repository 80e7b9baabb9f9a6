import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCovidCsv } from '../../sources/import-covid';
import { startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';

describe('COVID CSV import through the ingest API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('reports bad rows by line and keeps the good ones', async () => {
    const bad = 'date,new_cases,area\n2022-01-01,5,802\n2022-01-02,minus three,802\n2022-01-03,7,999\n';
    const summary = await importCovidCsv(bad, { url: server.url, token: TEST_TOKEN, source: 'csv-bad' });
    expect(summary.accepted).toBe(1);
    expect(summary.parseRejected.map((r) => r.line).sort()).toEqual([3, 4]);
  });

  it('shows the imported cases in the series and the KPIs of the district and the province', async () => {
    const csv = 'date,new_cases,cumulative_cases,area\n2021-08-01,10,10,807\n2021-08-02,4,14,807\n';
    const summary = await importCovidCsv(csv, { url: server.url, token: TEST_TOKEN });
    expect(summary).toMatchObject({ accepted: 2, parseRejected: [], serverRejected: [] });
    const q = 'metric=covid.new_cases&from=2021-08-01&to=2021-08-03&bucket=day';
    for (const area of ['807', '80']) {
      const series = await (await fetch(`${server.url}/api/series?${q}&area=${area}`)).json();
      expect(series.points.map((p: { value: number }) => p.value)).toEqual([10, 4]);
    }
    const kpis = await (await fetch(`${server.url}/api/kpis?area=807`)).json();
    expect(kpis).toMatchObject({ covidCumulativeCases: 14, covidLastDate: '2021-08-02' });
  });
});
