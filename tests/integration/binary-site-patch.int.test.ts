import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import type { IocEvent, LiveBatch } from '../../protocol';
import { emptyFeed, feedBatch, feedSnapshot, type LiveFeed } from '../../client/store/live-feed';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { scopeState } from '../../server/engine/scope-state';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';

const START = Date.parse('2021-08-02T16:50:00+07:00');
const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);

function planEvents(): IocEvent[] {
  const sim = createSimulation({ seed: 23, sites: SENSOR_SITES, sensorHistoryFromMs: START });
  return sim.eventsBetween(START, START + 20 * 60_000);
}

describe('binary site patch over Socket.IO', () => {
  let server: TestServer;
  beforeEach(async () => {
    // A handful of sites is enough to take the binary path here; the product's threshold is 1.000.
    server = await startTestServer({ batchWindowMs: 200, binarySitesMin: 3 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('keeps dashboards that fold binary attachments equal to the server', async () => {
    const events = planEvents();
    const source = await connectIngest(server.url, TEST_TOKEN);
    await source.send(events.slice(0, 300));
    const views = await Promise.all(
      ['80', '794'].map(async (area) => {
        const live = await connectLive(server.url, area, { mode: 'state' });
        let feed: LiveFeed = feedSnapshot(emptyFeed(area), live.snapshot, rollup).feed;
        const binary: LiveBatch[] = [];
        let resyncs = 0;
        live.socket.on('live:batch', (b) => {
          if (b.binarySites) binary.push(b);
          const step = feedBatch(feed, b, rollup);
          if (step.resync) resyncs++;
          feed = step.feed;
        });
        return { area, live, feed: () => feed, binary, resyncs: () => resyncs };
      }),
    );
    for (let i = 300; i < events.length; i += 300) {
      await source.send(events.slice(i, i + 300));
      await new Promise((r) => setTimeout(r, 250));
    }
    source.close();
    const lastSeq = await server.store.lastSeq();
    for (const v of views) {
      await until(v.live.socket, () => v.feed().lastSeq === lastSeq);
      expect(v.binary.length).toBeGreaterThan(0);
      // A Node client receives the attachment as a Buffer (a Uint8Array), not as JSON.
      for (const b of v.binary) expect(b.binarySites).toBeInstanceOf(Uint8Array);
      // A resync would mend a binary patch that did not fit, and hide it: none may be asked for.
      expect(v.resyncs()).toBe(0);
      expect(v.feed().state).toEqual(scopeState(server.app.engine.state, v.area, rollup));
      v.live.socket.close();
    }
  });
});
