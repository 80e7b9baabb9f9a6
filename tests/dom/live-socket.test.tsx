import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, passthrough } from 'msw';
import { Server, type Namespace } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { connectLive } from '../../client/net/live-socket';
import { useStore } from '../../client/store/store';
import type { LiveBatch, LiveClientToServer, LiveServerToClient } from '../../protocol';
import { FIXTURE_AREA_TREE, onlineSubmitted, sampleState } from './fixtures';
import { server } from './msw-server';

// A real Socket.IO server on port 0 stands in for ours, so the client's handshake, acks and event names are
// exercised for real; only what the server answers is scripted.
let httpServer: HttpServer | null = null;
let io: Server | null = null;
let close: (() => void) | null = null;

async function startServer(
  setup: (live: Namespace<LiveClientToServer, LiveServerToClient>) => void,
): Promise<string> {
  httpServer = createServer();
  // jsdom's XHR enforces CORS from its own origin (localhost:3000), as a browser would.
  io = new Server(httpServer, { cors: { origin: '*' } });
  setup(io.of('/live'));
  // The socket's own traffic goes to the real server; msw still rejects any other unexpected request.
  server.use(http.all(/\/socket\.io\//, () => passthrough()));
  await new Promise<void>((r) => httpServer!.listen(0, r));
  return `http://localhost:${(httpServer.address() as AddressInfo).port}/live`;
}

afterEach(async () => {
  close?.();
  close = null;
  await io?.close();
  io = null;
  httpServer = null;
});

const until = async (check: () => boolean, timeoutMs = 5000) => {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const batch = (fromSeq: number, toSeq: number): LiveBatch => ({
  area: '80',
  fromSeq,
  toSeq,
  events: Array.from({ length: toSeq - fromSeq + 1 }, (_, i) => onlineSubmitted(fromSeq + i)),
});

describe('live socket', () => {
  it('subscribes, applies batches, and fills a gap with live:resync', async () => {
    const resyncs: unknown[] = [];
    const url = await startServer((live) => {
      live.on('connection', (socket) => {
        socket.on('live:subscribe', (req, ack) => {
          ack({
            ok: true,
            data: {
              area: req.area,
              seq: 100,
              state: { ...sampleState(), seq: 100 },
              areaTree: FIXTURE_AREA_TREE,
            },
          });
          socket.emit('live:clock', { nowMs: 1_628_000_000_000, speed: 60 });
          socket.emit('live:batch', batch(101, 102));
          socket.emit('live:batch', batch(105, 106)); // 103–104 never arrive
        });
        socket.on('live:resync', (req, ack) => {
          resyncs.push(req);
          ack({ ok: true, data: batch(req.afterSeq + 1, 104) });
        });
      });
    });
    close = connectLive(useStore.getState(), '80', url);
    await until(() => useStore.getState().feed.lastSeq === 106);
    expect(resyncs).toEqual([{ area: '80', afterSeq: 102 }]);
    const s = useStore.getState();
    expect(s.connection).toBe('live');
    expect(s.feed.state!.areas['794']!.dossier.onlineSubmitted).toBe(4006);
    expect(s.clock).toMatchObject({ nowMs: 1_628_000_000_000, speed: 60 });
  });

  it('subscribes again for a fresh snapshot when a resync is too far behind', async () => {
    let subscribes = 0;
    const url = await startServer((live) => {
      live.on('connection', (socket) => {
        socket.on('live:subscribe', (req, ack) => {
          subscribes++;
          const seq = subscribes === 1 ? 100 : 90_000;
          ack({
            ok: true,
            data: { area: req.area, seq, state: { ...sampleState(), seq }, areaTree: FIXTURE_AREA_TREE },
          });
          if (subscribes === 1) socket.emit('live:batch', batch(80_001, 80_002)); // a hole of 80 000 events
        });
        socket.on('live:resync', (_req, ack) =>
          ack({
            ok: false,
            error: 'too_far_behind',
            details: { behind: 80_000, maxEvents: 5000, action: 'resubscribe' },
          }),
        );
      });
    });
    close = connectLive(useStore.getState(), '80', url);
    await until(() => useStore.getState().feed.lastSeq === 90_000);
    expect(subscribes).toBe(2);
    expect(useStore.getState().feed.resyncing).toBe(false);
  });

  it('re-subscribes after the server drops it, and takes the fresh snapshot', async () => {
    let subscribes = 0;
    const url = await startServer((live) => {
      live.on('connection', (socket) => {
        socket.on('live:subscribe', (req, ack) => {
          subscribes++;
          const seq = subscribes === 1 ? 100 : 200;
          ack({
            ok: true,
            data: { area: req.area, seq, state: { ...sampleState(), seq }, areaTree: FIXTURE_AREA_TREE },
          });
          if (subscribes === 1) setTimeout(() => socket.disconnect(true), 20);
        });
      });
    });
    const states: string[] = [];
    const unsub = useStore.subscribe((s, prev) => {
      if (s.connection !== prev.connection) states.push(s.connection);
    });
    close = connectLive(useStore.getState(), '80', url);
    await until(() => useStore.getState().feed.lastSeq === 200);
    unsub();
    expect(subscribes).toBe(2);
    expect(states).toEqual(['live', 'reconnecting', 'live']);
  });

  it('shows the reload banner state when the server refuses the protocol version', async () => {
    const url = await startServer((live) => {
      live.use((_socket, next) => {
        const err = new Error('protocol_mismatch') as Error & { data: unknown };
        err.data = { reason: 'client_too_old', serverVersion: 99 };
        next(err);
      });
    });
    close = connectLive(useStore.getState(), '80', url);
    await until(() => useStore.getState().mismatch !== null);
    expect(useStore.getState().mismatch).toEqual({ reason: 'client_too_old', serverVersion: 99 });
    expect(useStore.getState().connection).toBe('offline');
  });
});
