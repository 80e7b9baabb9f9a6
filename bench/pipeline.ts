/*
 * Pipeline bench: sources → /ingest → (validation → SQLite log → reducers → fan-out) → dashboards on /live, at
 * increasing rates until it saturates, against a raw Socket.IO relay of the same messages in the same run.
 * Sources and dashboards share this process; the server runs in bench/pipeline-server.ts.
 *
 *   npx tsx bench/pipeline.ts [--rates 30000,50000] [--single] [--relay] [--window 100] [--clients 200] [--runs 3]
 *
 * runs one series on its own (`npm run bench` runs them all); `BENCH_SERVER_PROF=dir` profiles the server.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  applyEvents,
  applyBinarySites,
  applyPatch,
  readBinarySites,
  siteTableOf,
  type Ack,
  type DashboardState,
  type IngestReport,
  type LiveBatch,
  type LoggedEvent,
  type SensorReading,
  type SiteTable,
} from '../protocol';
import { SCHEMATIC_2021 } from '../geo';
import { makeRollup } from '../geo/areas';
import { scopeState } from '../server/engine/scope-state';
import { BENCH_TOKEN, type ServerRequest, type ServerStats } from './pipeline-messages';
import { formatSpread, judgeRuns, PIPELINE_GOALS } from '../testkit/pipeline-spread';

export type ServerKind = 'ioc' | 'relay';

export interface PipelineOptions {
  clients: number;
  /** Offered events/s, tried in order until a step saturates. */
  rates: readonly number[];
  stepSeconds: number;
  /** Events per source message when batched. */
  batchSize: number;
  port: number;
  /** The server's fan-out window (`BATCH_WINDOW_MS`); the product's default when omitted. */
  windowMs?: number;
}

export interface PipelineStep {
  /** The step's target rate, events/s. */
  rate: number;
  offered: number;
  /** Events/s the sources got acknowledged. */
  acked: number;
  /** Events/s a dashboard received (mean over dashboards). */
  delivered: number;
  /** Per event: its send → the first batch that accounts for it (`toSeq` ≥ its seq), on sampled dashboards. */
  p50Ms: number;
  p99Ms: number;
  /** State mode: the age on arrival of each site's newest value in a patch, i.e. how stale a dashboard is. */
  staleP50Ms: number;
  staleP99Ms: number;
  loopDelayP99Ms: number;
  cpuPct: number;
  rssMb: number;
  saturated: boolean;
}

export interface PipelineRun {
  server: ServerKind;
  batched: boolean;
  clients: number;
  steps: PipelineStep[];
  /** The target rate of the last step the server kept up with: not saturated, ≥ 99 % delivered (0 if none). */
  sustained: number;
  best: PipelineStep | null;
  /** Every dashboard saw a contiguous seq range up to the server's last seq; sampled folds equal the server. */
  stateCheck: { clientsContiguous: number; sampled: number; sampledEqual: number } | null;
}

const rollup = makeRollup(SCHEMATIC_2021.areas);
const DISTRICTS = SCHEMATIC_2021.areas.filter((a) => a.code.length === 3).map((a) => a.code);
/** Dashboards that keep every event to fold and compare with the server at the end. */
const FOLD_SAMPLE = 3;

