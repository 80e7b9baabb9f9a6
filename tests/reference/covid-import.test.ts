import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCovidCsv } from '../../sources/import-covid';
import { startTestServer, TEST_TOKEN, type TestServer } from '../integration/support/test-server';

/** The real 2021 feed of the national portal; read from ../shared at run time, never copied. */
const SHARED = process.env.SHARED_DIR ?? path.resolve(import.meta.dirname, '../../../shared');
const CSV = path.join(SHARED, 'reference-data/longan-covid-2021.csv');

describe('importing the real 2021 COVID feed', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('keeps every good row, and the charts total what the feed says', async () => {
    const text = readFileSync(CSV, 'utf8');
    const expectedTotal = text
      .trim()
      .split('\n')
      .slice(1)
      .reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
    const summary = await importCovidCsv(text, { url: server.url, token: TEST_TOKEN });
    expect(summary.parseRejected).toEqual([]);
    expect(summary.serverRejected).toEqual([]);
    expect(summary.accepted).toBe(365);

    const res = await fetch(
      `${server.url}/api/series?metric=covid.new_cases&area=80&from=2021-01-01&to=2022-01-01&bucket=year`,
    );
    const series = await res.json();
    // Whether the year reads complete depends on the test server's clock, not on the import.
    expect(series.points.map(({ t, value }: { t: string; value: number }) => ({ t, value }))).toEqual([
      { t: '2021-01-01T00:00:00+07:00', value: expectedTotal },
    ]);
    // The published total for 2021 is 40,435 (SOURCE.md); compare windows, not single days (backlogged reports).
    expect(expectedTotal).toBe(40_435);
    const kpis = await (await fetch(`${server.url}/api/kpis?area=80`)).json();
    expect(kpis.covidCumulativeCases).toBe(expectedTotal);
  });

  it('imports the same file again without counting anything twice', async () => {
    const again = await importCovidCsv(readFileSync(CSV, 'utf8'), { url: server.url, token: TEST_TOKEN });
    expect(again.accepted).toBe(0);
    expect(again.duplicates).toBe(365);
  });
});
