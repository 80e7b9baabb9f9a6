import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Principal, type Role } from '../../../protocol';
import { SCHEMATIC_2021 } from '../../../geo';
import { createApp, type App } from '../../../server/app';
import type { ReadAccess } from '../../../server/auth/access-policy';
import { openAuthStore, type AuthStore } from '../../../server/auth/auth-store';
import { hashPassword } from '../../../server/auth/password';
import { openSqliteStore } from '../../../server/store/sqlite-store';
import type { EventStore } from '../../../server/store/event-store';
import { FIXTURE_ADMISSION } from './fixture-admission';

export const ENV_INGEST_TOKEN = 'env-ingest-token-0123456789';
export const OPERATOR_TOKEN = 'auth-test-operator-token-0123';
export const T0 = Date.UTC(2021, 7, 1, 1);

export interface AuthServer {
  url: string;
  app: App;
  store: EventStore;
  auth: AuthStore;
  /** The data directory: `auth.sqlite` is the file the CLI opens too. */
  dir: string;
  close(): Promise<void>;
}

/** The real app on port 0 with its auth store in a file, as `npm start` runs it. */
export async function startAuthServer(
  opts: {
    readAccess?: ReadAccess;
    loginRateLimit?: { windowMs: number; limit: number };
    trustProxy?: string | number | boolean;
    /** A built SPA to serve, as the production server does. */
    staticDir?: string;
  } = {},
): Promise<AuthServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ioc-auth-'));
  const store = openSqliteStore(path.join(dir, 'events.sqlite'));
  const auth = openAuthStore(path.join(dir, 'auth.sqlite'));
  const app = await createApp({
    store,
    clock: { now: () => T0, speed: () => 1 },
    areaSet: SCHEMATIC_2021,
    ingestTokens: [ENV_INGEST_TOKEN],
    security: { operatorTokens: [OPERATOR_TOKEN] },
    batchWindowMs: 50,
    version: 'test',
    authStore: auth,
    admission: FIXTURE_ADMISSION,
    ...(opts.readAccess ? { readAccess: opts.readAccess } : {}),
    ...(opts.loginRateLimit ? { loginRateLimit: opts.loginRateLimit } : {}),
    ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    ...(opts.staticDir ? { staticDir: opts.staticDir } : {}),
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    auth,
    dir,
    async close() {
      await app.close();
      await store.close();
      auth.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(auth: AuthStore, username: string, role: Role, password: string) {
  auth.addUser(username, role, await hashPassword(password));
}

export interface Answer {
  status: number;
  body: unknown;
  /** `name=value` of the session cookie set by this answer, if any. */
  cookie: string | null;
  setCookie: string | null;
}

/** A JSON request as the SPA makes it; `cookie` is sent as a browser would on the same origin. */
export async function call(
  url: string,
  method: string,
  pathname: string,
  opts: { body?: unknown; cookie?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(url + pathname, {
    method,
    headers: {
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...opts.headers,
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  return {
    status: res.status,
    body:
      text && /^application\/([\w.-]+\+)?json$/.test(res.headers.get('content-type')?.split(';')[0] ?? '')
        ? (JSON.parse(text) as unknown)
        : text || null,
    setCookie,
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
  };
}

export async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await call(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200 || !res.cookie) throw new Error(`sign-in of ${username} failed: ${res.status}`);
  return res.cookie;
}

export async function me(url: string, cookie: string | null): Promise<Principal | null> {
  const res = await call(url, 'GET', '/api/auth/me', { cookie });
  return (res.body as { principal: Principal | null }).principal;
}

/** Resolves with the connected socket, or rejects with the refusal's message (`unauthorized` …). */
export function connectSocket(
  url: string,
  nsp: '/live' | '/replay' | '/ingest',
  opts: { cookie?: string | null; auth?: object } = {},
): Promise<Socket> {
  const socket = io(`${url}${nsp}`, {
    auth: { protocolVersion: PROTOCOL_VERSION, ...opts.auth },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...(opts.cookie ? { extraHeaders: { cookie: opts.cookie } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves when the server closes the socket. */
export function disconnected(socket: Socket, timeoutMs = 5000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still open')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
