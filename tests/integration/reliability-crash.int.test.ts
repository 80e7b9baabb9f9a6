import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type HealthResponse,
  type LiveSnapshot,
  type LoggedEvent,
} from '../../protocol';
import { postIngest } from '../../sources/http-ingest-client';
import { connectIngest } from '../../sources/ingest-client';
import { freePort, openDashboard, reading, spawnServer, submission, TOKEN } from './support/reliability';

const SOCKET_EVENTS = 3000;
const HTTP_EVENTS = 1200;
const BATCH = 50;

async function health(url: string): Promise<HealthResponse> {
  return (await fetch(`${url}/api/health`)).json() as Promise<HealthResponse>;
}

async function loggedEvents(url: string): Promise<LoggedEvent[]> {
  const text = await (await fetch(`${url}/api/events?from=2015-01-01&to=2100-01-01`)).text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedEvent);
}

/** What a dashboard that connects now starts from: the server's own reduced state of the province. */
async function freshSnapshot(url: string): Promise<LiveSnapshot> {
  const socket = io(`${url}/live`, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  const res: Ack<LiveSnapshot> = await socket.emitWithAck('live:subscribe', { area: '80' });
  socket.close();
  if (!res.ok) throw new Error(res.error);
  return res.data;
}

describe('kill -9 of the server during sustained ingest', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event exactly once, and the dashboard catches up after the restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await spawnServer(port, dir);
    const dashboard = openDashboard(`${url}/live`);
    try {
      await dashboard.until((s) => s.connection === 'live');

      // Two sources write at once, one over the socket (its queue re-sends until acknowledged), one over HTTP
      // (retries with back-off); each records what the server acknowledged.
      const acked = new Set<string>();
      const ack = (source: string, results: { status: string; id: string | null }[]) => {
        for (const r of results) if (r.status !== 'rejected') acked.add(`${source}/${r.id}`);
      };
      let killed: Promise<void> | null = null;
      let restarted: Promise<void> | null = null;
      const crashOnce = () => {
        if (killed || acked.size < 800) return;
        // Mid-stream: both sources have batches in flight when the process dies.
        killed = server.kill('SIGKILL');
        restarted = killed.then(async () => {
          server = await spawnServer(port, dir);
        });
      };

      const socketSource = (async () => {
        const client = await connectIngest(url, TOKEN, { ackTimeoutMs: 2000 });
        for (let i = 0; i < SOCKET_EVENTS; i += BATCH) {
          const events = Array.from({ length: BATCH }, (_, k) =>
            (i + k) % 3 ? reading('sock', i + k) : submission('sock', i + k),
          );
          ack('sock', (await client.send(events)).results);
          crashOnce();
        }
        client.close();
      })();
      const httpSource = (async () => {
        for (let i = 0; i < HTTP_EVENTS; i += BATCH) {
          const events = Array.from({ length: BATCH }, (_, k) => submission('http', i + k));
          const report = await postIngest(url, TOKEN, events, {
            attempts: 40,
            baseDelayMs: 100,
            maxDelayMs: 500,
          });
          ack('http', report.results);
          crashOnce();
        }
      })();
      await Promise.all([socketSource, httpSource]);
      expect(killed).not.toBeNull();
      await restarted;

      const logged = await loggedEvents(url);
      const keys = logged.map((e) => `${e.source}/${e.id}`);
      expect(new Set(keys).size).toBe(keys.length); // none twice
      for (const k of acked) expect(keys).toContain(k); // every acknowledged one is there
      expect(keys.length).toBe(SOCKET_EVENTS + HTTP_EVENTS);
      expect(logged.map((e) => e.seq)).toEqual(Array.from({ length: keys.length }, (_, i) => i + 1));

      // The dashboard reconnected on its own and folded its way to the same state as a fresh subscriber.
      const { lastSeq } = await health(url);
      await dashboard.until((s) => s.feed.lastSeq === lastSeq && s.connection === 'live');
      const fresh = await freshSnapshot(url);
      expect(fresh.seq).toBe(lastSeq);
      expect(dashboard.store.getState().feed.state).toEqual(fresh.state);
    } finally {
      dashboard.close();
      await server.kill('SIGTERM');
    }
  }, 120_000);
});