function startServer(kind: ServerKind, port: number, windowMs?: number): Promise<ChildProcess> {
  const child = fork(new URL('./pipeline-server.ts', import.meta.url).pathname, [kind, String(port)], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_SERVER_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: windowMs ? { ...process.env, BATCH_WINDOW_MS: String(windowMs) } : process.env,
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`bench server (${kind}) exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, req: ServerRequest): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(req);
  });
}

interface Dashboard {
  socket: Socket;
  startSeq: number;
  snapshot: DashboardState | null;
  lastSeq: number;
  contiguous: boolean;
  received: number;
  kept: LoggedEvent[] | null;
  /** The IOC's dashboards (`state` mode): the snapshot with every patch applied, as the browser keeps it. */
  state: DashboardState | null;
  /** The site table of `state`, kept between binary site patches. */
  table: SiteTable | null;
  /** Sampled dashboards: each batch's `toSeq` and arrival time (ms), in arrival order. */
  arrivals: { toSeq: number; atMs: number }[] | null;
}

/** Dashboards whose batch arrivals are timed for the per-event latency (all of them cost the bench process). */
const TIMED_DASHBOARDS = 20;
/** One event in this many has its send time kept, by seq, for the per-event latency. */
const EVENT_SAMPLE = 8;

/** The sites a patch moved (those whose newest value arrived with it). */
const changedSites = (b: LiveBatch, table: SiteTable | null): string[] => {
  const op = b.patch?.sites;
  const named = op?.[0] === 'patch' ? Object.keys(op[1]) : [];
  if (!b.binarySites || !table) return named;
  for (const i of readBinarySites(b.binarySites).indices) named.push(table.ids[i]!);
  return named;
};

async function connectDashboard(
  url: string,
  keep: boolean,
  timed: boolean,
  latencies: { events: number[]; stale: number[] },
): Promise<Dashboard> {
  const socket = io(`${url}/live`, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // The IOC's dashboards follow state, as the SPA does; the relay ignores the mode and sends every event.
  const res = (await socket.emitWithAck('live:subscribe', { area: '80', mode: 'state' })) as {
    ok: boolean;
    data: { seq: number; state: DashboardState | null };
  };
  const d: Dashboard = {
    socket,
    startSeq: res.data.seq,
    snapshot: res.data.state,
    lastSeq: res.data.seq,
    contiguous: true,
    received: 0,
    kept: keep ? [] : null,
    state: keep ? res.data.state : null,
    table: null,
    arrivals: timed ? [] : null,
  };
  socket.on('live:batch', (b: LiveBatch) => {
    if (b.fromSeq !== d.lastSeq + 1) d.contiguous = false;
    d.lastSeq = b.toSeq;
    // Events the dashboard's state now accounts for, whether they came one by one or as a patch.
    d.received += b.toSeq - b.fromSeq + 1;
    if (d.kept) for (const e of b.events) d.kept.push(e);
    if (d.state)
      d.state = b.patch
        ? applyPatch(d.state, b.patch, b.toSeq)
        : { ...d.state, seq: Math.max(d.state.seq, b.toSeq) };
    if (d.state && b.binarySites) {
      d.table = siteTableOf(d.state, d.table);
      d.state = applyBinarySites(d.state, b.binarySites, d.table);
    }
    const now = Date.now();
    d.arrivals?.push({ toSeq: b.toSeq, atMs: now });
    // Events sent one by one (the relay) carry their own send time.
    for (const e of b.events) latencies.events.push(now - e.tsMs);
    // A patch carries each site's newest value: its age on arrival is how stale the dashboard is.
    if (d.state)
      for (const id of changedSites(b, d.table)) latencies.stale.push(now - d.state.sites[id]!.tsMs);
  });
  return d;
}

/**
 * For each sampled event and each timed dashboard: the first batch whose range reaches the event's seq, minus the
 * event's send time. Both lists ascend (seqs, and a contiguous dashboard's `toSeq`), so one pass each.
 */
function eventLatencies(sentAt: Map<number, number>, dashboards: readonly Dashboard[]): number[] {
  const seqs = [...sentAt.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (const d of dashboards) {
    if (!d.arrivals) continue;
    let j = 0;
    for (const seq of seqs) {
      while (j < d.arrivals.length && d.arrivals[j]!.toSeq < seq) j++;
      if (j === d.arrivals.length) break;
      out.push(d.arrivals[j]!.atMs - sentAt.get(seq)!);
    }
  }
  return out;
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** A source's reading; `tsMs` is the send instant, so receive time − tsMs is the end-to-end latency. */
function reading(source: string, n: number): SensorReading {
  const site = n % 200;
  return {
    v: PROTOCOL_VERSION,
    id: `${source}-${n}`,
    source,
    stream: 'sensor',
    area: DISTRICTS[site % DISTRICTS.length]!,
    tsMs: Date.now(),
    siteId: `BENCH-${site}`,
    kind: 'pm25',
    value: 20 + (n % 17),
    unit: 'µg/m³',
    lonLat: [106.4 + (site % 20) * 0.01, 10.5 + Math.floor(site / 20) * 0.01],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchPipeline(
  server: ServerKind,
  batched: boolean,
  opts: PipelineOptions,
): Promise<PipelineRun> {
  const child = await startServer(server, opts.port, opts.windowMs);
  const url = `http://127.0.0.1:${opts.port}`;
  const latencies = { events: [] as number[], stale: [] as number[] };
  /** Sampled events' send times by the seq their ack gave them. */
  const sentAt = new Map<number, number>();
  const dashboards: Dashboard[] = [];
  const sources: Socket[] = [];
  try {
    // Latency is taken on every dashboard's events: each is a separate decode, as in separate browsers.
    for (let i = 0; i < opts.clients; i++)
      dashboards.push(
        await connectDashboard(url, server === 'ioc' && i < FOLD_SAMPLE, i < TIMED_DASHBOARDS, latencies),
      );
    for (let i = 0; i < 2; i++) {
      const s = io(`${url}/ingest`, {
        auth: { token: BENCH_TOKEN, protocolVersion: PROTOCOL_VERSION },
        transports: ['websocket'],
        forceNew: true,
      });
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('connect_error', reject);
      });
      sources.push(s);
    }
    const steps: PipelineStep[] = [];
    let counter = 0;
    for (const rate of opts.rates) {
      latencies.events.length = 0;
      latencies.stale.length = 0;
      sentAt.clear();
      for (const d of dashboards) if (d.arrivals) d.arrivals.length = 0;
      const received0 = new Map(dashboards.map((d) => [d, d.received]));
      await ask<ServerStats>(child, { type: 'stats' });
      let acked = 0;
      let inFlight = 0;
      let backlogged = false;
      const tickMs = 50;
      const t0 = performance.now();
      let due = 0;
      let lastSendMs = t0;
      // Paced by wall time: each tick sends what is due so far, so a slow tick is caught up, not dropped.
      while (performance.now() - t0 < opts.stepSeconds * 1000) {
        lastSendMs = performance.now();
        const target = Math.floor(((lastSendMs - t0) / 1000) * rate);
        // A source that waits on more than a second of unacknowledged events has saturated the server.
        if (inFlight > rate) backlogged = true;
        else {
          while (due < target) {
            const n = batched ? Math.min(opts.batchSize, target - due) : 1;
            const events = Array.from({ length: n }, () => reading(`bench-src-${counter % 2}`, counter++));
            const src = sources[counter % 2]!;
            inFlight += n;
            src.emit('ingest:batch', { events }, (ack: Ack<IngestReport>) => {
              inFlight -= n;
              acked += n;
              if (ack.ok && server === 'ioc')
                for (const r of ack.data.results)
                  if (r.status === 'accepted' && r.seq % EVENT_SAMPLE === 0)
                    sentAt.set(r.seq, events[r.index]!.tsMs);
            });
            due += n;
          }
        }
        await sleep(tickMs);
      }
      // Rates over the span in which events were sent: the last tick's sleep sent nothing and would read as ~1 % short.
      const seconds = (lastSendMs - t0) / 1000;
      for (let i = 0; i < 60 && inFlight > 0; i++) await sleep(50);
      // Every dashboard should receive every acknowledged event; one that is still behind after 3 s is lagging.
      const sent = acked;
      let caughtUp = false;
      for (let i = 0; i < 60 && !caughtUp; i++) {
        caughtUp = dashboards.every((d) => d.received - (received0.get(d) ?? 0) >= sent);
        if (!caughtUp) await sleep(50);
      }
      const stats = await ask<ServerStats>(child, { type: 'stats' });
      const received = dashboards.reduce((s, d) => s + d.received - (received0.get(d) ?? 0), 0);
      const delivered = received / dashboards.length / seconds;
      if (server === 'ioc') for (const ms of eventLatencies(sentAt, dashboards)) latencies.events.push(ms);
      const step: PipelineStep = {
        rate,
        offered: due / seconds,
        acked: acked / seconds,
        delivered,
        p50Ms: percentile(latencies.events, 50),
        p99Ms: percentile(latencies.events, 99),
        staleP50Ms: percentile(latencies.stale, 50),
        staleP99Ms: percentile(latencies.stale, 99),
        loopDelayP99Ms: stats.loopDelayP99Ms,
        cpuPct: (100 * stats.cpuMs) / stats.wallMs,
        rssMb: stats.rssMb,
        saturated:
          backlogged || !caughtUp || acked / seconds < 0.9 * rate || percentile(latencies.events, 99) > 2000,
      };
      steps.push(step);
      console.log(
        `  ${server} ${batched ? 'batched' : 'single '} ${rate.toLocaleString('en').padStart(7)} ev/s offered → ` +
          `${Math.round(delivered).toLocaleString('en')} delivered, p50 ${step.p50Ms.toFixed(0)} ms, ` +
          `p99 ${step.p99Ms.toFixed(0)} ms` +
          (server === 'ioc'
            ? ` (newest value ${step.staleP50Ms.toFixed(0)} / ${step.staleP99Ms.toFixed(0)} ms)`
            : '') +
          `, cpu ${step.cpuPct.toFixed(0)} %${step.saturated ? ' (saturated)' : ''}`,
      );
      if (step.saturated) break;
    }
    const ok = steps.filter((s) => !s.saturated && s.delivered >= 0.99 * s.rate);
    const best = ok.at(-1) ?? null;
    let stateCheck: PipelineRun['stateCheck'] = null;
    if (server === 'ioc') {
      const { state } = await ask<{ state: DashboardState }>(child, { type: 'state' });
      for (let i = 0; i < 100 && dashboards.some((d) => d.lastSeq < state.seq); i++) await sleep(100);
      const sampled = dashboards.filter((d) => d.kept && d.snapshot);
      const scoped = scopeState(state, '80', rollup);
      const sampledEqual = sampled.filter((d) =>
        d.state && d.kept!.length === 0
          ? isDeepStrictEqual(d.state, scoped)
          : isDeepStrictEqual(applyEvents(d.snapshot!, d.kept!, rollup), state),
      ).length;
      stateCheck = {
        clientsContiguous: dashboards.filter((d) => d.contiguous && d.lastSeq === state.seq).length,
        sampled: sampled.length,
        sampledEqual,
      };
    }
    return {
      server,
      batched,
      clients: opts.clients,
      steps,
      sustained: best?.rate ?? 0,
      best,
      stateCheck,
    };
  } finally {
    for (const s of [...sources, ...dashboards.map((d) => d.socket)]) s.disconnect();
    const exited = new Promise((r) => child.once('exit', r));
    child.send({ type: 'stop' } satisfies ServerRequest);
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) child.kill();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const window = arg('window');
  const batched = !process.argv.includes('--single');
  const runs: PipelineRun[] = [];
  for (let i = 0; i < Number(arg('runs') ?? 1); i++)
    runs.push(
      await benchPipeline(process.argv.includes('--relay') ? 'relay' : 'ioc', batched, {
        clients: Number(arg('clients') ?? 200),
        rates: (arg('rates') ?? '10000,30000,50000').split(',').map(Number),
        stepSeconds: 5,
        batchSize: 200,
        port: Number(process.env.BENCH_PORT ?? 8470) + i,
        ...(window ? { windowMs: Number(window) } : {}),
      }),
    );
  const verdict = judgeRuns(runs, PIPELINE_GOALS[batched ? 'batched' : 'single']);
  const n = (x: number) => Math.round(x).toLocaleString('en');
  console.log(
    `sustained ${formatSpread(verdict.sustained, n)} ev/s, p99 at it ${formatSpread(verdict.p99Ms, n)} ms ` +
      `over ${runs.length} run(s): ${verdict.pass ? 'pass' : 'miss'}`,
  );
  process.exit(0);
}
