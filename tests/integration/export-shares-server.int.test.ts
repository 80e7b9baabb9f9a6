import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSOR_SITES } from '../../geo';
import { createSimulation } from '../../simulators/plan';
import { reading } from '../fixtures/events';
import { connectLive, startTestServer, type TestServer } from './support/test-server';

const run = promisify(execFile);

/**
 * Issue 21, finding 5: the export loop never yielded while the socket took its writes, so one download of the
 * whole log (`/api/events?from=1970-01-01&to=2070-01-01`) held every dashboard's batches for 21 s, the CSV
 * export 27 s. Here a dashboard is live (a reading every 50 ms, batches every 50 ms) while a fast reader in
 * another process downloads a large log both ways at once; no gap between two batches may exceed a second.
 */
const MAX_BATCH_GAP_MS = 1000;

const START = Date.parse('2021-08-02T08:00:00+07:00');
/** Six scenario hours of all three streams: about 160 000 events. */
const END = START + 6 * 3600_000;

/** A fast reader in its own process: `<status> <bytes>` of the whole body. */
async function download(url: string): Promise<{ status: number; bytes: number }> {
  const { stdout } = await run(
    'curl',
    ['-s', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', url],
    {
      timeout: 120_000,
    },
  );
  const [status, bytes] = stdout.trim().split(' ').map(Number);
  return { status: status!, bytes: bytes! };
}

describe('log downloads share the server', () => {
  let server: TestServer;
  let total: number;

  beforeAll(async () => {
    server = await startTestServer({
      clock: { now: () => END + 3600_000, speed: () => 0 },
      batchWindowMs: 50,
    });
    const sim = createSimulation({ seed: 11, sites: SENSOR_SITES, sensorHistoryFromMs: START });
    const events = sim.eventsBetween(START, END);
    for (let i = 0; i < events.length; i += 20_000) await server.store.append(events.slice(i, i + 20_000));
    total = await server.store.countEvents();
    expect(total).toBeGreaterThan(120_000);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('a dashboard keeps getting its batches while the whole log is downloaded as NDJSON and as CSV', async () => {
    const { socket, batches } = await connectLive(server.url, '80', { mode: 'events' });
    const arrivals: number[] = [];
    socket.on('live:batch', () => arrivals.push(performance.now()));
    let n = 0;
    const feed = setInterval(() => {
      n++;
      void server.app.ingest.ingest([{ ...reading, id: `flood-feed:${n}`, tsMs: END + n * 1000 }]);
    }, 50);
    try {
      // The dashboard is live before the downloads begin.
      while (arrivals.length < 5) await new Promise((r) => setTimeout(r, 50));
      const since = arrivals.length;
      const [ndjson, csv] = await Promise.all([
        download(`${server.url}/api/events?from=1970-01-01&to=2070-01-01`),
        download(
          `${server.url}/api/replay/export?from=1970-01-01T00:00:00Z&to=2070-01-01T00:00:00Z&format=csv`,
        ),
      ]);
      // From the last batch before the downloads to the end of both, counting the wait after the last batch.
      const during = [...arrivals.slice(since - 1), performance.now()];
      const gaps = during.slice(1).map((t, i) => t - during[i]!);
      expect(Math.max(...gaps)).toBeLessThan(MAX_BATCH_GAP_MS);
      expect(ndjson.status).toBe(200);
      expect(csv.status).toBe(200);
      // Every event came through (a line is at least 100 bytes either way).
      expect(ndjson.bytes).toBeGreaterThan(total * 100);
      expect(csv.bytes).toBeGreaterThan(total * 100);
      expect(batches.length).toBeGreaterThan(since);
    } finally {
      clearInterval(feed);
      socket.disconnect();
    }
  }, 180_000);

  it('at most two downloads stream at once per caller: a third is refused 429 until one ends', async () => {
    const url = `${server.url}/api/events?from=1970-01-01&to=2070-01-01`;
    // Bodies left unread: the server waits on the socket, and each download holds its place.
    const first = await fetch(url);
    const second = await fetch(url);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await fetch(url);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ error: 'rate_limited' });
    await first.body!.cancel();
    // The place is given back when the server sees the connection close.
    let fourth = await fetch(url);
    for (let i = 0; i < 50 && fourth.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 50));
      fourth = await fetch(url);
    }
    expect(fourth.status).toBe(200);
    await fourth.body!.cancel();
    await second.body!.cancel();
  });
});
