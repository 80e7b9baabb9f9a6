import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { connectLive } from '../../../client/net/live-socket';
import { createClockSlice } from '../../../client/store/clock.slice';
import { createConnectionSlice } from '../../../client/store/connection.slice';
import { createDashboardSlice } from '../../../client/store/dashboard.slice';
import type { RootState } from '../../../client/store/store';
import { SCHEMATIC_2021, SENSOR_SITES } from '../../../geo';
import type { DossierSubmitted, SensorReading } from '../../../protocol';
import { createApp, type App } from '../../../server/app';
import type { SecurityOptions } from '../../../server/security/options';
import type { ReadAccess } from '../../../server/auth/access-policy';
import { openSqliteStore } from '../../../server/store/sqlite-store';
import type { EventStore } from '../../../server/store/event-store';
import { FIXTURE_ADMISSION } from './fixture-admission';

export const TOKEN = 'reliability-token-0123456789';
const T0 = Date.UTC(2021, 7, 2, 2);
const DISTRICTS = ['794', '795', '796', '797', '798', '799', '800', '801', '802', '803', '804', '805', '806'];

/** A valid reading; `n` varies the area, time and value so that the dashboards' state changes with each one. */
export function reading(source: string, n: number): SensorReading {
  return {
    v: 1,
    id: `r-${n}`,
    source,
    area: DISTRICTS[n % DISTRICTS.length]!,
    tsMs: T0 + n * 1000,
    stream: 'sensor',
    // Registered sites: the spawned server takes readings of those only (unknown_site).
    siteId: SENSOR_SITES[n % 7]!.siteId,
    kind: 'water_level',
    value: (n % 300) / 100,
    unit: 'm',
    lonLat: [106.4, 10.5],
  };
}

/** A valid online submission: it moves the dossier counters of its district and of the province. */
export function submission(source: string, n: number): DossierSubmitted {
  return {
    v: 1,
    id: `d-${n}`,
    source,
    area: DISTRICTS[n % DISTRICTS.length]!,
    tsMs: T0 + n * 1000,
    stream: 'dossier',
    dossierCode: `LA-${n}`,
    action: 'submitted',
    channel: 'online',
    serviceLevel: 4,
    procedure: 'Cấp giấy phép xây dựng',
    agency: 'UBND',
    dueMs: T0 + n * 1000 + 3 * 86_400_000,
  };
}

export interface SecureServer {
  url: string;
  port: number;
  app: App;
  store: EventStore;
  close(): Promise<void>;
}

/** The real app on port 0 with the security options under test (the shared test server takes none). */
export async function startSecureServer(
  security: Partial<SecurityOptions> = {},
  /** `readAccess`: `open` unless given, as these suites are about sources' rights and recovery, not reading. */
  opts: { batchWindowMs?: number; ingestTokens?: string[]; readAccess?: ReadAccess } = {},
): Promise<SecureServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-rel-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const app = await createApp({
    store,
    clock: { now: () => T0, speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: opts.ingestTokens ?? [TOKEN],
    security,
    batchWindowMs: opts.batchWindowMs ?? 50,
    version: 'test',
    readAccess: opts.readAccess ?? 'open',
    admission: FIXTURE_ADMISSION,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    store,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Dashboard {
  store: StoreApi<RootState>;
  /** Resolves once `predicate` holds for the store, checked on every change: no sleeps. */
  until(predicate: (s: RootState) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A browser dashboard in node: the client's own socket wiring (client/net/live-socket.ts) driving the client's
 * own store slices, so gap detection, resync and re-subscribe are the code the browser runs.
 */
export function openDashboard(liveUrl: string, area = '80'): Dashboard {
  const store = createStore<RootState>()(
    (...a) =>
      ({
        ...createConnectionSlice(...a),
        ...createDashboardSlice(...a),
        ...createClockSlice(...a),
      }) as RootState,
  );
  const close = connectLive(store.getState(), area, liveUrl);
  return {
    store,
    close,
    until: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        if (predicate(store.getState())) return resolve();
        const timer = setTimeout(() => {
          unsub();
          reject(new Error(`dashboard condition not met; feed at seq ${store.getState().feed.lastSeq}`));
        }, timeoutMs);
        const unsub = store.subscribe((s) => {
          if (!predicate(s)) return;
          clearTimeout(timer);
          unsub();
          resolve();
        });
      }),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `server/index.ts` as a child process through tsx (the source under test, no build needed), SIM=off so only
 * the test's sources write. Resolves once `/api/health` answers.
 */
export async function spawnServer(port: number, dataDir: string, env: Record<string, string> = {}) {
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    // READ_ACCESS=open: the crash suites check what dashboards and downloads see, not who may read.
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SIM: 'off',
      INGEST_TOKENS: TOKEN,
      READ_ACCESS: 'open',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not come up:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => out,
    /** kill -9: no drain, no snapshot, no close of the log. */
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
