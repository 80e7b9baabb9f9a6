/*
 * Scale bench (`npm run bench:scale`): ingest throughput and latency of 1, 2 and 3 server nodes on PostgreSQL +
 * Redis, beside one node on SQLite. Each node is a real process (`server/index.ts` under tsx) as
 * `npm run start:cluster` runs it; the same sources (6 /ingest connections, spread over the nodes round-robin)
 * send the same events in every configuration, and a dashboard on the LAST node measures delivery, so with
 * several nodes every event it sees crossed the shared log.
 * Latency: ack = batch sent → acknowledged durable; delivery = batch sent → its events received by the dashboard.
 * Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL; defaults are this machine's). `--small`: 6,000
 * events instead of 24,000 (BENCH_EVENTS overrides both). The load average is printed before and after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createClient } from 'redis';
import { io } from 'socket.io-client';
import { SENSOR_SITES } from '../geo';
import { PROTOCOL_VERSION, type IocEvent, type LiveBatch } from '../protocol';
import { connectIngest, type IngestClient } from '../sources/ingest-client';
import { createSimulation } from '../simulators/plan';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BASE_PORT = Number(process.env.BENCH_PORT ?? 8250);
/** `--small`: a quarter of the events, for a quick check that every configuration runs (CI, a busy machine). */
const SMALL = process.argv.includes('--small');
const EVENTS = Number(process.env.BENCH_EVENTS ?? (SMALL ? 6_000 : 24_000));
const SOURCES = 6;
const BATCH = 100;
const TOKEN = 'bench-token-0123456789abcdef';

interface Config {
  label: string;
  nodes: number;
  shared: boolean;
}
const CONFIGS: Config[] = [
  { label: 'SQLite, 1 node', nodes: 1, shared: false },
  { label: 'PostgreSQL + Redis, 1 node', nodes: 1, shared: true },
  { label: 'PostgreSQL + Redis, 2 nodes', nodes: 2, shared: true },
  { label: 'PostgreSQL + Redis, 3 nodes', nodes: 3, shared: true },
];

interface Row {
  label: string;
  eventsPerS: number;
  ackP50: number;
  ackP99: number;
  deliveryP99: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

function plan(): IocEvent[] {
  const start = Date.parse('2021-08-02T08:00:00+07:00');
  const sim = createSimulation({ seed: 3, sites: SENSOR_SITES, sensorHistoryFromMs: start });
  const out: IocEvent[] = [];
  for (let t = start; out.length < EVENTS; t += 600_000) out.push(...sim.eventsBetween(t, t + 600_000));
  return out.slice(0, EVENTS);
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node exited ${child.exitCode}:\n${log()}`);
    const ok = await fetch(`${url}/api/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after 60 s:\n${log()}`);
}

async function startNodes(config: Config, schema: string, prefix: string, dir: string) {
  const nodes: { url: string; child: ChildProcess }[] = [];
  for (let i = 0; i < config.nodes; i++) {
    const port = BASE_PORT + i;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: path.join(dir, `node-${i}`),
        SIM: 'off',
        INGEST_TOKENS: TOKEN,
        INGEST_RATE_LIMIT: '1000000',
        // Measures fan-out, not access: the benchmark's dashboards connect without signing in.
        READ_ACCESS: 'open',
        // Every benchmark dashboard comes from the loopback: one principal for the per-principal limit.
        SOCKET_MESSAGE_RATE_PER_PRINCIPAL: '1000000',
        ...(config.shared
          ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_PREFIX: prefix }
          : { DATABASE_URL: '', REDIS_URL: '' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, child, () => output);
    nodes.push({ url, child });
  }
  return nodes;
}

async function run(config: Config, events: IocEvent[]): Promise<Row> {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_${tag}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-scale-'));
  const nodes = await startNodes(config, schema, `bench-${tag}`, dir);
  try {
    // The dashboard on the last node: with several nodes, what it sees came through the shared log.
    const dash = io(`${nodes.at(-1)!.url}/live`, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
    });
    const sentAt = new Map<string, number>();
    const delivery: number[] = [];
    let lastSeq = 0;
    let onAll: () => void = () => {};
    const allDelivered = new Promise<void>((resolve) => (onAll = resolve));
    dash.on('live:batch', (b: LiveBatch) => {
      const now = performance.now();
      for (const e of b.events) delivery.push(now - (sentAt.get(e.id) ?? now));
      lastSeq = b.toSeq;
      if (lastSeq >= events.length) onAll();
    });
    await new Promise<void>((resolve) => dash.once('connect', () => resolve()));
    await dash.emitWithAck('live:subscribe', { area: '80' });

    const sources: IngestClient[] = await Promise.all(
      Array.from({ length: SOURCES }, (_, i) => connectIngest(nodes[i % nodes.length]!.url, TOKEN)),
    );
    const acks: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      sources.map(async (source, i) => {
        for (let k = i * BATCH; k < events.length; k += SOURCES * BATCH) {
          const batch = events.slice(k, k + BATCH);
          const t = performance.now();
          for (const e of batch) sentAt.set(e.id, t);
          const report = await source.send(batch);
          if (report.accepted !== batch.length)
            throw new Error(`accepted ${report.accepted} of ${batch.length}`);
          acks.push(performance.now() - t);
        }
      }),
    );
    const ackedMs = performance.now() - t0;
    await allDelivered;
    for (const s of sources) s.close();
    dash.close();
    return {
      label: config.label,
      eventsPerS: events.length / (ackedMs / 1000),
      ackP50: quantile(acks, 0.5),
      ackP99: quantile(acks, 0.99),
      deliveryP99: quantile(delivery, 0.99),
    };
  } finally {
    await Promise.all(
      nodes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    if (config.shared) await cleanUp(schema, `bench-${tag}`);
  }
}

async function cleanUp(schema: string, prefix: string) {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await c.end();
  const r = createClient({ url: REDIS_URL });
  await r.connect();
  const keys = await r.keys(`${prefix}:*`);
  if (keys.length) await r.del(keys);
  await r.quit();
}

const load = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
const events = plan();
console.log(
  `Scale bench: ${events.length} events, ${SOURCES} sources in batches of ${BATCH}, round-robin over the nodes; ` +
    `${process.env.BENCH_NOTE ?? 'this machine'}`,
);
// Nodes, databases and the load generator share this machine: figures taken under load are not the product's.
console.log(`before: ${load()}`);
const rows: Row[] = [];
for (const config of CONFIGS) {
  // Fresh ids per configuration: nothing is a duplicate of the previous run.
  const mine = events.map((e) => ({ ...e, source: `bench-${config.nodes}-${config.shared ? 'pg' : 'sq'}` }));
  const row = await run(config, mine);
  console.log(`  ${row.label}: ${Math.round(row.eventsPerS)} events/s`);
  rows.push(row);
}
const fmt = (n: number) => n.toFixed(1).padStart(8);
console.log('\n| configuration                 | events/s | ack p50 ms | ack p99 ms | delivery p99 ms |');
console.log('|-------------------------------|---------:|-----------:|-----------:|----------------:|');
for (const r of rows)
  console.log(
    `| ${r.label.padEnd(29)} | ${String(Math.round(r.eventsPerS)).padStart(8)} | ${fmt(r.ackP50)}   | ${fmt(r.ackP99)}   | ${fmt(r.deliveryP99)}        |`,
  );
console.log(`\nafter: ${load()}`);
process.exit(0);
