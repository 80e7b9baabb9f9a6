import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICTS_2021, SENSOR_SITES } from '../../geo';
import {
  PERIOD_METRICS,
  type DeadlineKpis,
  type IocEvent,
  type LoggedEvent,
  type PeriodKpisResponse,
  type RankingResponse,
  type ReviewReferenceResponse,
  type SeriesResponse,
} from '../../protocol';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';

const HISTORY_FROM = Date.parse('2021-07-25T00:00:00+07:00');
const HISTORY_TO = Date.parse('2021-08-12T00:00:00+07:00');
const NOW = Date.parse('2021-08-20T09:00:00+07:00');
const FROM = '2021-08-01';
const TO = '2021-08-11';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

describe('review endpoints against a real server', () => {
  let server: TestServer;
  let events: IocEvent[];

  beforeAll(async () => {
    server = await startTestServer({ clock: { now: () => NOW, speed: () => 0 } });
    // Dossier and COVID history only: sensors start after the window, as the server's own backfill does.
    const sim = createSimulation({
      seed: 11,
      sites: SENSOR_SITES,
      sensorHistoryFromMs: HISTORY_TO,
      historyFromMs: HISTORY_FROM,
    });
    events = sim.eventsBetween(HISTORY_FROM, HISTORY_TO);
    // Sent the way a source sends, over the /ingest namespace, in messages of a few thousand events.
    const source = await connectIngest(server.url, TEST_TOKEN);
    let accepted = 0;
    for (let i = 0; i < events.length; i += 2000)
      accepted += (await source.send(events.slice(i, i + 2000))).accepted;
    source.close();
    expect(accepted).toBe(events.length);
  });
  afterAll(async () => {
    await server?.close();
  });

  const series = (metric: string, area: string) =>
    getJson<SeriesResponse>(
      `${server.url}/api/series?metric=${metric}&area=${area}&from=${FROM}&to=${TO}&bucket=day`,
    );
  const sum = (s: SeriesResponse) => s.points.reduce((a, p) => a + (p.value ?? 0), 0);

  it.each(['80', '794'])('period totals of area %s are the sums of /api/series', async (area) => {
    const period = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?area=${area}&from=${FROM}&to=${TO}`,
    );
    expect(Object.keys(period.kpis)).toEqual([...PERIOD_METRICS]);
    expect(period.kpis['dossier.online_submitted'].value).toBeGreaterThan(100);
    for (const name of PERIOD_METRICS) {
      if (period.kpis[name].denominator !== null) continue;
      expect(period.kpis[name].value, name).toBe(sum(await series(name, area)));
    }
    const online = sum(await series('dossier.online_submitted', area));
    const all = sum(await series('dossier.submitted', area));
    expect(period.kpis['dossier.online_share'].value).toBeCloseTo(online / all, 12);
  });

  it('traces each figure to the events behind it', async () => {
    const period = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?area=794&from=${FROM}&to=${TO}`,
    );
    const res = await fetch(`${server.url}/api/events?from=${FROM}&to=${TO}&stream=dossier&area=794`);
    const logged = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LoggedEvent);
    const online = logged.filter(
      (e) => e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'online',
    );
    const p = period.kpis['dossier.online_submitted'].provenance;
    expect(p).toMatchObject({ metric: 'dossier.online_submitted', stream: 'dossier', events: online.length });
    expect(p.lastEventTsMs).toBe(Math.max(...online.map((e) => e.tsMs)));
    expect(p.formula).toMatch(/channel = online/);
    expect(period.kpis['covid.new_cases'].provenance.events).toBe(10);
  });

  it('counts open dossiers by deadline the way a plain replay of the log does', async () => {
    const asOf = Date.parse(`${TO}T00:00:00+07:00`);
    const deadlines = await getJson<DeadlineKpis>(`${server.url}/api/kpis/deadlines?area=80&at=${TO}`);
    const open = new Map<string, number>();
    for (const e of events) {
      if (e.stream !== 'dossier' || e.tsMs >= asOf) continue;
      if (e.action === 'submitted') open.set(e.dossierCode, e.dueMs);
      if (e.action === 'resolved') open.delete(e.dossierCode);
    }
    const dues = [...open.values()];
    expect(deadlines.asOfMs).toBe(asOf);
    expect(deadlines.overdueOpen).toBe(dues.filter((d) => d < asOf).length);
    expect(deadlines.dueSoon).toBe(dues.filter((d) => d >= asOf && d < asOf + 2 * 86_400_000).length);
    expect(deadlines.dueSoon).toBeGreaterThan(0);
    // A period that has not ended yet is counted at the server's now.
    const now = await getJson<DeadlineKpis>(`${server.url}/api/kpis/deadlines?area=80&at=2030-01-01`);
    expect(now.asOfMs).toBe(NOW);
  });

  it('ranks the districts, whose counts add up to the province', async () => {
    const ranking = await getJson<RankingResponse>(
      `${server.url}/api/ranking?metric=dossier.online_submitted&from=${FROM}&to=${TO}`,
    );
    expect(ranking.rows).toHaveLength(DISTRICTS_2021.length);
    const values = ranking.rows.map((r) => r.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(ranking.rows.map((r) => r.rank)).toEqual(ranking.rows.map((_, i) => i + 1));
    expect(values.reduce((a, b) => a + b, 0)).toBe(sum(await series('dossier.online_submitted', '80')));
  });

  it('buckets a week from Monday to Sunday: its count is the sum of its days, its share their ratio', async () => {
    const q = (metric: string, bucket: string) =>
      getJson<SeriesResponse>(
        `${server.url}/api/series?metric=${metric}&area=80&from=${FROM}&to=${TO}&bucket=${bucket}`,
      );
    const [weeks, days, postal, postalDays] = await Promise.all([
      q('dossier.submitted', 'week'),
      q('dossier.submitted', 'day'),
      q('dossier.postal_share', 'week'),
      q('dossier.postal_submitted', 'day'),
    ]);
    expect(weeks.bucket).toBe('week');
    for (const w of weeks.points) {
      // Every bucket starts on a Monday at 00:00 Vietnam time.
      expect(new Date(Date.parse(w.t) + 7 * 3_600_000).getUTCDay(), w.t).toBe(1);
      expect(w.t.slice(11, 19)).toBe('00:00:00');
    }
    const week = weeks.points.find((w) => w.t.slice(0, 10) >= FROM)!;
    const end = new Date(Date.parse(`${week.t.slice(0, 10)}T00:00:00Z`) + 7 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const inWeek = (p: { t: string }) => p.t.slice(0, 10) >= week.t.slice(0, 10) && p.t.slice(0, 10) < end;
    const submitted = days.points.filter(inWeek).reduce((a, p) => a + (p.value ?? 0), 0);
    expect(week.value).toBe(submitted);
    const byPost = postalDays.points.filter(inWeek).reduce((a, p) => a + (p.value ?? 0), 0);
    expect(postal.points.find((p) => p.t === week.t)!.value).toBeCloseTo(byPost / submitted, 12);
  });

  it('serves the catalogue only up to the current year, and the PAR INDEX reference', async () => {
    const ref = await getJson<ReviewReferenceResponse>(`${server.url}/api/review/reference`);
    expect(ref.catalogue.map((c) => c.year)).toEqual([2019, 2020, 2021]);
    expect(ref.catalogue[2]).toEqual({
      year: 2021,
      total: 1860,
      level3: 161,
      level4: 1421,
      eligibleLevel4: 1421,
    });
    expect(ref.level4Targets).toMatchObject([
      { year: 2021, share: 0.35 },
      { year: 2025, share: 1 },
    ]);
    expect(ref.parIndex).toMatchObject({ score: 0.8625, rank: 7, of: 63 });
  });

  it('says whether a period is complete or to date, and up to when', async () => {
    const done = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?area=80&from=${FROM}&to=${TO}`,
    );
    expect(done).toMatchObject({ complete: true, asOf: '2021-08-11T00:00:00+07:00' });
    // August at the server's now (20/08 09:00) is in progress: to date, up to now.
    const aug = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?area=80&from=2021-08-01&to=2021-09-01`,
    );
    expect(aug).toMatchObject({ complete: false, asOf: '2021-08-20T09:00:00+07:00' });
    const months = await getJson<SeriesResponse>(
      `${server.url}/api/series?metric=dossier.online_submitted&area=80&from=2021-07-01&to=2021-10-01&bucket=month`,
    );
    expect(months.asOf).toBe('2021-08-20T09:00:00+07:00');
    expect(months.points.map((p) => p.complete)).toEqual([true, false, false]);
    // September has not begun: no value, rather than a fall to 0.
    expect(months.points[2]!.value).toBeNull();
  });

  it('counts a span cut at a clock time exactly, as a like-for-like comparison asks', async () => {
    const from = '2021-08-01T00:00:00+07:00';
    const to = '2021-08-05T08:00:00+07:00';
    const cut = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?${new URLSearchParams({ area: '80', from, to })}`,
    );
    const [fromMs, toMs] = [Date.parse(from), Date.parse(to)];
    const expected = events.filter(
      (e) => e.stream === 'dossier' && e.action === 'submitted' && e.tsMs >= fromMs && e.tsMs < toMs,
    ).length;
    expect(cut.kpis['dossier.submitted'].value).toBe(expected);
    // Less than the whole of 5 August: the day after 08:00 is not counted.
    const whole = await getJson<PeriodKpisResponse>(
      `${server.url}/api/kpis/period?area=80&from=2021-08-01&to=2021-08-06`,
    );
    expect(cut.kpis['dossier.submitted'].value).toBeLessThan(whole.kpis['dossier.submitted'].value!);
  });

  it('answers bad queries with JSON errors', async () => {
    const bad = await fetch(`${server.url}/api/kpis/period?area=80&from=${TO}&to=${FROM}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_query' });
    const unknown = await fetch(`${server.url}/api/ranking?metric=nope&from=${FROM}&to=${TO}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_metric' });
    const area = await fetch(`${server.url}/api/kpis/period?area=999&from=${FROM}&to=${TO}`);
    expect(area.status).toBe(404);
  });
});
