import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import type { Ack, IocEvent, LiveBatch } from '../../protocol';
import { emptyFeed, feedBatch, feedResync, feedSnapshot, type LiveFeed } from '../../client/store/live-feed';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { scopeState } from '../../server/engine/scope-state';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';

const START = Date.parse('2021-08-02T16:50:00+07:00');
const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);

function planEvents(): IocEvent[] {
  const sim = createSimulation({ seed: 11, sites: SENSOR_SITES, sensorHistoryFromMs: START });
  return sim.eventsBetween(START, START + 20 * 60_000);
}

type Live = Awaited<ReturnType<typeof connectLive>>;

/**
 * A dashboard driven by the browser's own sequencing (client/store/live-feed), which can be told to lose one
 * batch: the hole is then filled by `live:resync`, as on a flaky network.
 */
function follow(live: Live, area: string, loseBatchNo: number | null) {
  let feed: LiveFeed = feedSnapshot(emptyFeed(area), live.snapshot, rollup).feed;
  let seen = 0;
  let resyncs = 0;
  const step = (next: { feed: LiveFeed; resync: { area: string; afterSeq: number } | null }) => {
    feed = next.feed;
    if (!next.resync) return;
    resyncs++;
    live.socket.emit('live:resync', next.resync, (res: Ack<LiveBatch>) => {
      if (!res.ok) throw new Error(`resync refused: ${res.error}`);
      step(feedResync(feed, res.data, rollup));
    });
  };
  live.socket.on('live:batch', (b) => {
    if (seen++ === loseBatchNo) return;
    step(feedBatch(feed, b, rollup));
  });
  return { feed: () => feed, resyncs: () => resyncs };
}

describe('state patches: field by field, exact from the window start', () => {
  let server: TestServer;
  beforeEach(async () => {
    // A long window, so a dashboard that joins right after a send lands inside one (the engine is then ahead
    // of the last patch's end).
    server = await startTestServer({ batchWindowMs: 500 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps dashboards that join mid-stream, or lose a batch and resync, equal to the server', async () => {
    const events = planEvents();
    const source = await connectIngest(server.url, TEST_TOKEN);
    const dashboards: { live: Live; area: string; view: ReturnType<typeof follow> }[] = [];
    const join = async (area: string, lose: number | null) => {
      const live = await connectLive(server.url, area, { mode: 'state' });
      dashboards.push({ live, area, view: follow(live, area, lose) });
      // A state-mode snapshot is where the next patch starts: the last patch's end, never between.
      await until(live.socket, () => live.batches.length > 0);
      expect(live.batches[0]!.fromSeq).toBe(live.snapshot.seq + 1);
    };
    for (let i = 0, n = 0; i < events.length; i += 300, n++) {
      await source.send(events.slice(i, i + 300));
      // Joins while events keep coming, so snapshots fall inside the fan-out's windows.
      if (n === 2) void join('80', null);
      if (n === 4) void join('794', 1);
      if (n === 6) void join('80', 2);
      // From the first join on, one send per fan-out window for a while: each dashboard then gets batches after
      // the one it loses, however fast the machine ingests (a lost last batch would show no hole).
      if (n >= 2 && n <= 12) await new Promise((r) => setTimeout(r, 600));
    }
    source.close();
    const lastSeq = await server.store.lastSeq();
    expect(dashboards).toHaveLength(3);
    for (const d of dashboards) {
      await until(d.live.socket, () => d.view.feed().lastSeq === lastSeq && !d.view.feed().resyncing);
      expect(d.view.feed().state).toEqual(scopeState(server.app.engine.state, d.area, rollup));
      d.live.socket.close();
    }
    // The two that lost a batch mended it by a resync, not a fresh snapshot.
    expect(dashboards.map((d) => d.view.resyncs())).toEqual([0, 1, 1]);
  });

  it("sends a few hundred bytes for a dossier, not the area's history and every alert condition", async () => {
    const events = planEvents();
    const source = await connectIngest(server.url, TEST_TOKEN);
    await source.send(events);
    const live = await connectLive(server.url, '794', { mode: 'state' });
    const before = await server.store.lastSeq();
    await until(live.socket, () => Math.max(live.snapshot.seq, live.batches.at(-1)?.toSeq ?? 0) === before);
    const dossier = events.find((e) => e.stream === 'dossier' && e.area === '794')!;
    await source.send([{ ...dossier, id: `${dossier.id}:again` }]);
    source.close();
    const lastSeq = await server.store.lastSeq();
    await until(live.socket, () => live.batches.at(-1)?.toSeq === lastSeq);
    const last = live.batches.at(-1)!;
    expect(last.patch?.areas).toBeDefined();
    expect(JSON.stringify(last).length).toBeLessThan(1_000);
    live.socket.close();
  });
});
