import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSOR_SITES } from '../../geo';
import { vnDateKey, type LoggedEvent, type SeriesResponse } from '../../protocol';
import { OPEN_DATASET_IDS, OpenDataCatalog, type OpenDataset } from '../../protocol/open-data.schema';
import { createSimulation } from '../../simulators/plan';
import { startTestServer, type TestServer } from './support/test-server';

const HISTORY_FROM = Date.parse('2021-07-28T00:00:00+07:00');
const HISTORY_TO = Date.parse('2021-08-06T00:00:00+07:00');
const FROM = '2021-07-28';
const TO = '2021-08-06';

type Row = Record<string, string | number | null>;

/** A minimal RFC 4180 reader: enough for our own output, quoted fields included. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('open datasets against a real server', () => {
  let server: TestServer;
  let catalog: OpenDataCatalog;

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => HISTORY_TO, speed: () => 0 } });
    // Dossiers and COVID over nine days; sensor readings over the last six hours, as the server's backfill does.
    // A few sites of each kind keep the sensor log small (all sites log ~170,000 readings in six hours).
    const sites: (typeof SENSOR_SITES)[number][] = [];
    for (const site of SENSOR_SITES) {
      const same = sites.filter((x) => x.kind === site.kind);
      if (same.length < 3 && !same.some((x) => x.area === site.area)) sites.push(site);
    }
    const sim = createSimulation({
      seed: 5,
      sites,
      sensorHistoryFromMs: HISTORY_TO - 6 * 3600_000,
      historyFromMs: HISTORY_FROM,
    });
    const events = sim.eventsBetween(HISTORY_FROM, HISTORY_TO);
    // Through the ingest service (the path every transport ends in): this test is about what comes out.
    for (let i = 0; i < events.length; i += 5000) {
      const report = await server.app.ingest.ingest(events.slice(i, i + 5000));
      expect(report.rejected).toBe(0);
    }
    const res = await fetch(`${server.url}/api/open/catalog.json`);
    expect(res.status).toBe(200);
    catalog = OpenDataCatalog.parse(await res.json());
  });
  afterAll(async () => {
    await server?.close();
  });

  const download = async (d: OpenDataset, format: 'CSV' | 'JSON', query = `?from=${FROM}&to=${TO}`) => {
    const url = d.distribution.find((x) => x.format === format)!.downloadURL;
    expect(url.startsWith(server.url)).toBe(true);
    const res = await fetch(url + query);
    expect(res.status, url).toBe(200);
    return res;
  };

  it('lists every dataset with bilingual text, licence, coverage and a dictionary', () => {
    expect(catalog.dataset.map((d) => d.identifier)).toEqual([...OPEN_DATASET_IDS]);
    for (const d of catalog.dataset) {
      expect(d.i18n.title.vi).not.toBe(d.i18n.title.en);
      expect(d.temporal, d.identifier).toMatch(/^2021-\d\d-\d\d\/2021-\d\d-\d\d$/);
      expect(d.accrualPeriodicity).toBe('R/P1D');
      expect(d.license).toMatch(/^https:\/\//);
      expect(
        d.columns.some((c) => c.seriesMetric),
        d.identifier,
      ).toBe(true);
    }
  });

  it.each(OPEN_DATASET_IDS)('%s: CSV and JSON carry the dictionary columns and the same rows', async (id) => {
    const d = catalog.dataset.find((x) => x.identifier === id)!;
    const names = d.columns.map((c) => c.name);
    const csvRes = await download(d, 'CSV');
    expect(csvRes.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...csv] = parseCsv(await csvRes.text());
    expect(header).toEqual(names);
    const json = (await (await download(d, 'JSON')).json()) as Row[];
    expect(json.length).toBeGreaterThan(0);
    expect(json.length).toBe(csv.length);
    json.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(names);
      d.columns.forEach((c, j) => {
        const v = row[c.name];
        if (v === null) return expect(c.nullable, `${c.name} is null`).toBe(true);
        if (c.type === 'date') expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (c.type === 'integer') expect(Number.isInteger(v)).toBe(true);
        if (c.type === 'number') expect(typeof v).toBe('number');
        if (c.type === 'string') expect(typeof v).toBe('string');
        expect(csv[i]![j]).toBe(String(v));
      });
      expect(row.date! >= FROM && row.date! < TO).toBe(true);
    });
  });

  const seriesTotal = async (metric: string, area: string) => {
    const res = await fetch(`${server.url}/api/series?metric=${metric}&area=${area}&from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as SeriesResponse).points.reduce((a, p) => a + (p.value ?? 0), 0);
  };

  it.each(OPEN_DATASET_IDS)('%s: totals per area equal /api/series over the same period', async (id) => {
    const d = catalog.dataset.find((x) => x.identifier === id)!;
    const rows = (await (await download(d, 'JSON')).json()) as Row[];
    const areas = [...new Set(rows.map((r) => String(r.area_code)))];
    expect(areas.length).toBeGreaterThan(1);
    for (const c of d.columns.filter((x) => x.seriesMetric)) {
      const sum = (rs: Row[]) => rs.reduce((a, r) => a + Number(r[c.name]), 0);
      for (const area of areas)
        expect(sum(rows.filter((r) => r.area_code === area)), `${c.name} in ${area}`).toBe(
          await seriesTotal(c.seriesMetric!, area),
        );
      // Every event is in a district, so the districts add up to the province.
      expect(sum(rows), `${c.name} in 80`).toBe(await seriesTotal(c.seriesMetric!, '80'));
    }
  });

  it('splits dossiers by channel exactly as the per-channel series', async () => {
    const d = catalog.dataset.find((x) => x.identifier === 'dossiers-by-district-channel')!;
    const rows = (await (await download(d, 'JSON')).json()) as Row[];
    const channel = (ch: string) =>
      rows
        .filter((r) => r.channel === ch && r.area_code === '803')
        .reduce((a, r) => a + Number(r.submitted), 0);
    expect(channel('online')).toBe(await seriesTotal('dossier.online_submitted', '803'));
    expect(channel('postal')).toBe(await seriesTotal('dossier.postal_submitted', '803'));
    expect(channel('online')).toBeGreaterThan(0);
  });

  it('on-time rate rows equal the daily series of the rate', async () => {
    const d = catalog.dataset.find((x) => x.identifier === 'dossier-on-time-by-district')!;
    const rows = (await (await download(d, 'JSON')).json()) as Row[];
    const res = await fetch(
      `${server.url}/api/series?metric=dossier.on_time_rate&area=794&from=${FROM}&to=${TO}`,
    );
    const points = ((await res.json()) as SeriesResponse).points.filter((p) => p.value !== null);
    const mine = rows.filter((r) => r.area_code === '794');
    expect(mine.map((r) => r.date)).toEqual(points.map((p) => p.t.slice(0, 10)));
    mine.forEach((r, i) => expect(r.on_time_rate).toBeCloseTo(points[i]!.value!, 4));
  });

  it.each(['air-quality-by-site', 'water-level-by-site'])(
    '%s: each row summarises exactly that site and day of the logged readings',
    async (id) => {
      const d = catalog.dataset.find((x) => x.identifier === id)!;
      const rows = (await (await download(d, 'JSON')).json()) as Row[];
      const kinds = new Set(rows.map((r) => r.kind));
      // Recomputed here from the log itself, not from the aggregate the dataset reads.
      const res = await fetch(`${server.url}/api/events?stream=sensor&from=${FROM}&to=${TO}`);
      const want = new Map<string, { n: number; sum: number; min: number; max: number }>();
      for (const line of (await res.text()).trim().split('\n')) {
        const e = JSON.parse(line) as LoggedEvent;
        if (e.stream !== 'sensor' || !kinds.has(e.kind)) continue;
        const key = `${vnDateKey(e.tsMs)}|${e.siteId}|${e.kind}`;
        const w = want.get(key) ?? { n: 0, sum: 0, min: Infinity, max: -Infinity };
        want.set(key, {
          n: w.n + 1,
          sum: w.sum + e.value,
          min: Math.min(w.min, e.value),
          max: Math.max(w.max, e.value),
        });
      }
      expect(rows.length).toBe(want.size);
      for (const r of rows) {
        const w = want.get(`${r.date}|${r.site_id}|${r.kind}`)!;
        expect(w, `${r.date} ${r.site_id}`).toBeDefined();
        expect(r.readings).toBe(w.n);
        expect(r.mean).toBeCloseTo(w.sum / w.n, 4);
        expect([r.min, r.max]).toEqual([w.min, w.max]);
      }
    },
  );

  it('keeps only the days of [from, to) and refuses bad queries with JSON errors', async () => {
    const d = catalog.dataset.find((x) => x.identifier === 'covid-by-district')!;
    const rows = (await (await download(d, 'JSON', '?from=2021-08-01&to=2021-08-03')).json()) as Row[];
    expect([...new Set(rows.map((r) => r.date))]).toEqual(['2021-08-01', '2021-08-02']);
    const bad = await fetch(`${server.url}/api/open/datasets/covid-by-district.csv?from=2021-13-01`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_query');
    const unknown = await fetch(`${server.url}/api/open/datasets/people.csv`);
    expect(unknown.status).toBe(404);
  });
});
