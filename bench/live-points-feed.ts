/*
 * A bench-only front for the browser bench: it speaks `/live`'s state mode itself (a snapshot of N sites, then
 * one `live:batch` a second whose patch carries every site's new reading), so the wall can be fed 10k or 100k
 * sites without a server ingesting 100k events a second. Everything else (the built SPA, `/api/*`) is proxied
 * to a real server process, so the wall under test is the product's unchanged bundle with real HTTP answers.
 * `/bare/` serves the bare deck.gl page (bench/bare-deck), bundled here with esbuild.
 */
import { build } from 'esbuild';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { AREAS_2021, DISTRICTS_2021, PROVINCE_CODE, makeRollup } from '../geo/areas';
import { areaTreeOf } from '../protocol/state/area-tree';
import type {
  DashboardState,
  LiveBatch,
  LiveClientToServer,
  LiveServerToClient,
  LiveSnapshot,
} from '../protocol';
import { LiveSubscribe } from '../protocol/live.schema';
import { emptyAlertsState } from '../protocol/state/alerts';
import { emptyAreaState } from '../protocol/state/dashboard-state';
import { diffState } from '../protocol/state/state-patch';
import { PROTOCOL_VERSION } from '../protocol/version';
import { conditionsOf, makeSites, tickSites } from '../testkit/live-points-sites';

export interface LivePointsFeed {
  url: string;
  /** Batches sent since the start; the pages report the seq they reached, this is what was offered. */
  ticks: () => number;
  close(): Promise<void>;
}

/** Bundles the bare page once per run into a temporary directory: its HTML and one script. */
async function buildBarePage(): Promise<{ dir: string; html: string; js: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bare-deck-'));
  await build({
    entryPoints: [path.resolve('bench/bare-deck/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: path.join(dir, 'main.js'),
    logLevel: 'warning',
  });
  return {
    dir,
    html: readFileSync(path.resolve('bench/bare-deck/index.html'), 'utf8'),
    js: readFileSync(path.join(dir, 'main.js'), 'utf8'),
  };
}

function proxy(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const up = request(
    { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    },
  );
  up.on('error', (err) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(err));
  });
  req.pipe(up);
}

/** The province's state with `n` sites and empty areas: what a snapshot carries before the first tick. */
function stateOf(sites: ReturnType<typeof makeSites>, seq: number): DashboardState {
  const areas: DashboardState['areas'] = { [PROVINCE_CODE]: emptyAreaState() };
  for (const d of DISTRICTS_2021) areas[d.code] = emptyAreaState();
  return {
    seq,
    areas,
    sites: Object.fromEntries(sites.map((s) => [s.siteId, s])),
    alerts: { ...emptyAlertsState(), conditions: conditionsOf(sites) },
  };
}

/**
 * Starts the front on a free port, in front of `upstream` (a running server). The feed ticks once a second
 * from the start, whether or not a page is connected, so every page sees the same cadence.
 */
export async function startLivePointsFeed(
  upstream: string,
  sites: number,
  port = 0,
): Promise<LivePointsFeed> {
  const bare = await buildBarePage();
  const target = new URL(upstream);
  const http = createServer((req, res) => {
    if (req.url === '/bare' || req.url?.startsWith('/bare/') || req.url?.startsWith('/bare?')) {
      const js = req.url.startsWith('/bare/main.js');
      res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
      res.end(js ? bare.js : bare.html);
      return;
    }
    proxy(target, req, res);
  });
  const io = new Server<LiveClientToServer, LiveServerToClient>(http);
  const live = io.of('/live');

  let current = makeSites(sites, Date.now());
  let seq = sites;
  let tick = 0;
  live.use((socket, next) => {
    const v = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
    next(v === PROTOCOL_VERSION ? undefined : new Error('protocol_mismatch'));
  });
  const feedRollup = makeRollup(AREAS_2021);
  const areaTree = areaTreeOf(
    AREAS_2021.map((a) => a.code),
    feedRollup,
    1,
  );
  live.on('connection', (socket) => {
    socket.emit('live:clock', { nowMs: Date.now(), speed: 1 });
    socket.on('live:subscribe', (req, ack) => {
      const parsed = LiveSubscribe.safeParse(req);
      if (!parsed.success) return ack({ ok: false, error: 'invalid_payload', details: parsed.error.issues });
      const snap: LiveSnapshot = { area: parsed.data.area, seq, state: stateOf(current, seq), areaTree };
      void socket.join('feed');
      ack({ ok: true, data: snap });
    });
    // Nothing is lost on one local connection; a page that asks anyway starts over from a snapshot.
    socket.on('live:resync', (_req, ack) => ack({ ok: false, error: 'internal' }));
  });
  let sent = stateOf(current, seq);
  const timer = setInterval(() => {
    tick++;
    const nowMs = Date.now();
    current = tickSites(current, tick, nowMs);
    const toSeq = seq + current.length;
    // The server's patch, made by the same function: each site's value and time, the conditions that moved.
    const next = stateOf(current, toSeq);
    const batch: LiveBatch = {
      area: PROVINCE_CODE,
      fromSeq: seq + 1,
      toSeq,
      events: [],
      patch: diffState(sent, next, PROVINCE_CODE, feedRollup),
    };
    sent = next;
    seq = batch.toSeq;
    live.to('feed').emit('live:batch', batch);
    live.emit('live:clock', { nowMs, speed: 1 });
  }, 1000);

  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const { port: bound } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${bound}`,
    ticks: () => tick,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      rmSync(bare.dir, { recursive: true, force: true });
    },
  };
}
