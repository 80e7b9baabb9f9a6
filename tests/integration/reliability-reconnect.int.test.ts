import { createServer, connect, type Server, type Socket as NetSocket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  openDashboard,
  reading,
  startSecureServer,
  submission,
  type SecureServer,
} from './support/reliability';

/**
 * The recovery window, scaled: 2 s here stands for the 2 minutes of production, so a cut of 5 s, 30 s or 3 min
 * there is one of 5/120, 30/120 or 180/120 of the window here. The first two are inside the window (the
 * server replays what the socket missed), the last is past it (the session is gone and the client starts over
 * from a snapshot); all three must end in the same place.
 */
const WINDOW_MS = 2000;
const CUTS = [
  { label: '5 s', ms: (5 / 120) * WINDOW_MS, recovered: true },
  { label: '30 s', ms: (30 / 120) * WINDOW_MS, recovered: true },
  { label: '3 min', ms: (180 / 120) * WINDOW_MS, recovered: false },
];

/** A TCP hop between one dashboard and the server that the test can unplug: a real network cut. */
async function cuttableLink(targetPort: number) {
  const open = new Set<NetSocket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Drops every connection and refuses new ones for `ms`. */
    cut: (ms: number) =>
      new Promise<void>((resolve) => {
        down = true;
        for (const s of open) s.destroy();
        setTimeout(() => {
          down = false;
          resolve();
        }, ms);
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('dashboards cut off for 5 s, 30 s and 3 min (scaled to the recovery window)', () => {
  let server: SecureServer;
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    await server.close();
  });

  it('end with no gap and the state of a dashboard that never dropped', async () => {
    server = await startSecureServer({ recoveryWindowMs: WINDOW_MS });
    // Which reconnections the server recovered, per link (the proxy's client names itself in a header).
    const recovered = new Map<string, boolean[]>();
    server.app.io.of('/live').on('connection', (s) => {
      const who = String(s.handshake.headers['x-link'] ?? 'direct');
      recovered.set(who, [...(recovered.get(who) ?? []), s.recovered]);
    });

    const steady = openDashboard(`${server.url}/live`);
    cleanups.push(steady.close);
    const links = await Promise.all(CUTS.map(() => cuttableLink(server.port)));
    const dashboards = links.map((link, i) => {
      // The dashboard shares socket.io-client's Manager of its origin (multiplexing), so this Manager's options
      // apply to it: quick, fixed reconnection delays keep the cut lengths what the test says.
      const manager: Socket = io(link.url, {
        transports: ['websocket'],
        extraHeaders: { 'x-link': CUTS[i]!.label },
        reconnectionDelay: 20,
        reconnectionDelayMax: 20,
        randomizationFactor: 0,
      });
      const d = openDashboard(`${link.url}/live`);
      cleanups.push(d.close, () => manager.close(), link.close);
      return d;
    });
    for (const d of [steady, ...dashboards]) await d.until((s) => s.connection === 'live');

    // Sustained ingest for the whole test: a batch every few ms, through the real ingest path.
    let n = 0;
    let feeding = true;
    const feeder = (async () => {
      while (feeding) {
        const events = Array.from({ length: 5 }, (_, k) =>
          (n + k) % 2 ? reading('feed', n + k) : submission('feed', n + k),
        );
        n += events.length;
        await server.app.ingest.ingest(events, 'source');
        await new Promise((r) => setImmediate(r));
      }
    })();

    await Promise.all(links.map((link, i) => link.cut(CUTS[i]!.ms)));
    // After the longest cut everyone is back; let events flow a little longer, then stop and settle.
    await Promise.all(dashboards.map((d) => d.until((s) => s.connection === 'live')));
    const afterCut = await server.store.lastSeq();
    await steady.until((s) => s.feed.lastSeq > afterCut + 50);
    feeding = false;
    await feeder;

    const lastSeq = await server.store.lastSeq();
    for (const d of [steady, ...dashboards]) await d.until((s) => s.feed.lastSeq === lastSeq);
    const reference = steady.store.getState().feed.state;
    expect(reference?.seq).toBe(lastSeq);
    for (const d of dashboards) expect(d.store.getState().feed.state).toEqual(reference);
    for (const cut of CUTS) expect(recovered.get(cut.label)).toEqual([false, cut.recovered]);
    expect(lastSeq).toBe(n);
  }, 60_000);
});
