/*
 * Bytes per dashboard per second (issue 23): the server on a fresh data directory with the default scenario
 * (the simulators at `SIM_SPEED`, default 1), one wall-like dashboard in `state` mode on the province, and every
 * byte it receives over the websocket counted, from just after its snapshot, for `--seconds`. The dashboard
 * follows with the browser's own sequencing (client/store/live-feed: patches, holes, resyncs), and at the end
 * its state must equal a fresh snapshot's at the same seq: few bytes are only worth it if the state is right.
 *
 *   npx tsx bench/bytes-per-dashboard.ts [--seconds 60] [--history-from 2021-04-15T00:00:00+07:00]
 *                                        [--speed 1] [--server-dir DIR] [--bytes-only]
 *
 * `--history-from` shortens the backfill: any start at least 92 days before the scenario's fills the areas'
 * daily windows as the default 2019 start does, which is what a patch used to carry whole. `--server-dir` runs
 * another checkout's server (the "before" figure), `--bytes-only` then skips the equality check (an older
 * server's patches have another shape). Bytes do not depend on the machine's load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { Ack, DashboardState, LiveBatch, LiveSnapshot } from '../protocol';
import { rollupOfTree } from '../protocol/state/area-tree';
import { PROTOCOL_VERSION } from '../protocol/version';
import { emptyFeed, feedBatch, feedResync, feedSnapshot, type LiveFeed } from '../client/store/live-feed';
import { freePort } from '../testkit/server-process';

export interface BytesFigure {
  seconds: number;
  speed: number;
  historyFrom: string | null;
  bytes: number;
  bytesPerSecond: number;
  batches: number;
  /** Largest single message received (a batch, a tick), bytes. */
  largestMessage: number;
  snapshotBytes: number;
  /** Null with `--bytes-only`. */
  stateEqual: boolean | null;
  resyncs: number;
}

const arg = (name: string): string | null => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : null;
};

async function startServer(dir: string, env: Record<string, string>) {
  const port = await freePort();
  const data = mkdtempSync(path.join(tmpdir(), 'ioc-bytes-'));
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), DATA_DIR: data, READ_ACCESS: 'open', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 900_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

const connect = async (url: string): Promise<Socket> => {
  // The server's own version, so an older checkout's server (`--server-dir`) can be measured too.
  const health = (await (await fetch(`${url}/api/health`)).json()) as { protocolVersion?: number };
  const socket = io(`${url}/live`, {
    auth: { protocolVersion: health.protocolVersion ?? PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
};

/** Counts every engine.io packet the socket receives, as the bytes of its frame. */
function countBytes(socket: Socket) {
  const c = { bytes: 0, largest: 0, counting: false };
  socket.io.engine.on('packet', (p: { data?: unknown }) => {
    const n =
      1 +
      (typeof p.data === 'string' ? Buffer.byteLength(p.data) : ((p.data as ArrayBuffer)?.byteLength ?? 0));
    if (!c.counting) return;
    c.bytes += n;
    c.largest = Math.max(c.largest, n);
  });
  return c;
}

export async function benchBytesPerDashboard(opts: {
  seconds: number;
  speed: number;
  historyFrom: string | null;
  serverDir?: string;
  bytesOnly?: boolean;
}): Promise<BytesFigure> {
  const env: Record<string, string> = { SIM_SPEED: String(opts.speed) };
  if (opts.historyFrom) env.SIM_HISTORY_FROM = opts.historyFrom;
  const server = await startServer(opts.serverDir ?? process.cwd(), env);
  try {
    const socket = await connect(server.url);
    const counter = countBytes(socket);
    const area = '80';
    const snap = (await socket.emitWithAck('live:subscribe', { area, mode: 'state' })) as Ack<LiveSnapshot>;
    if (!snap.ok) throw new Error(`subscribe: ${snap.error}`);
    const snapshotBytes = Buffer.byteLength(JSON.stringify(snap));
    const rollup = rollupOfTree(snap.data.areaTree);
    let feed: LiveFeed = feedSnapshot(emptyFeed(area), snap.data, rollup).feed;
    // The states the dashboard held, by seq: the fresh snapshot at the end is compared with the one at its seq.
    const held = new Map<number, DashboardState>([[feed.lastSeq, feed.state!]]);
    let batches = 0;
    let resyncs = 0;
    const step = (next: { feed: LiveFeed; resync: { area: string; afterSeq: number } | null }) => {
      feed = next.feed;
      if (feed.state) held.set(feed.lastSeq, feed.state);
      if (held.size > 200) held.delete(held.keys().next().value!);
      if (!next.resync) return;
      resyncs++;
      socket.emit('live:resync', next.resync, (res: Ack<LiveBatch>) => {
        if (res.ok) step(feedResync(feed, res.data, rollup));
      });
    };
    socket.on('live:batch', (b: LiveBatch) => {
      batches++;
      if (!opts.bytesOnly) step(feedBatch(feed, b, rollup));
    });
    counter.counting = true;
    const started = Date.now();
    await new Promise((r) => setTimeout(r, opts.seconds * 1000));
    counter.counting = false;
    const elapsedS = (Date.now() - started) / 1000;

    let stateEqual: boolean | null = null;
    if (!opts.bytesOnly) {
      const check = await connect(server.url);
      const fresh = (await check.emitWithAck('live:subscribe', { area, mode: 'state' })) as Ack<LiveSnapshot>;
      check.close();
      if (!fresh.ok) throw new Error(`check subscribe: ${fresh.error}`);
      const deadline = Date.now() + 10_000;
      while (!held.has(fresh.data.seq) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const mine = held.get(fresh.data.seq);
      stateEqual =
        mine !== undefined && JSON.stringify(sorted(mine)) === JSON.stringify(sorted(fresh.data.state));
    }
    socket.close();
    return {
      seconds: elapsedS,
      speed: opts.speed,
      historyFrom: opts.historyFrom,
      bytes: counter.bytes,
      bytesPerSecond: counter.bytes / elapsedS,
      batches,
      largestMessage: counter.largest,
      snapshotBytes,
      stateEqual,
      resyncs,
    };
  } finally {
    await server.stop();
  }
}

/** The same JSON whatever order the keys were written in (a patch adds keys where the snapshot had them). */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  return v;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const fig = await benchBytesPerDashboard({
    seconds: Number(arg('seconds') ?? 60),
    speed: Number(arg('speed') ?? 1),
    historyFrom: arg('history-from'),
    ...(arg('server-dir') ? { serverDir: path.resolve(arg('server-dir')!) } : {}),
    bytesOnly: process.argv.includes('--bytes-only'),
  });
  console.log(JSON.stringify(fig));
  const kb = (fig.bytesPerSecond / 1000).toFixed(2).replace('.', ',');
  console.log(
    `bytes per dashboard: ${kb} KB/s over ${fig.seconds.toFixed(0)} s at speed ${fig.speed} (${fig.batches} batches, ` +
      `largest ${fig.largestMessage} B), state equal to the server: ${fig.stateEqual ?? 'not checked'}`,
  );
}
