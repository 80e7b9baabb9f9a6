import { afterEach, describe, expect, it } from 'vitest';
import type { IngestAck } from '../../protocol';
import { addUser, call, connectSocket, startAuthServer, type AuthServer } from './support/auth-server';
import { reading, startSecureServer, TOKEN, type SecureServer } from './support/reliability';

const PASSWORD = 'Lúa-chín-vàng-đồng-2021';
const WRONG = 'đoán-thử-mật-khẩu';

const post = (url: string, token: string, events: unknown[]) =>
  fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });

/** `n` calls, `parallel` at a time, in order of the answers' indexes. */
async function many<T>(n: number, parallel: number, one: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await one(i);
      }
    }),
  );
  return out;
}

describe('ingest: a stranger with wrong tokens cannot stop a source on the same address', () => {
  let server: SecureServer;
  afterEach(async () => {
    await server?.close();
  });

  it('keeps taking POST /api/ingest with a valid token after 1.000 bad-token requests from its IP', async () => {
    server = await startSecureServer({ ingestRateLimit: { windowMs: 60_000, limit: 1000 } });
    const statuses = await many(1001, 20, (i) =>
      post(server.url, `guess-${i}-0123456789`, [reading('x', i)]).then((r) => r.status),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(1000);
    // The guesser is the one who is slowed down…
    const refused = await post(server.url, 'guess-again-0123456789', [reading('x', 0)]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // …not the source that holds a right token, from the same address.
    const ok = await post(server.url, TOKEN, [reading('src', 1)]);
    expect(ok.status).toBe(200);
    expect(await server.store.countEvents()).toBe(1);
  });

  it('connects and takes batches on /ingest with a valid token after the address used up its wrong tokens', async () => {
    server = await startSecureServer({ ingestRateLimit: { windowMs: 60_000, limit: 20 } });
    const refusals = [];
    for (let i = 0; i < 21; i++)
      refusals.push(
        await connectSocket(server.url, '/ingest', { auth: { token: `guess-${i}-0123456789` } }).then(
          (s) => (s.close(), 'connected'),
          (err: Error) => err.message,
        ),
      );
    expect(refusals.slice(0, 20).every((r) => r === 'unauthorized')).toBe(true);
    expect(refusals[20]).toBe('rate_limited');

    const source = await connectSocket(server.url, '/ingest', { auth: { token: TOKEN } });
    const acks: IngestAck[] = [];
    for (let i = 0; i < 5; i++)
      acks.push(await source.emitWithAck('ingest:batch', { events: [reading('src', i)] }));
    source.close();
    expect(acks.every((a) => a.ok && a.data.accepted === 1)).toBe(true);
  });
});

describe('sign-in: no lock that a stranger can put on someone else', () => {
  let server: AuthServer;
  afterEach(async () => {
    await server?.close();
  });
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  /** Through the documented proxy (TRUST_PROXY=loopback), which names the client's address. */
  const login = async (ip: string, username: string, password: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(ip) },
      body: JSON.stringify({ username, password }),
    });
    return { status: res.status, retryAfter: Number(res.headers.get('retry-after')), body: await res.json() };
  };

  it('lets admin sign in from their own address after a stranger failed ten times as admin', async () => {
    server = await startAuthServer({
      loginRateLimit: { windowMs: 60_000, limit: 3 },
      trustProxy: 'loopback',
    });
    await addUser(server.auth, 'admin', 'admin', PASSWORD);
    const stranger = [];
    for (let i = 0; i < 10; i++) stranger.push((await login('203.0.113.9', 'admin', WRONG)).status);
    expect(stranger).toContain(429);
    expect((await login('198.51.100.7', 'admin', PASSWORD)).status).toBe(200);
  });

  it('answers a growing Retry-After to repeated wrong passwords from one address, then lets the right one in', async () => {
    server = await startAuthServer({
      loginRateLimit: { windowMs: 60_000, limit: 3 },
      trustProxy: 'loopback',
    });
    await addUser(server.auth, 'lanh.dao', 'leader', PASSWORD);
    const ip = '203.0.113.10';
    for (let i = 0; i < 4; i++) expect((await login(ip, 'lanh.dao', WRONG)).status).toBe(401);
    const first = await login(ip, 'lanh.dao', PASSWORD);
    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({ error: 'rate_limited' });
    const firstWait = first.retryAfter;
    await new Promise((r) => setTimeout(r, firstWait * 1000 + 100));
    expect((await login(ip, 'lanh.dao', WRONG)).status).toBe(401);
    const second = (await login(ip, 'lanh.dao', WRONG)).retryAfter;
    expect(second).toBeGreaterThan(firstWait);
    await new Promise((r) => setTimeout(r, second * 1000 + 100));
    // A delay, not a lock: once waited out, the right password works, and the pair starts afresh.
    expect((await login(ip, 'lanh.dao', PASSWORD)).status).toBe(200);
    expect((await login(ip, 'lanh.dao', WRONG)).status).toBe(401);
  }, 20_000);

  it('keeps the walls signing in with their tokens while people from their address used up theirs', async () => {
    server = await startAuthServer({
      loginRateLimit: { windowMs: 60_000, limit: 3 },
      trustProxy: 'loopback',
    });
    const { token } = server.auth.createToken('display', 'wall-1');
    const ip = '203.0.113.11';
    // Fifteen failures per address (5 × 3), each for a name of its own so no pair delay is involved.
    const people = [];
    for (let i = 0; i < 16; i++) people.push((await login(ip, `user-${i}`, WRONG)).status);
    expect(people.at(-1)).toBe(429);
    const wall = await call(server.url, 'POST', '/api/auth/token', { body: { token }, headers: from(ip) });
    expect(wall.status).toBe(200);

    // Wrong tokens from an address slow that address's wrong tokens, never a right one.
    const guesses = [];
    for (let i = 0; i < 16; i++)
      guesses.push(
        (
          await call(server.url, 'POST', '/api/auth/token', {
            body: { token: `guess-${i}-0123456789` },
            headers: from(ip),
          })
        ).status,
      );
    expect(guesses.at(-1)).toBe(429);
    const again = await call(server.url, 'POST', '/api/auth/token', { body: { token }, headers: from(ip) });
    expect(again.status).toBe(200);
  });
});
