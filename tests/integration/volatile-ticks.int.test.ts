import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reading } from '../fixtures/events';
import { connectLive, startTestServer, TEST_TOKEN, type TestServer } from './support/test-server';

/** What the `/live` namespace broadcast, with the flags it broadcast it with. */
function recordBroadcasts(server: TestServer) {
  const adapter = server.app.io.of('/live').adapter;
  const sent: { event: unknown; volatile: boolean; toAll: boolean }[] = [];
  const broadcast = adapter.broadcast.bind(adapter);
  vi.spyOn(adapter, 'broadcast').mockImplementation((packet, opts) => {
    sent.push({
      event: (packet.data as unknown[])[0],
      volatile: opts.flags?.volatile === true,
      // With connection state recovery on, a socket's own emits are broadcasts to its room too.
      toAll: opts.rooms.size === 0,
    });
    broadcast(packet, opts);
  });
  return sent;
}

describe('superseded messages go volatile', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ batchWindowMs: 50 });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('sends the clock tick volatile (not queued behind batches, not kept for recovery), the batches reliably', async () => {
    const sent = recordBroadcasts(server);
    const live = await connectLive(server.url, '80', { mode: 'state' });
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ ...reading, id: 'volatile-1', tsMs: Date.UTC(2021, 7, 1, 0, 59) }] }),
    });
    expect(res.status).toBe(200);
    // The second-by-second tick (the one on connecting goes reliably: the dashboard needs a first clock).
    const ticks = () => sent.filter((s) => s.event === 'live:clock' && s.toAll);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (ticks().length > 0 && sent.some((s) => s.event === 'live:batch')) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    expect(ticks().every((t) => t.volatile)).toBe(true);
    // A batch is never superseded: a dropped one would be a hole to resync.
    expect(sent.filter((s) => s.event === 'live:batch').every((b) => !b.volatile)).toBe(true);
    live.socket.close();
  });
});
