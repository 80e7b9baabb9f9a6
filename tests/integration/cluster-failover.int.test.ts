import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import type { IngestItemResult, IngestReport, IocEvent } from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { connectFailoverDashboard, type FailoverDashboard } from './support/failover-dashboard';
import { startNodeProcess, type NodeProcess } from './support/node-process';
import { freshSchema, PG_URL, REDIS_URL, requireService } from './support/services';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const TOKEN = 'failover-token-0123456789';
const SIM_SEED = 11;
const SIM_START = Date.parse('2021-08-01T08:00:00+07:00');
/** Two scenario minutes of history (about a thousand events) keep the first node's start-up short. */
const SIM_HISTORY_FROM = SIM_START - 2 * 60_000;
/** What server/scenario.ts gives the simulation: sensor readings from six hours before the start. */
const SENSOR_HISTORY_MS = 6 * 3600_000;
/** The bound, measured from the kill. */
const FAILOVER_BOUND_MS = 10_000;
const GATEWAY = 'gw-failover';

/** A gateway's events, of its own source, stamped on another day than the scenario's. */
function gatewayEvents(): IocEvent[] {
  const from = Date.parse('2021-08-03T08:00:00+07:00');
  const sim = createSimulation({ seed: 99, sites: SENSOR_SITES, sensorHistoryFromMs: from });
  return sim
    .eventsBetween(from, from + 2 * 60_000)
    .slice(0, 600)
    .map((e) => ({ ...e, source: GATEWAY }));
}

async function post(url: string, events: IocEvent[]): Promise<IngestReport> {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`ingest answered ${res.status}`);
  return (await res.json()) as IngestReport;
}

