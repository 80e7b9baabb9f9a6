import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type LiveBatch,
  type LiveMode,
  type LiveClientToServer,
  type LiveServerToClient,
  type LiveSnapshot,
} from '../../../protocol';
import { SCHEMATIC_2021, type AreaSetRegistry } from '../../../geo';
import { createApp, type App } from '../../../server/app';
import type { ReadAccess } from '../../../server/auth/access-policy';
import type { Clock } from '../../../server/clock';
import type { SnapshotPolicy } from '../../../server/engine/state-engine';
import type { SecurityOptions } from '../../../server/security/options';
import { openSqliteStore } from '../../../server/store/sqlite-store';
import type { EventStore } from '../../../server/store/event-store';
import { FIXTURE_ADMISSION } from './fixture-admission';
import type { AdmissionRules } from '../../../server/ingest/event-admission';
import type { SensorArchive } from '../../../server/sensor-history/sensor-archive';

export const TEST_TOKEN = 'test-token-0123456789';
/** Carries the operator right on the test server (acknowledging alerts, steering the wall). */
export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789';

export interface TestServer {
  url: string;
  app: App;
  store: EventStore;
  dir: string;
  close(): Promise<void>;
}

/** The real server on an ephemeral port with its own SQLite file; nothing shared between tests. */
export async function startTestServer(
  opts: {
    clock?: Clock;
    batchWindowMs?: number;
    /** Sites in a window from which they go binary (AppDeps.binarySitesMin). */
    binarySitesMin?: number;
    dir?: string;
    areaSets?: AreaSetRegistry;
    snapshotPolicy?: SnapshotPolicy;
    /** The product's default is `signed-in`; the suites on this server are about the pipeline, not access. */
    readAccess?: ReadAccess;
    /** Limits beyond the defaults (message allowance, replay sessions, exports …). */
    security?: Partial<SecurityOptions>;
    /** The ingest rules; {@link FIXTURE_ADMISSION} when omitted. */
    admission?: AdmissionRules;
    /** The sensor history before the log's readings; none when omitted. */
    sensorArchive?: SensorArchive;
    /** Worker threads for ingest's schema checks; in the main thread when omitted. */
    ingestValidationWorkers?: number;
  } = {},
) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'ioc-int-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const app = await createApp({
    store,
    clock: opts.clock ?? { now: () => Date.UTC(2021, 7, 1, 1), speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ...(opts.areaSets ? { areaSets: opts.areaSets } : {}),
    ...(opts.snapshotPolicy ? { snapshotPolicy: opts.snapshotPolicy } : {}),
    ingestTokens: [TEST_TOKEN],
    security: { operatorTokens: [TEST_OPERATOR_TOKEN], ...opts.security },
    batchWindowMs: opts.batchWindowMs ?? 50,
    ...(opts.binarySitesMin ? { binarySitesMin: opts.binarySitesMin } : {}),
    version: 'test',
    readAccess: opts.readAccess ?? 'open',
    admission: opts.admission ?? FIXTURE_ADMISSION,
    ...(opts.sensorArchive ? { sensorArchive: () => opts.sensorArchive ?? null } : {}),
    ...(opts.ingestValidationWorkers ? { ingestValidationWorkers: opts.ingestValidationWorkers } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    dir,
    async close() {
      await app.close();
      await store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

export type LiveSocket = Socket<LiveServerToClient, LiveClientToServer>;

/** A dashboard's connection: subscribed to `area`, recording every batch it receives. */
export async function connectLive(
  url: string,
  area = '80',
  opts: { operatorToken?: string; mode?: LiveMode } = {},
) {
  const { mode, ...auth } = opts;
  const socket: LiveSocket = io(`${url}/live`, {
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    transports: ['websocket'],
    forceNew: true,
  });
  const batches: LiveBatch[] = [];
  socket.on('live:batch', (b) => batches.push(b));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const snapshot: Ack<LiveSnapshot> = await socket.emitWithAck(
    'live:subscribe',
    mode ? { area, mode } : { area },
  );
  if (!snapshot.ok) throw new Error(`subscribe failed: ${snapshot.error}`);
  return { socket, batches, snapshot: snapshot.data };
}

/** Resolves once `predicate` holds, checking on every batch: no sleeps. */
export function until(socket: LiveSocket, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for batches')), timeoutMs);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      socket.off('live:batch', check);
      resolve();
    };
    socket.on('live:batch', check);
  });
}
