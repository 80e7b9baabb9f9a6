// `npm run start:cluster -- --nodes 3`: N server nodes on consecutive ports sharing one PostgreSQL log and one
// Redis, for development and for trying a load balancer (docs/scaling.md). Every node may run the simulator
// and the scenario clock; a lease in PostgreSQL lets exactly one do it at a time, and another takes over when it dies.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `npm run start:cluster -- [--nodes 3] [--port 8080] [--data-dir ./data/cluster]

Needs DATABASE_URL=postgres://… and REDIS_URL=redis://… (MQTT_URL optional: one shared subscription for all).
Example on this machine:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \\
    npm run start:cluster -- --nodes 3`;

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    'data-dir': { type: 'string', default: './data/cluster' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const nodes = Number(values.nodes);
const basePort = Number(values.port);
if (!Number.isInteger(nodes) || nodes < 1 || !Number.isInteger(basePort)) {
  console.error(`--nodes must be a positive integer and --port a port number\n\n${HELP}`);
  process.exit(2);
}
const missing = ['DATABASE_URL', 'REDIS_URL'].filter((k) => !process.env[k]);
if (missing.length) {
  console.error(`${missing.join(' and ')} must be set: the nodes share one log and one adapter.\n\n${HELP}`);
  process.exit(2);
}

execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });

// One ingest token for every node, kept beside the nodes' data, so `npm run sim` works against any of them.
const dataDir = path.resolve(values['data-dir']);
mkdirSync(dataDir, { recursive: true });
const tokenFile = path.join(dataDir, 'ingest-token');
if (!existsSync(tokenFile))
  writeFileSync(tokenFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
const token = process.env.INGEST_TOKENS ?? readFileSync(tokenFile, 'utf8').trim();

const children = [];
for (let i = 0; i < nodes; i++) {
  const port = basePort + i;
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: path.join(dataDir, `node-${i + 1}`),
    INGEST_TOKENS: token,
    // Every node a candidate for the scenario lease: one simulator runs at a time, and it survives its node.
    SIM: process.env.SIM ?? 'on',
    // Meant to run behind the load balancer of docs/nginx-ioc.conf on this host: the client's address is the one
    // it names, so limits and the audit see the client, not the proxy.
    TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
    ...(process.env.MQTT_URL ? { MQTT_SHARE_GROUP: process.env.MQTT_SHARE_GROUP ?? 'ioc' } : {}),
    // One broker session per node: two nodes on one client id would take it from each other in turn.
    ...(process.env.MQTT_CLIENT_ID ? { MQTT_CLIENT_ID: `${process.env.MQTT_CLIENT_ID}-${i + 1}` } : {}),
  };
  const child = spawn(process.execPath, ['dist/server/index.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = `[node ${i + 1} :${port}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines)
        (stream === child.stderr ? process.stderr : process.stdout).write(tag + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    console.log(`${tag}exited ${signal ?? code}`);
    children.splice(children.indexOf(child), 1);
    if (children.length === 0) process.exit(0);
  });
  children.push(child);
}
console.log(
  `${nodes} node(s) on ports ${basePort}…${basePort + nodes - 1}; readiness at /api/ready, metrics at /metrics; ` +
    `ingest token in ${tokenFile}. Ctrl-C drains them all.`,
);

// Graceful: each node drains (not ready, inputs stopped, log flushed) on SIGTERM.
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
