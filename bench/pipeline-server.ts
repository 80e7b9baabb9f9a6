/*
 * The server side of the pipeline bench, in its own process so that its CPU, RSS and event-loop delay are its
 * own: `ioc` is the real app (validation, SQLite log, reducers, fan-out), `relay` a bare Socket.IO server that
 * re-broadcasts each ingest message to every dashboard as it comes (no validation, log or reducers).
 * Parent ↔ child over IPC: the child sends {ready, port}; on {stats} it answers CPU, RSS and loop delay since the
 * previous {stats}; on {state} the province state of the engine (ioc only).
 */
import { loadConfig } from '../server/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { SCHEMATIC_2021 } from '../geo';
import { makeRollup } from '../geo/areas';
import { createApp } from '../server/app';
import { admissionRules } from '../server/ingest/event-admission';
import { scopeState } from '../server/engine/scope-state';
import { openSqliteStore } from '../server/store/sqlite-store';
import { BENCH_TOKEN, type ServerRequest, type ServerStats } from './pipeline-messages';

async function startIoc(port: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-pipeline-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const app = await createApp({
    store,
    clock: { now: () => Date.now(), speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: [BENCH_TOKEN],
    // No per-token rate limit: the bench measures the pipeline, not the limiter. Messages keep the production
    // 64 KB limit; the bench's batches fit it.
    security: { ingestRateLimit: { windowMs: 10_000, limit: 1e9 } },
    // The product's window (BATCH_WINDOW_MS and its default), so the latency measured is the one shipped.
    batchWindowMs: loadConfig(process.env).batchWindowMs,
    version: 'bench',
    // A benchmark measures the pipeline, not access: its clients read without signing in.
    readAccess: 'open',
    // The bench's readings name sites of their own (BENCH-<n>); time and COVID rules stay the product's.
    admission: { ...admissionRules(), isKnownSite: () => true },
    // BENCH_INGEST_WORKERS=n: the ingest schema checks in n worker threads (before/after figures of issue 23).
    ingestValidationWorkers: Number(process.env.BENCH_INGEST_WORKERS ?? 0),
  });
  await new Promise<void>((r) => app.httpServer.listen(port, '127.0.0.1', r));
  const rollup = makeRollup(SCHEMATIC_2021.areas);
  return {
    state: () => scopeState(app.engine.state, '80', rollup),
    stop: async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startRelay(port: number) {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
  const live = io.of('/live');
  live.on('connection', (socket) => {
    socket.on('live:subscribe', (_req: unknown, ack: (r: unknown) => void) =>
      ack({ ok: true, data: { area: '80', seq: 0, state: null } }),
    );
  });
  let seq = 0;
  io.of('/ingest').on('connection', (socket) => {
    socket.on('ingest:batch', (batch: { events: unknown[] }, ack: (r: unknown) => void) => {
      const fromSeq = seq + 1;
      seq += batch.events.length;
      live.emit('live:batch', { area: '80', fromSeq, toSeq: seq, events: batch.events });
      ack({ ok: true, data: { accepted: batch.events.length, duplicates: 0, rejected: 0, results: [] } });
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', r));
  return {
    state: () => null,
    stop: () => new Promise<void>((r) => io.close(() => r())),
  };
}

const [mode, portArg] = process.argv.slice(2);
const server = mode === 'relay' ? await startRelay(Number(portArg)) : await startIoc(Number(portArg));
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu0 = process.cpuUsage();
let t0 = performance.now();
process.on('message', async (msg: ServerRequest) => {
  if (msg.type === 'stats') {
    const cpu = process.cpuUsage(cpu0);
    const stats: ServerStats = {
      type: 'stats',
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - t0,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
    loop.reset();
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    process.send!(stats);
  } else if (msg.type === 'state') process.send!({ type: 'state', state: server.state() });
  else {
    await server.stop();
    process.exit(0);
  }
});
process.send!({ type: 'ready' });
