/**
 * Requests per second of the public endpoints, on the real app with a seeded log: `npx tsx bench/public.ts`.
 * An autocannon-like loop: CONNECTIONS keep-alive clients each send requests back to back for DURATION_S,
 * through undici's pooled fetch. Prints one line per endpoint; nothing is asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SCHEMATIC_2021 } from '../geo';
import { createApp } from '../server/app';
import { openSqliteStore } from '../server/store/sqlite-store';
import { createSimulation } from '../simulators/plan';
import { backfill } from '../simulators/runner';
import { SENSOR_SITES } from '../geo';
import type { IocEvent } from '../protocol';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 16);
const DURATION_S = Number(process.env.DURATION_S ?? 5);
const FROM = Date.parse('2021-07-25T00:00:00+07:00');
const NOW = Date.parse('2021-08-01T08:00:00+07:00');

async function load(
  url: string,
  init?: RequestInit,
): Promise<{ rps: number; statuses: Map<number, number> }> {
  const statuses = new Map<number, number>();
  const end = Date.now() + DURATION_S * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const res = await fetch(url, init);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        n++;
      }
    }),
  );
  return { rps: n / DURATION_S, statuses };
}

const dir = mkdtempSync(path.join(tmpdir(), 'ioc-bench-public-'));
const store = openSqliteStore(path.join(dir, 'events.sqlite'));
const app = await createApp({
  store,
  clock: { now: () => NOW, speed: () => 0 },
  areaSet: SCHEMATIC_2021,
  ingestTokens: ['bench-token-0123456789'],
  batchWindowMs: 200,
  version: 'bench',
  // A benchmark measures the pipeline, not access: its clients read without signing in.
  readAccess: 'open',
  // The default cache period; the lookup limit raised so the bench measures the lookup, not the 429.
  publicApi: { cacheTtlMs: 5000, lookupLimit: { windowMs: 60_000, limit: 1e9 } },
});
const sim = createSimulation({
  seed: 2021,
  sites: SENSOR_SITES,
  sensorHistoryFromMs: NOW - 3600_000,
  historyFromMs: FROM,
});
let code = '';
const n = await backfill(sim, FROM, NOW, async (events: IocEvent[]) => {
  for (const e of events)
    if (!code && e.stream === 'dossier' && e.action === 'resolved') code = e.dossierCode;
  await app.ingest.ingest(events);
});
await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
console.log(
  `${n.toLocaleString('en')} events in the log; ${CONNECTIONS} connections, ${DURATION_S} s per endpoint`,
);
// Client and server share this process: on a busy machine compare the lines, not the absolute figures.
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${cpus().length} cores`,
);

const etag = (await fetch(`${base}/api/public/summary`)).headers.get('etag') ?? '';
const cases: [string, string, RequestInit?][] = [
  ['summary', `${base}/api/public/summary`],
  ['summary, revalidated (304)', `${base}/api/public/summary`, { headers: { 'if-none-match': etag } }],
  ['covid', `${base}/api/public/covid`],
  ['areas', `${base}/api/public/areas`],
  ['dossier lookup', `${base}/api/public/dossiers/${code}`],
  ['dossier qr.svg', `${base}/api/public/dossiers/${code}/qr.svg`],
  // For scale: an operator endpoint that computes its answer on every request.
  ['(uncached /api/kpis?area=80)', `${base}/api/kpis?area=80`],
];
for (const [name, url, init] of cases) {
  const { rps, statuses } = await load(url, init);
  const codes = [...statuses].map(([s, c]) => `${s}×${c}`).join(' ');
  console.log(`${name.padEnd(28)} ${Math.round(rps).toLocaleString('en').padStart(7)} req/s  (${codes})`);
}
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