/** The node's `ioc_scenario_lease_held` gauge. */
async function leaseHeld(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('ioc_scenario_lease_held '));
  return Number(line?.split(' ')[1]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 of a node in a two-node cluster', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  it('moves its dashboard to the other node within 10 s with every seq once, and the scenario survives', async () => {
    await requireService('Redis', REDIS_URL);
    const { schema, drop } = await freshSchema();
    const prefix = `t-${schema}`;
    cleanups.push(drop, async () => {
      const redis = await createClient({ url: REDIS_URL }).connect();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(keys);
      await redis.quit();
    });
    const db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    cleanups.push(() => db.end());
    const query = async <T extends pg.QueryResultRow>(sql: string) =>
      (await db.query<T>(sql.replaceAll('$schema', `"${schema}"`))).rows;

    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      MQTT_URL: '',
      SIM: 'on',
      SIM_SEED: String(SIM_SEED),
      SIM_START: new Date(SIM_START).toISOString(),
      SIM_HISTORY_FROM: new Date(SIM_HISTORY_FROM).toISOString(),
      // About 25 simulated events a second: the scenario visibly runs on whichever node holds the lease.
      SIM_SPEED: '3',
      INGEST_TOKENS: TOKEN,
      BATCH_WINDOW_MS: '100',
      // The gateway's readings are dated two days after the scenario's clock, apart from its own events.
      EVENT_FUTURE_TOLERANCE_MS: String(30 * 86_400_000),
    };
    // A first, so it takes the scenario lease and runs the backfill; B starts as a follower.
    const a: NodeProcess = await startNodeProcess(env);
    cleanups.push(() => a.kill9());
    await a.printed(/scenario lease taken/);
    const b: NodeProcess = await startNodeProcess(env);
    cleanups.push(() => b.stop());
    expect(b.output()).toMatch(/following the node that holds the scenario lease/);
    expect([await leaseHeld(a.url), await leaseHeld(b.url)]).toEqual([1, 0]);

    // The browser's load balancer gives it A first, B when A is gone.
    const dash: FailoverDashboard = await connectFailoverDashboard([a.url, b.url], rollup);
    cleanups.push(async () => dash.close());
    expect(dash.connectedTo()).toBe(a.url);

    // A gateway posts to A and, when A stops answering, to B, re-sending the batch it had no answer for.
    const gateway = gatewayEvents();
    const acks: { url: string; batch: IocEvent[]; results: IngestItemResult[] }[] = [];
    let target = a.url;
    const sending = (async () => {
      for (let i = 0; i < gateway.length; i += 10) {
        const batch = gateway.slice(i, i + 10);
        for (;;) {
          try {
            const report = await post(target, batch);
            acks.push({ url: target, batch, results: report.results });
            break;
          } catch {
            target = b.url;
            await sleep(100);
          }
        }
        await sleep(40);
      }
    })();

    await dash.until(() => acks.length >= 15 && dash.applied.length > 200, 20_000, 'ingest under way on A');
    const killedAt = Date.now();
    await a.kill9();
    // Nothing but B writes from here on: what lies above this head was written after A's death.
    const headAtDeath = Number((await query<{ seq: string }>('SELECT seq FROM $schema.log_head'))[0]!.seq);

    await dash.until(
      () => dash.batches.some((x) => x.url === b.url && x.events > 0),
      FAILOVER_BOUND_MS,
      'a batch from node B',
    );
    const firstFromB = dash.batches.find((x) => x.url === b.url && x.events > 0)!;
    expect(firstFromB.atMs - killedAt).toBeLessThan(FAILOVER_BOUND_MS);
    expect(dash.connectedTo()).toBe(b.url);
    const takenAt = await b.printed(/scenario lease taken/);
    expect(takenAt - killedAt).toBeLessThan(5_000);
    expect(await leaseHeld(b.url)).toBe(1);
    console.info(
      `failover: first batch from B ${firstFromB.atMs - killedAt} ms after the kill, ` +
        `scenario lease taken by B after ${takenAt - killedAt} ms`,
    );

    // The scenario goes on from B: simulated events logged after A's death reach the dashboard.
    await dash.until(
      () => dash.applied.some((e) => e.source.startsWith('sim-') && e.seq > headAtDeath),
      10_000,
      "simulated events from B's scenario",
    );
    await sending;
    const ackedByA = acks.filter((x) => x.url === a.url);
    expect(ackedByA.length).toBeGreaterThan(0);
    expect(acks.some((x) => x.url === b.url)).toBe(true);
    const gatewayIds = new Set(gateway.map((e) => e.id));
    await dash.until(
      () => dash.applied.filter((e) => e.source === GATEWAY).length === gatewayIds.size,
      15_000,
      "all the gateway's events",
    );

    // Across the switch: every seq after the first snapshot folded once, in order, none missing.
    expect(dash.holes).toEqual([]);
    expect(dash.resnapshots).toBe(0);
    const seqs = dash.applied.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => dash.firstSnapshotSeq + 1 + i));
    const keys = dash.applied.map((e) => `${e.source}/${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);

    // Its state equals what a dashboard that opens B now folds, at the same seq.
    const fresh = await connectFailoverDashboard([b.url], rollup);
    cleanups.push(async () => fresh.close());
    // Both receive each of B's batches; whichever gets it second makes the seq common.
    const sameSeq = () =>
      fresh.stateSeqs().find((k) => k > fresh.firstSnapshotSeq && dash.stateAt(k) !== undefined);
    const both = (d: FailoverDashboard) =>
      d.until(() => sameSeq() !== undefined, 10_000, 'both dashboards at one seq').catch(() => undefined);
    await Promise.race([both(fresh), both(dash)]);
    const common = sameSeq();
    expect(common).toBeDefined();
    expect(dash.stateAt(common!)).toEqual(fresh.stateAt(common!));

    // B drains; then the log is checked as a whole.
    await b.stop();
    const rows = await query<{ source: string; id: string; seq: string; ts_ms: string }>(
      'SELECT source, id, seq, ts_ms FROM $schema.events',
    );
    const seqOf = new Map(rows.map((r) => [`${r.source}/${r.id}`, Number(r.seq)]));
    // Every event A acknowledged before the kill is in the log exactly once (UNIQUE (source, id)), at the
    // seq A gave it; the gateway's re-sent batch did not make a second copy.
    for (const { batch, results } of ackedByA)
      for (const r of results) {
        expect(r.status).not.toBe('rejected');
        expect(seqOf.get(`${GATEWAY}/${batch[r.index]!.id}`)).toBe((r as { seq: number }).seq);
      }
    expect(rows.filter((r) => r.source === GATEWAY)).toHaveLength(gatewayIds.size);

    // The scenario's events are exactly the deterministic plan up to where it stopped: A's part, B's
    // continuation, no hole at the takeover and nothing twice.
    const simRows = rows.filter((r) => r.source.startsWith('sim-'));
    const lastTs = Math.max(...simRows.map((r) => Number(r.ts_ms)));
    expect(lastTs).toBeGreaterThan(SIM_START);
    const plan = createSimulation({
      seed: SIM_SEED,
      sites: SENSOR_SITES,
      sensorHistoryFromMs: SIM_START - SENSOR_HISTORY_MS,
      historyFromMs: SIM_HISTORY_FROM,
    }).eventsBetween(SIM_HISTORY_FROM, lastTs + 1);
    expect(simRows.map((r) => `${r.source}/${r.id}`).sort()).toEqual(
      plan.map((e) => `${e.source}/${e.id}`).sort(),
    );
  }, 90_000);
});
