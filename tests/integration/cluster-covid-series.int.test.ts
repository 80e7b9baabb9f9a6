import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vnDateKey, type IocEvent } from '../../protocol';
import { importCovidCsv } from '../../sources/import-covid';
import { createSimulation } from '../../simulators/plan';
import { startClusterNode, type ClusterNode } from './support/cluster-node';
import { freshSchema, REDIS_URL } from './support/services';
import { TEST_TOKEN } from './support/test-server';

/** The cluster nodes' clock (support/cluster-node.ts): 2021-08-02 17:00 Vietnam time. */
const NOW_MS = Date.UTC(2021, 7, 2, 10);
const METRICS = [
  'covid.new_cases',
  'covid.recovered',
  'covid.deaths',
  'covid.vaccine_doses',
  'covid.reports',
];
const AREAS = ['80', '794', '802', '807'];

/** A province-level daily feed for July 2021, with the total it states. */
function julyFeed(): { text: string; total: number } {
  const lines = ['date,new_cases'];
  let total = 0;
  for (let d = 1; d <= 31; d++) {
    const n = 40 + ((d * 53) % 120);
    total += n;
    lines.push(`2021-07-${String(d).padStart(2, '0')},${n}`);
  }
  return { text: lines.join('\n') + '\n', total };
}

const simulatedCovid = (): IocEvent[] =>
  createSimulation({ seed: 2021, sites: [], sensorHistoryFromMs: Infinity })
    .eventsBetween(Date.parse('2021-06-01T00:00:00+07:00'), NOW_MS)
    .filter((e) => e.stream === 'covid');

async function seriesOf(url: string, metric: string, area: string, from: string, to: string) {
  const res = await fetch(`${url}/api/series?metric=${metric}&area=${area}&from=${from}&to=${to}&bucket=day`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { points: { t: string; value: number | null }[] }).points;
}

/** Every COVID series of the areas over June–July, by metric and area, as one node serves them. */
async function allSeries(url: string) {
  const out: Record<string, unknown> = {};
  for (const metric of METRICS)
    for (const area of AREAS)
      out[`${metric} ${area}`] = await seriesOf(url, metric, area, '2021-06-01', '2021-08-03');
  return out;
}

const sum = (points: { value: number | null }[]) => points.reduce((a, p) => a + (p.value ?? 0), 0);

/** Waits until a node's engine has taken every event of the shared log. */
async function caughtUp(node: ClusterNode): Promise<void> {
  const last = await node.store.lastSeq();
  for (let i = 0; i < 200 && node.app.engine.state.seq < last; i++)
    await new Promise((r) => setTimeout(r, 25));
  expect(node.app.engine.state.seq).toBe(last);
}

describe('COVID series on two nodes of one PostgreSQL log (issue 17, scale path)', () => {
  let nodes: ClusterNode[];
  let dropSchema: () => Promise<void>;
  let redisPrefix = '';
  let schema = '';

  beforeEach(async () => {
    const s = await freshSchema();
    schema = s.schema;
    dropSchema = s.drop;
    redisPrefix = `t-${s.schema}`;
    nodes = [
      await startClusterNode({ schema: s.schema, redisPrefix }),
      await startClusterNode({ schema: s.schema, redisPrefix }),
    ];
  });
  afterEach(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await dropSchema();
    const redis = await createClient({ url: REDIS_URL }).connect();
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  it('serves on the second node the series of the first after a province import beside the simulator', async () => {
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const feed = julyFeed();
    // The simulator's districts through node A, the province's real feed through node B.
    expect((await a.app.ingest.appendPlanned(simulatedCovid())).rejected).toBe(0);
    await caughtUp(b);
    const summary = await importCovidCsv(feed.text, { url: b.url, token: TEST_TOKEN });
    expect(summary).toMatchObject({ accepted: 31, serverRejected: [], parseRejected: [] });
    await caughtUp(a);

    const onA = await allSeries(a.url);
    expect(await allSeries(b.url)).toEqual(onA);
    // The province's July is the file's, on either node; June is its districts' sum.
    const july = await seriesOf(a.url, 'covid.new_cases', '80', '2021-07-01', '2021-08-01');
    expect(sum(july)).toBe(feed.total);
    // And the series agree with each node's live state: what one node would serve.
    for (const node of [a, b]) {
      const year = await seriesOf(node.url, 'covid.new_cases', '80', '2021-01-01', '2022-01-01');
      expect(sum(year)).toBe(node.app.engine.state.areas['80']!.covid.cumulativeCases);
    }
  });

  it('keeps the series right when a node appends before it has heard of the other node’s reports', async () => {
    const a = nodes[0]!;
    // A third node hears of node A's appends only after a while; meanwhile its live state (and ledger) lag the log.
    const slow = await startClusterNode({ schema, redisPrefix, notifyDelayMs: 1500 });
    nodes.push(slow);
    // The node also polls the log every 2 s: should a poll catch it up in between, the next day is tried.
    let day = '';
    for (const candidate of ['2021-07-28', '2021-07-29', '2021-07-30']) {
      const districts = simulatedCovid().filter((e) => e.stream === 'covid' && e.date === candidate);
      expect(districts.length).toBeGreaterThan(5);
      expect((await a.app.ingest.appendPlanned(districts)).rejected).toBe(0);
      if (slow.app.engine.state.seq >= (await a.store.lastSeq())) continue;
      // At once, before the slow node has taken them: the province's own report of the same day, through the slow node.
      const summary = await importCovidCsv(`date,new_cases\n${candidate},450\n`, {
        url: slow.url,
        token: TEST_TOKEN,
      });
      expect(summary.accepted).toBe(1);
      day = candidate;
      break;
    }
    expect(day).not.toBe('');
    await caughtUp(a);
    await caughtUp(slow);
    expect(slow.app.engine.state.areas).toEqual(a.app.engine.state.areas);
    expect(a.app.engine.state.areas['80']!.daily[day]!.covidNewCases).toBe(450);

    const onA = await allSeries(a.url);
    expect(await allSeries(slow.url)).toEqual(onA);
    const point = async (url: string, area: string) =>
      sum(
        await seriesOf(
          url,
          'covid.new_cases',
          area,
          day,
          vnDateKey(Date.parse(`${day}T12:00:00+07:00`) + 86_400_000),
        ),
      );
    // The province's own report, never it plus its districts; the districts' own figures as the state has them.
    for (const node of [a, slow]) {
      expect(await point(node.url, '80')).toBe(450);
      for (const c of ['802', '807'])
        expect(await point(node.url, c), c).toBe(a.app.engine.state.areas[c]!.daily[day]!.covidNewCases);
    }
  });
});
