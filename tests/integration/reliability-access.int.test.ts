import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type IngestAck, type IngestReport } from '../../protocol';
import { reading, startSecureServer, submission, TOKEN, type SecureServer } from './support/reliability';

const OLD = 'old-token-aaaaaaaaaaaa';
const NEW = 'new-token-bbbbbbbbbbbb';

const post = (url: string, token: string, events: unknown[]) =>
  fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });

/** Resolves with the connected socket, or rejects with the refusal's message (e.g. `unauthorized`). */
function connect(
  url: string,
  nsp: string,
  auth: object,
  headers: Record<string, string> = {},
): Promise<Socket> {
  const socket = io(`${url}${nsp}`, {
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

describe('no write without a right', () => {
  let server: SecureServer;
  afterEach(async () => {
    await server?.close();
  });

  it('takes both tokens during a rotation and refuses any other, over HTTP and the socket', async () => {
    server = await startSecureServer({}, { ingestTokens: [OLD, NEW] });
    expect((await post(server.url, OLD, [reading('rot', 1)])).status).toBe(200);
    expect((await post(server.url, NEW, [reading('rot', 2)])).status).toBe(200);
    const refused = await post(server.url, 'new-token-bbbbbbbbbbbc', [reading('rot', 3)]);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'unauthorized' });

    const ok = await connect(server.url, '/ingest', { token: NEW });
    const ack: IngestAck = await ok.emitWithAck('ingest:batch', { events: [reading('rot', 4)] });
    expect(ack.ok && ack.data.accepted).toBe(1);
    ok.close();
    await expect(connect(server.url, '/ingest', { token: 'guess' })).rejects.toThrow('unauthorized');
    expect(await server.store.countEvents()).toBe(3);
  });

  it('answers 429 past the per-token limit over HTTP and rate_limited over the socket, logging nothing', async () => {
    server = await startSecureServer({ ingestRateLimit: { windowMs: 60_000, limit: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(server.url, TOKEN, [submission('rl', i)])).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await post(server.url, TOKEN, [submission('rl', 9)]);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.headers.get('ratelimit-policy')).toMatch(/q=3/);

    const socket = await connect(server.url, '/ingest', { token: TOKEN });
    const acks: IngestAck[] = [];
    for (let i = 10; i < 14; i++)
      acks.push(await socket.emitWithAck('ingest:batch', { events: [reading('rl', i)] }));
    socket.close();
    expect(acks.map((a) => (a.ok ? 'ok' : a.error))).toEqual(['ok', 'ok', 'ok', 'rate_limited']);
    expect(await server.store.countEvents()).toBe(6);
  });

  it('refuses operator actions from an ingest token', async () => {
    server = await startSecureServer();
    const ack = {
      ...reading('src', 1),
      stream: 'ops',
      action: 'alert:acknowledged',
      alertId: 'sensor:x@1',
      operator: 'mallory',
      comment: '',
    } as Record<string, unknown>;
    for (const k of ['siteId', 'kind', 'value', 'unit', 'lonLat']) delete ack[k];
    const res = await post(server.url, TOKEN, [ack]);
    const report = (await res.json()) as IngestReport;
    expect(report.results[0]).toMatchObject({ status: 'rejected', reason: 'unauthorized' });
    expect(await server.store.countEvents()).toBe(0);
  });

  it('grants the operator right only to an operator token, on HTTP and on a socket handshake', async () => {
    server = await startSecureServer({ operatorTokens: ['op-1', 'op-2'] });
    const guard = server.app.operatorGuard;
    const web = express().post('/act', guard.http, (_req, res) => void res.json({ done: true }));
    web.use(
      (err: { status?: number }, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
        void res.status(err.status ?? 500).json({ error: 'unauthorized' }),
    );
    const http = web.listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    const act = (token: string) =>
      fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/act`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.status);
    expect([await act('op-2'), await act(TOKEN), await act('op-3')]).toEqual([200, 401, 401]);
    http.close();

    const seen: boolean[] = [];
    server.app.io.of('/live').on('connection', (s) => seen.push(guard.socket(s)));
    for (const auth of [{ operatorToken: 'op-1' }, {}, { operatorToken: TOKEN }])
      (await connect(server.url, '/live', auth)).close();
    expect(seen).toEqual([true, false, false]);
  });

  it('lets no one act as an operator when no operator token is configured', async () => {
    server = await startSecureServer();
    const seen: boolean[] = [];
    server.app.io.of('/live').on('connection', (s) => seen.push(server.app.operatorGuard.socket(s)));
    (await connect(server.url, '/live', { operatorToken: '' })).close();
    expect(seen).toEqual([false]);
  });

  it('refuses sockets from foreign browser origins, and serves its own and allowlisted ones', async () => {
    server = await startSecureServer({ allowedOrigins: ['https://ioc.longan.gov.vn'] });
    const host = new URL(server.url).host;
    await expect(connect(server.url, '/live', {}, { origin: 'https://evil.example' })).rejects.toThrow();
    for (const origin of [`http://${host}`, 'https://ioc.longan.gov.vn'])
      (await connect(server.url, '/live', {}, { origin })).close();
  });

  it('sends security headers and a CSP that keeps scripts and workers to its own origin', async () => {
    server = await startSecureServer();
    const res = await fetch(`${server.url}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*(blob:|unsafe-inline)/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
