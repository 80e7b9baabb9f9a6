import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstRunSignIn } from '../../server/auth/first-run';
import { SIGN_IN_LINK_MS } from '../../server/auth/auth-store';
import {
  addUser,
  call,
  connectSocket,
  ENV_INGEST_TOKEN,
  me,
  signIn,
  startAuthServer,
  type AuthServer,
} from './support/auth-server';

const PASSWORD = 'Lúa-chín-vàng-đồng-2021';

/** `npm run users -- …` / `npm run tokens -- …` as a child process on the server's data directory. */
function cli(dir: string, args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  // What `npm run users` runs, without npm and npx in between (seconds each on a loaded machine).
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/auth/auth-cli.ts', ...args], {
    env: { ...process.env, DATA_DIR: dir },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out, err })));
}

const onceToken = (lines: string[]) => /\/login\?once=([\w-]+)$/.exec(lines.join('\n'))?.[1] ?? null;

describe('signing in', () => {
  let server: AuthServer;
  afterEach(async () => {
    await server?.close();
  });

  it('signs in with the right password only, in an httpOnly SameSite=Strict cookie, Secure behind HTTPS', async () => {
    server = await startAuthServer({ trustProxy: 'loopback' });
    await addUser(server.auth, 'truc.ban', 'operator', PASSWORD);

    const wrong = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'truc.ban', password: 'Lúa-chín-vàng-đồng-2020' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_credentials' });
    expect(wrong.setCookie).toBeNull();
    const unknown = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'khong.co', password: PASSWORD },
    });
    expect(unknown.status).toBe(401);
    // A foreign page cannot sign this browser in (login CSRF), even with the right password.
    const foreign = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'truc.ban', password: PASSWORD },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.setCookie).toBeNull();
    const malformed = await call(server.url, 'POST', '/api/auth/login', { body: { username: 'truc.ban' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid_payload' });

    // The page's own origin, as a browser on the SPA sends it.
    const ok = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'truc.ban', password: PASSWORD },
      headers: { origin: server.url },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ principal: { name: 'truc.ban', role: 'operator' }, readAccess: 'signed-in' });
    const flags = ok.setCookie!.split(';').map((f) => f.trim().toLowerCase());
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    // Plain HTTP (a LAN install without TLS): a Secure cookie would never come back.
    expect(flags).not.toContain('secure');
    expect(await me(server.url, ok.cookie)).toEqual({ name: 'truc.ban', role: 'operator' });

    const proxied = await call(server.url, 'POST', '/api/auth/login', {
      body: { username: 'truc.ban', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(proxied.setCookie!.toLowerCase()).toMatch(/;\s*secure/);

    const out = await call(server.url, 'POST', '/api/auth/logout', { cookie: ok.cookie });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^ioc_session=;/);
    expect(await me(server.url, ok.cookie)).toBeNull();
  });

  it('slows sign-in attempts per user name and address, and counts failures per address', async () => {
    server = await startAuthServer({ loginRateLimit: { windowMs: 60_000, limit: 3 } });
    await addUser(server.auth, 'lanh.dao', 'leader', PASSWORD);
    const attempt = (username: string, password = 'đoán-thử-mật-khẩu') =>
      call(server.url, 'POST', '/api/auth/login', { body: { username, password } }).then((r) => r.status);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await attempt('lanh.dao'));
    // Three free failures, then each costs a wait before the next try (no lock: tests/integration/no-lockout).
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Other names from the same address go on until the address's own failures (5 × 3) are used up.
    const others = [];
    for (let i = 0; i < 12; i++) others.push(await attempt(`user-${i % 4}`));
    expect(others.slice(0, 11).every((s) => s === 401)).toBe(true);
    expect(others.at(-1)).toBe(429);
  });

  it('stores scrypt hashes with a salt of their own, never a password or a token in clear', async () => {
    server = await startAuthServer();
    await addUser(server.auth, 'a.one', 'analyst', PASSWORD);
    await addUser(server.auth, 'a.two', 'analyst', PASSWORD);
    const display = server.auth.createToken('display', 'wall');
    const session = await signIn(server.url, 'a.one', PASSWORD);
    const [one, two] = [server.auth.user('a.one')!, server.auth.user('a.two')!];
    expect(one.passwordHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[\w-]{22}\$[\w-]{43}$/);
    // Same password, different salts, different hashes.
    expect(one.passwordHash).not.toBe(two.passwordHash);

    const file = path.join(server.dir, 'auth.sqlite');
    const bytes = [file, `${file}-wal`]
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f))
      .reduce((all, b) => Buffer.concat([all, b]), Buffer.alloc(0));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes('a.one')).toBe(true); // the file is readable: the checks below are meaningful
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf8'))).toBe(false);
    expect(bytes.includes(display.token)).toBe(false);
    expect(bytes.includes(session.split('=')[1]!)).toBe(false);
  });

  it('prints a one-time admin link on first run: single use, expiring, fresh at each start', async () => {
    server = await startAuthServer();
    // A link made longer ago than its lifetime no longer works.
    const stale = onceToken(firstRunSignIn(server.auth, server.url, Date.now() - SIGN_IN_LINK_MS - 1000));
    expect((await call(server.url, 'POST', '/api/auth/token', { body: { token: stale } })).status).toBe(401);
    // The "next start" prints a fresh link, which stops the earlier unused one.
    const earlier = onceToken(firstRunSignIn(server.auth, server.url));
    const lines = firstRunSignIn(server.auth, server.url);
    expect(lines.join('\n')).toMatch(/No admin has a password yet/);
    const token = onceToken(lines)!;
    expect(lines.join('\n')).toContain(`${server.url}/login?once=${token}`);

    expect((await call(server.url, 'POST', '/api/auth/token', { body: { token: earlier } })).status).toBe(
      401,
    );
    const first = await call(server.url, 'POST', '/api/auth/token', { body: { token } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ principal: { name: 'admin', role: 'admin' } });
    expect((await call(server.url, 'POST', '/api/auth/token', { body: { token } })).status).toBe(401);

    // Signed in by the link, the admin creates a real account; then no link is printed any more.
    expect(firstRunSignIn(server.auth, server.url)).not.toEqual([]);
    const created = await call(server.url, 'POST', '/api/admin/users', {
      cookie: first.cookie,
      body: { username: 'quan.tri', role: 'admin', password: PASSWORD },
    });
    expect(created.status).toBe(201);
    expect(firstRunSignIn(server.auth, server.url)).toEqual([]);
    // The link's admin has no password: it cannot be used to log in.
    expect(
      (await call(server.url, 'POST', '/api/auth/login', { body: { username: 'admin', password: PASSWORD } }))
        .status,
    ).toBe(401);
  });

  it('refuses a printed one-time admin link once any admin has a password, checked when it is used', async () => {
    server = await startAuthServer();
    // Printed at start, while no admin had a password; not used yet.
    const printed = onceToken(firstRunSignIn(server.auth, server.url))!;
    // Later an admin gets a password, through the CLI on the same file, with no restart in between.
    const added = await cli(server.dir, ['users', 'add', 'quan.tri', '--role', 'admin'], `${PASSWORD}\n`);
    expect(added.code, added.err).toBe(0);
    const late = await call(server.url, 'POST', '/api/auth/token', { body: { token: printed } });
    expect(late.status).toBe(401);
    expect(late.setCookie).toBeNull();
    // Dead for good: removing that admin again does not bring the old link back.
    await cli(server.dir, ['users', 'remove', 'quan.tri']);
    expect((await call(server.url, 'POST', '/api/auth/token', { body: { token: printed } })).status).toBe(
      401,
    );
  });

  it(
    'adds, lists and removes users with the CLI, on the file the running server reads',
    { timeout: 120_000 },
    async () => {
      server = await startAuthServer();
      const added = await cli(
        server.dir,
        ['users', 'add', 'nguyen.van.a', '--role', 'leader'],
        `${PASSWORD}\n`,
      );
      expect(added.code, added.err).toBe(0);
      expect(added.out).toContain('added nguyen.van.a (leader)');
      expect(added.out).not.toContain(PASSWORD);
      const session = await signIn(server.url, 'nguyen.van.a', PASSWORD);

      const generated = await cli(server.dir, ['users', 'add', 'tran.thi.b', '--role', 'analyst']);
      expect(generated.code, generated.err).toBe(0);
      const password = generated.out.trim().split('\n').at(-1)!;
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(await me(server.url, await signIn(server.url, 'tran.thi.b', password))).toEqual({
        name: 'tran.thi.b',
        role: 'analyst',
      });

      const refused = await cli(server.dir, ['users', 'add', 'x', '--role', 'operator'], 'short\n');
      expect(refused.code).toBe(2);
      expect((await cli(server.dir, ['users', 'add', 'c.d', '--role', 'root'], `${PASSWORD}\n`)).code).toBe(
        2,
      );

      const list = await cli(server.dir, ['users', 'list']);
      expect(list.out).toMatch(/nguyen\.van\.a\s+leader/);
      expect(list.out).toMatch(/tran\.thi\.b\s+analyst/);

      const removed = await cli(server.dir, ['users', 'remove', 'nguyen.van.a']);
      expect(removed.code, removed.err).toBe(0);
      expect(await me(server.url, session)).toBeNull();
      expect((await cli(server.dir, ['users', 'list'])).out).not.toContain('nguyen.van.a');
    },
  );
});

