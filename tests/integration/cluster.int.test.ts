import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import { applyEvents, emptyDashboardState, type IocEvent, type LiveBatch } from '../../protocol';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { startClusterNode, type ClusterNode } from './support/cluster-node';
import { freshSchema, MQTT_URL, REDIS_URL, requireService } from './support/services';
import { connectLive, TEST_TOKEN, until } from './support/test-server';

const START = Date.parse('2021-08-02T16:00:00+07:00');
const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);

/** Ninety scenario minutes across the 17:00 COVID reports, one sensor reading in 250: a few hundred events. */
function plan(): { sensors: IocEvent[]; others: IocEvent[] } {
  const sim = createSimulation({ seed: 5, sites: SENSOR_SITES, sensorHistoryFromMs: START });
  let n = 0;
  const events = sim
    .eventsBetween(START, START + 90 * 60_000)
    .filter((e) => e.stream !== 'sensor' || n++ % 250 === 0);
  return {
    sensors: events.filter((e) => e.stream === 'sensor'),
    others: events.filter((e) => e.stream !== 'sensor'),
  };
}

/**
 * Batch ranges leave no hole from `fromSeq` to `lastSeq`. A batch may overlap what the snapshot already holds
 * (a window that closed just after the dashboard joined): the reducer skips those seqs, so only gaps matter.
 * A province dashboard also gets every event after its snapshot, once.
 */
function expectContiguous(batches: readonly LiveBatch[], fromSeq: number, lastSeq: number) {
  let next = fromSeq;
  for (const b of batches) {
    expect(b.fromSeq).toBeLessThanOrEqual(next);
    next = Math.max(next, b.toSeq + 1);
  }
  expect(next).toBe(lastSeq + 1);
  if (batches[0]?.area !== '80') return;
  expect(batches.flatMap((b) => b.events.map((e) => e.seq)).filter((seq) => seq >= fromSeq)).toEqual(
    Array.from({ length: lastSeq - fromSeq + 1 }, (_, i) => fromSeq + i),
  );
}

async function metricValue(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('two nodes on one PostgreSQL log and one Redis', () => {
  let nodes: ClusterNode[] = [];
  let dropSchema: () => Promise<void>;
  let redisPrefix = '';
  const topicRoot = `test-${randomBytes(4).toString('hex')}/ioc/sensors`;

  beforeEach(async () => {
    const s = await freshSchema();
    dropSchema = s.drop;
    redisPrefix = `t-${s.schema}`;
    nodes = [
      await startClusterNode({ schema: s.schema, redisPrefix, mqtt: { topicRoot } }),
      await startClusterNode({ schema: s.schema, redisPrefix }),
    ];
  });
  afterEach(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await dropSchema();
    // The adapter's stream and sessions of this run.
    const redis = await createClient({ url: REDIS_URL }).connect();
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  it('delivers, in order and without gaps on both nodes, what node B, node A and MQTT ingested', async () => {
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const { sensors, others } = plan();
    expect(sensors.length).toBeGreaterThan(50);
    const onA = await connectLive(a.url);
    const onB = await connectLive(b.url);
    const district = await connectLive(b.url, '794');

    await requireService('Mosquitto', MQTT_URL);
    const publisher = await mqtt.connectAsync(MQTT_URL, { clientId: `pub-${process.pid}-${Date.now()}` });
    const sourceA = await connectIngest(a.url, TEST_TOKEN);
    const sourceB = await connectIngest(b.url, TEST_TOKEN);
    // Three sources at once: the two nodes' appends interleave in the log.
    const half = Math.ceil(others.length / 2);
    const [repA, repB] = await Promise.all([
      (async () => {
        let accepted = 0;
        for (let i = 0; i < half; i += 20)
          accepted += (await sourceA.send(others.slice(i, Math.min(i + 20, half)))).accepted;
        return accepted;
      })(),
      (async () => {
        let accepted = 0;
        for (let i = half; i < others.length; i += 20)
          accepted += (await sourceB.send(others.slice(i, i + 20))).accepted;
        return accepted;
      })(),
      (async () => {
        for (const r of sensors)
          await publisher.publishAsync(
            `${topicRoot}/${(r as { siteId: string }).siteId}`,
            JSON.stringify(r),
            { qos: 1 },
          );
        // A bad message: logged with its reason and counted, never fatal.
        await publisher.publishAsync(`${topicRoot}/LA-BAD-1`, '{"not json', { qos: 1 });
      })(),
    ]);
    expect(repA + repB).toBe(others.length);
    const total = sensors.length + others.length;

    const all = () => [onA, onB].every((c) => c.batches.at(-1)?.toSeq === total);
    await until(onA.socket, all, 20_000).catch(() => until(onB.socket, all, 20_000));
    await until(district.socket, () => district.batches.at(-1)?.toSeq === total);
    expect(await a.store.lastSeq()).toBe(total);

    for (const c of [onA, onB, district]) expectContiguous(c.batches, c.snapshot.seq + 1, total);
    const inTanAn = district.batches.flatMap((x) => x.events);
    expect(inTanAn.length).toBeGreaterThan(0);
    expect(inTanAn.every((e) => rollup(e.area).includes('794'))).toBe(true);
    // Every event once, whichever way it came.
    const ids = onB.batches.flatMap((x) => x.events.map((e) => `${e.source}/${e.id}`));
    expect(new Set(ids)).toEqual(new Set([...sensors, ...others].map((e) => `${e.source}/${e.id}`)));
    expect(onA.batches.flatMap((x) => x.events)).toEqual(onB.batches.flatMap((x) => x.events));

    // The same state on both nodes, and in both browsers' folds.
    expect(a.app.engine.state).toEqual(b.app.engine.state);
    const fold = (bs: LiveBatch[]) =>
      bs.reduce((s, x) => applyEvents(s, x.events, rollup), emptyDashboardState());
    expect(fold(onB.batches)).toEqual(b.app.engine.state);

    // MQTT readings went through node A's ingest; the bad message was counted and logged with its reason.
    expect(await metricValue(a.url, 'ioc_events_in_total', 'stream="sensor"')).toBe(sensors.length);
    expect(await metricValue(b.url, 'ioc_events_in_total', 'stream="sensor"')).toBe(0);
    await expect.poll(() => metricValue(a.url, 'ioc_rejected_inputs_total', 'reason="invalid_json"')).toBe(1);
    expect(a.mqttLog.join('\n')).toMatch(/LA-BAD-1: invalid_json/);

    for (const c of [onA, onB, district]) c.socket.close();
    sourceA.close();
    sourceB.close();
    await publisher.endAsync();
    // Generous: the MQTT path acknowledges each message after its own append, one at a time, on a shared machine.
  }, 90_000);

  it('gives a dashboard that joins node B late a snapshot that continues into the batches', async () => {
    const [a, b] = nodes as [ClusterNode, ClusterNode];
    const { others } = plan();
    const source = await connectIngest(a.url, TEST_TOKEN);
    await source.send(others.slice(0, 100));
    // Node B learns of A's appends from the log: its snapshot waits for nothing and is never ahead of its batches.
    await expect.poll(() => b.app.engine.state.seq).toBe(100);
    const late = await connectLive(b.url);
    expect(late.snapshot.seq).toBe(100);
    await source.send(others.slice(100, 150));
    await until(late.socket, () => late.batches.at(-1)?.toSeq === 150);
    expectContiguous(late.batches, 101, 150);
    late.socket.close();
    source.close();
  });
});
