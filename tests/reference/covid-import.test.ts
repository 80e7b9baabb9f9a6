import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionRules } from '../../server/ingest/event-admission';
import { createSimulation } from '../../simulators/plan';
import { importCovidCsv } from '../../sources/import-covid';
import { startTestServer, TEST_TOKEN, type TestServer } from '../integration/support/test-server';

/** The real 2021 feed of the national portal; read from ../shared at run time, never copied. */
const SHARED = process.env.SHARED_DIR ?? path.resolve(import.meta.dirname, '../../../shared');
const CSV = path.join(SHARED, 'reference-data/longan-covid-2021.csv');

/** The default scenario start, 2021-08-01 08:00 Vietnam time, and a clock past the end of 2021. */
const SCENARIO_START_MS = Date.parse('2021-08-01T08:00:00+07:00');
const NEW_YEAR_MS = Date.parse('2022-01-01T08:00:00+07:00');

function feedTotal(text: string, upTo = '9999-12-31'): number {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .filter((line) => line.split(',')[0]! <= upTo)
    .reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
}

/** A default install (real admission rules) whose simulator has sent its COVID reports up to `nowMs`. */
async function installWithSimulator(nowMs: number): Promise<TestServer> {
  const server = await startTestServer({
    clock: { now: () => nowMs, speed: () => 1 },
    admission: admissionRules(),
  });
  const sim = createSimulation({ seed: 2021, sites: [], sensorHistoryFromMs: Infinity });
  const events = sim
    .eventsBetween(Date.parse('2021-04-27T00:00:00+07:00'), nowMs)
    .filter((e) => e.stream === 'covid');
  await server.app.ingest.appendPlanned(events);
  return server;
}

const yearOf = async (server: TestServer, area: string) => {
  const res = await fetch(
    `${server.url}/api/series?metric=covid.new_cases&area=${area}&from=2021-01-01&to=2022-01-01&bucket=year`,
  );
  return ((await res.json()).points[0]?.value ?? 0) as number;
};
const kpis = async (server: TestServer, area: string) =>
  (await fetch(`${server.url}/api/kpis?area=${area}`)).json();

describe('importing the real 2021 COVID feed into a default install, simulator on', () => {
  const text = readFileSync(CSV, 'utf8');

  it('at the scenario start: the feed up to the clock, the rest refused as future and counted', async () => {
    const server = await installWithSimulator(SCENARIO_START_MS);
    try {
      const simulated = (await kpis(server, '80')).covidCumulativeCases;
      expect(simulated).toBe(9_500);
      const summary = await importCovidCsv(text, { url: server.url, token: TEST_TOKEN });
      expect(summary.parseRejected).toEqual([]);
      expect(summary.serverRejected).toEqual([]);
      expect(summary.accepted).toBe(212);
      expect(summary.future).toHaveLength(153);
      expect(summary.future[0]!.event.date).toBe('2021-08-01');
      // The real feed says 5.473 cases up to 31 July; the simulator's districts (calibrated to a press
      // figure) say 9.500: the province shows the feed, the remainder says the difference.
      const province = await kpis(server, '80');
      expect(feedTotal(text, '2021-07-31')).toBe(5_473);
      expect(province.covidCumulativeCases).toBe(5_473);
      expect(await yearOf(server, '80')).toBe(5_473);
      expect(province.covidLastDate).toBe('2021-07-31');
      expect(province.covidReconciliation).toMatchObject({
        childrenCases: 9_500,
        unallocatedCases: 5_473 - 9_500,
        childrenSimulated: true,
      });
    } finally {
      await server.close();
    }
  }, 120_000);

  describe('once the clock has passed the year', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await installWithSimulator(NEW_YEAR_MS);
    }, 120_000);
    afterAll(async () => server?.close());

    it('keeps every good row, and the charts total what the feed says', async () => {
      const summary = await importCovidCsv(text, { url: server.url, token: TEST_TOKEN });
      expect(summary.parseRejected).toEqual([]);
      expect(summary.serverRejected).toEqual([]);
      expect(summary.future).toEqual([]);
      expect(summary.accepted).toBe(365);
      // The published total for 2021 is 40,435 (SOURCE.md); compare windows, not single days (backlogged reports).
      expect(feedTotal(text)).toBe(40_435);
      expect(await yearOf(server, '80')).toBe(40_435);
      expect((await kpis(server, '80')).covidCumulativeCases).toBe(40_435);
      // The districts keep the simulator's figures, labelled so, and are never added to the province's.
      const duc = await kpis(server, '802');
      expect(duc.covidSimulated).toBe(true);
      expect(duc.covidCumulativeCases).toBeGreaterThan(0);
    }, 60_000);

    it('imports the same file again without counting anything twice', async () => {
      const again = await importCovidCsv(text, { url: server.url, token: TEST_TOKEN });
      expect(again.accepted).toBe(0);
      expect(again.duplicates).toBe(365);
      expect(await yearOf(server, '80')).toBe(40_435);
    }, 60_000);
  });
});