describe('READ_ACCESS', () => {
  let server: AuthServer;
  afterEach(async () => {
    await server?.close();
  });

  const reads = ['/api/areas', '/api/kpis?area=80', '/api/metrics/catalog', '/metrics'];
  /** Open in both modes: liveness and readiness probes carry no session; the API documents hold no data. */
  const alwaysOpen = ['/api/health', '/api/ready', '/api/openapi.json', '/api/asyncapi.json', '/docs'];

  it('open (an explicit choice): the outside contract reads without a session, writes still need a right', async () => {
    server = await startAuthServer({ readAccess: 'open' });
    for (const p of reads) expect([p, (await call(server.url, 'GET', p)).status]).toEqual([p, 200]);
    const events = await call(server.url, 'GET', '/api/events?from=2021-08-01&to=2021-08-02');
    expect(events.status).toBe(200);
    (await connectSocket(server.url, '/live')).close();
    (await connectSocket(server.url, '/replay')).close();
    expect((await call(server.url, 'GET', '/api/admin/users')).status).toBe(401);
    // A write no route declares is refused before any handler: there is nothing to sign in to.
    expect(await call(server.url, 'POST', '/api/areas', { body: {} })).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  it('signed-in (the default): reads need a session or a display/operator bearer; the citizen surface stays public', async () => {
    server = await startAuthServer();
    for (const p of reads) expect([p, (await call(server.url, 'GET', p)).status]).toEqual([p, 401]);
    const events = await call(server.url, 'GET', '/api/events?from=2021-08-01&to=2021-08-02');
    expect(events.status).toBe(401);
    for (const p of alwaysOpen) expect([p, (await call(server.url, 'GET', p)).status]).toEqual([p, 200]);
    await expect(connectSocket(server.url, '/live')).rejects.toThrow('unauthorized');
    await expect(connectSocket(server.url, '/replay')).rejects.toThrow('unauthorized');
    expect((await call(server.url, 'GET', '/api/public/summary')).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/ready')).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/auth/me')).body).toEqual({
      principal: null,
      readAccess: 'signed-in',
    });

    await addUser(server.auth, 'p.tich', 'analyst', PASSWORD);
    const cookie = await signIn(server.url, 'p.tich', PASSWORD);
    for (const p of reads)
      expect([p, (await call(server.url, 'GET', p, { cookie })).status]).toEqual([p, 200]);
    (await connectSocket(server.url, '/live', { cookie })).close();
    (await connectSocket(server.url, '/replay', { cookie })).close();

    // Scripts and scrapers: a display token as bearer reads; an ingest token does not.
    const display = server.auth.createToken('display', 'prometheus');
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    expect((await call(server.url, 'GET', '/metrics', bearer(display.token))).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/kpis?area=80', bearer(ENV_INGEST_TOKEN))).status).toBe(401);
  });
});
