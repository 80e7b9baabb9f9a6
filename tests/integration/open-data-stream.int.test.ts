import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS_2021 } from '../../geo';
import { PROTOCOL_VERSION, type IocEvent, type MetricName } from '../../protocol';
import type { DailyAggregateRow } from '../../server/store/event-store';
import type { SiteDailyRow } from '../../server/store/site-daily';
import { startTestServer, type TestServer } from './support/test-server';

const FROM = '2019-01-01';
const TO = '2022-01-01';
const DAYS = 1096;
const METRICS: MetricName[] = ['dossier.submitted', 'dossier.online_submitted', 'dossier.postal_submitted'];
const SITES = ['stream-test-a', 'stream-test-b'];
const dayOf = (d: number) => new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10);

describe('a three-year open-data download', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    // Three years of daily aggregates for every district, written as the ingest transaction writes them.
    const rows: DailyAggregateRow[] = [];
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(Date.UTC(2019, 0, 1 + d)).toISOString().slice(0, 10);
      for (const { code } of DISTRICTS_2021)
        rows.push(
          { metric: METRICS[0]!, area: code, day, value: 10, weight: 0 },
          { metric: METRICS[1]!, area: code, day, value: 6, weight: 0 },
          { metric: METRICS[2]!, area: code, day, value: 1, weight: 0 },
        );
    }
    const marker: IocEvent = {
      v: PROTOCOL_VERSION,
      id: 'open-data-stream-seed',
      source: 'test',
      stream: 'covid',
      area: '794',
      tsMs: Date.UTC(2019, 0, 1),
      date: FROM,
      newCases: 0,
      recovered: 0,
      deaths: 0,
      vaccineDoses: 0,
      epidemicLevel: 1,
    };
    await server.store.append([marker], () => rows);
    // Three years of water-level readings, two a day at each of two sites: site_daily is kept at append.
    const readings: IocEvent[] = [];
    for (let d = 0; d < DAYS; d++)
      for (const [i, siteId] of SITES.entries())
        for (const hour of [2, 14])
          readings.push({
            v: PROTOCOL_VERSION,
            id: `${siteId}:${d}:${hour}`,
            source: 'test',
            stream: 'sensor',
            area: '794',
            tsMs: Date.parse(`${dayOf(d)}T${String(hour).padStart(2, '0')}:00:00+07:00`),
            siteId,
            kind: 'water_level',
            value: 1 + i + (hour === 2 ? 0.25 : 0.75),
            unit: 'm',
            lonLat: [106.41, 10.54],
          });
    for (let i = 0; i < readings.length; i += 2000) await server.store.append(readings.slice(i, i + 2000));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('sends its first bytes while the later months are not even read, and holds one month at a time', async () => {
    // The store answers the first month's reads, then waits until the test has received bytes. A server that
    // built the whole file before sending would wait forever here, and the test would fail on its timeout.
    const perMonth = DISTRICTS_2021.length * METRICS.length;
    const real = server.store.dailyAggregates.bind(server.store);
    let reads = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    server.store.dailyAggregates = async (...args) => {
      if (++reads > perMonth) await gate;
      return real(...args);
    };

    const res = await fetch(
      `${server.url}/api/open/datasets/dossiers-by-district-channel.csv?from=${FROM}&to=${TO}`,
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // Only January 2019 has been read, and the read of February is the one held at the gate.
    expect(reads).toBe(perMonth + 1);
    const firstText = new TextDecoder().decode(first.value);
    expect(firstText.startsWith('date,area_code,area_name,channel,submitted\r\n2019-01-01,')).toBe(true);

    open();
    let bytes = first.value!.length;
    let lines = firstText.split('\n').length - 1;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 10) lines++;
    }
    expect(lines).toBe(1 + DAYS * DISTRICTS_2021.length * 3);
    expect(reads).toBe(36 * perMonth);
    // The first chunk was a small fraction of a response that is megabytes long.
    expect(first.value!.length * 20).toBeLessThan(bytes);
  });

  it('streams a site dataset the same way, one month of site_daily at a time', async () => {
    // Two sites make ~60 rows a month, so the 32 KB write buffer fills within a year: the reads of the second
    // year wait until the first bytes have arrived. A server that built the file first would never send them.
    const real = server.store.siteDaily.bind(server.store);
    const asked: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    server.store.siteDaily = async (kinds, fromDay, toDay): Promise<SiteDailyRow[]> => {
      asked.push(`${fromDay}/${toDay}`);
      if (asked.length > 12) await gate;
      return real(kinds, fromDay, toDay);
    };
    try {
      const res = await fetch(
        `${server.url}/api/open/datasets/water-level-by-site.csv?from=${FROM}&to=${TO}`,
      );
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(asked.slice(0, 2)).toEqual(['2019-01-01/2019-02-01', '2019-02-01/2019-03-01']);
      expect(asked).toHaveLength(13);
      const firstText = new TextDecoder().decode(first.value);
      // Mean, min and max of the day's two readings (1.25 and 1.75 at site a), from the aggregate.
      expect(firstText).toMatch(
        /^date,site_id,area_code,lon,lat,kind,unit,readings,mean,min,max\r\n2019-01-01,stream-test-a,794,106.41,10.54,water_level,m,2,1.5,1.25,1.75\r\n/,
      );
      open();
      let lines = firstText.split('\n').length - 1;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const b of value) if (b === 10) lines++;
      }
      expect(lines).toBe(1 + DAYS * SITES.length);
      expect(asked).toHaveLength(36);
    } finally {
      open();
      server.store.siteDaily = real;
    }
  });
});
