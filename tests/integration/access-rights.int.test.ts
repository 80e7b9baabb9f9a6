import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type AuditEntry,
  type CreatedToken,
  type IngestAck,
  type SensorReading,
} from '../../protocol';
import {
  addUser,
  call,
  connectSocket,
  disconnected,
  ENV_INGEST_TOKEN,
  me,
  OPERATOR_TOKEN,
  signIn,
  startAuthServer,
  T0,
  type AuthServer,
} from './support/auth-server';

const PASSWORD = 'mật-khẩu-đủ-dài-2021';
const WHO = ['operator', 'leader', 'analyst', 'admin', 'display', 'nobody'] as const;
type Who = (typeof WHO)[number];

const reading = (source: string, i: number): SensorReading => ({
  v: PROTOCOL_VERSION,
  id: `acc-${source}-${i}`,
  source,
  area: '794',
  tsMs: T0 + i * 60_000,
  stream: 'sensor',
  siteId: 'LA-WL-ACC',
  kind: 'water_level',
  value: 1.2,
  unit: 'm',
  lonLat: [106.41, 10.54],
});

const alertCommand = {
  alertId: 'no-such-alert',
  operator: 'Trực ban',
  comment: '',
  requestId: 'req-acc-0001',
};

/** Each protected action, tried the way a client would; the answer says whether the right was granted. */
const ACTIONS: Record<string, (s: AuthServer, cookie: string | null) => Promise<'allowed' | 401 | 403>> = {
  'list users': (s, cookie) => http(s, cookie, 'GET', '/api/admin/users'),
  'create a token': (s, cookie) =>
    http(s, cookie, 'POST', '/api/admin/tokens', { kind: 'display', label: 'tường thử' }),
  'read the audit log': (s, cookie) => http(s, cookie, 'GET', '/api/admin/audit?limit=5'),
  'read webhook status': (s, cookie) => http(s, cookie, 'GET', '/api/admin/webhooks'),
  'KPI review': (s, cookie) =>
    http(s, cookie, 'GET', '/api/kpis/period?area=80&from=2021-08-01&to=2021-08-11'),
  'read KPIs': (s, cookie) => http(s, cookie, 'GET', '/api/kpis?area=80'),
  'acknowledge an alert': (s, cookie) => command(s, cookie, 'alert:ack', alertCommand),
  'resolve an alert': (s, cookie) => command(s, cookie, 'alert:resolve', alertCommand),
  'steer the wall': (s, cookie) => command(s, cookie, 'wall:control', { action: 'pause' }),
};

/** Written out, not derived from the policy table: this is what issue 7 asks each role to be able to do. */
const EXPECTED: Record<string, readonly Who[]> = {
  'list users': ['admin'],
  'create a token': ['admin'],
  'read the audit log': ['admin'],
  'read webhook status': ['operator', 'admin'],
  // Every role sees the review read-only; the SPA gives leaders its full use (docs/sign-in.md).
  'KPI review': ['operator', 'leader', 'analyst', 'admin', 'display'],
  'read KPIs': ['operator', 'leader', 'analyst', 'admin', 'display'],
  'acknowledge an alert': ['operator', 'admin'],
  'resolve an alert': ['operator', 'admin'],
  'steer the wall': ['operator', 'admin'],
};

async function http(s: AuthServer, cookie: string | null, method: string, path: string, body?: unknown) {
  const res = await call(s.url, method, path, { cookie, ...(body ? { body } : {}) });
  if (res.status === 401 || res.status === 403) return res.status;
  expect(res.status).toBeLessThan(300);
  return 'allowed' as const;
}

/** An operator command on /live: refused with `unauthorized`, or let through to the command's own checks. */
async function command(s: AuthServer, cookie: string | null, event: string, payload: object) {
  let socket: Socket;
  try {
    socket = await connectSocket(s.url, '/live', { cookie });
  } catch (err) {
    if ((err as Error).message === 'unauthorized') return 401;
    throw err;
  }
  const res = (await socket.emitWithAck(event, payload)) as { ok: boolean; error?: string };
  socket.close();
  if (res.ok) return 'allowed';
  // Past the right, a made-up alert is refused for what it is.
  if (res.error === 'unknown_alert') return 'allowed';
  expect(res.error).toBe('unauthorized');
  return 403;
}

async function audit(s: AuthServer, cookie: string): Promise<AuditEntry[]> {
  return (await call(s.url, 'GET', '/api/admin/audit?limit=1000', { cookie })).body as AuditEntry[];
}

describe('who may do what', () => {
  let server: AuthServer;
  afterEach(async () => {
    await server?.close();
  });

  it('grants each role exactly its rights; no session is 401 for HTTP and unauthorized on sockets', async () => {
    server = await startAuthServer({ readAccess: 'signed-in' });
    const cookies = new Map<Who, string | null>([['nobody', null]]);
    for (const role of ['operator', 'leader', 'analyst', 'admin'] as const) {
      await addUser(server.auth, `u-${role}`, role, PASSWORD);
      cookies.set(role, await signIn(server.url, `u-${role}`, PASSWORD));
    }
    const display = server.auth.createToken('display', 'tường-1');
    const walled = await call(server.url, 'POST', '/api/auth/token', { body: { token: display.token } });
    cookies.set('display', walled.cookie);

    const seen: Record<string, Who[]> = {};
    for (const [action, attempt] of Object.entries(ACTIONS)) {
      seen[action] = [];
      for (const who of WHO) {
        const verdict = await attempt(server, cookies.get(who)!);
        if (verdict === 'allowed') seen[action].push(who);
        // Refused: 401 when nobody is signed in, 403 when someone is but lacks the right.
        else expect([action, who, verdict]).toEqual([action, who, who === 'nobody' ? 401 : 403]);
      }
    }
    expect(seen).toEqual(EXPECTED);
  });

  it('keeps operator tokens working for scripts: HTTP bearer and /live handshake', async () => {
    // Open reads, so a socket with a wrong operator token still connects and its refused command can be seen.
    server = await startAuthServer({ readAccess: 'open' });
    const status = await call(server.url, 'GET', '/api/admin/webhooks', {
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}` },
    });
    expect(status.status).toBe(200);
    const socket = await connectSocket(server.url, '/live', { auth: { operatorToken: OPERATOR_TOKEN } });
    expect(await socket.emitWithAck('wall:control', { action: 'pause' })).toMatchObject({ ok: true });
    socket.close();
    const other = await connectSocket(server.url, '/live', {
      auth: { operatorToken: 'not-the-token-000000' },
    });
    expect(await other.emitWithAck('wall:control', { action: 'pause' })).toMatchObject({
      error: 'unauthorized',
    });
    other.close();
  });

  it('ends a session at once when its user is removed or its display token revoked, sockets included', async () => {
    server = await startAuthServer({ readAccess: 'signed-in' });
    await addUser(server.auth, 'chief', 'admin', PASSWORD);
    const admin = await signIn(server.url, 'chief', PASSWORD);
    const created = await call(server.url, 'POST', '/api/admin/tokens', {
      cookie: admin,
      body: { kind: 'display', label: 'Tường phòng điều hành' },
    });
    expect(created.status).toBe(201);
    const { summary, token } = created.body as CreatedToken;
    // The wall boots from the token in its URL: no keyboard, no password.
    const wall = await call(server.url, 'POST', '/api/auth/token', { body: { token } });
    expect(wall.body).toEqual({
      principal: { name: 'Tường phòng điều hành', role: 'display' },
      readAccess: 'signed-in',
    });
    const socket = await connectSocket(server.url, '/live', { cookie: wall.cookie });
    expect((await call(server.url, 'GET', '/api/kpis?area=80', { cookie: wall.cookie })).status).toBe(200);
    // A wall reads; it does not act.
    expect(await socket.emitWithAck('wall:control', { action: 'next' })).toMatchObject({
      error: 'unauthorized',
    });

    const gone = disconnected(socket);
    expect(
      (await call(server.url, 'DELETE', `/api/admin/tokens/${summary.id}`, { cookie: admin })).status,
    ).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect(await me(server.url, wall.cookie)).toBeNull();
    expect((await call(server.url, 'GET', '/api/kpis?area=80', { cookie: wall.cookie })).status).toBe(401);
    expect((await call(server.url, 'POST', '/api/auth/token', { body: { token } })).status).toBe(401);
    await expect(connectSocket(server.url, '/live', { cookie: wall.cookie })).rejects.toThrow('unauthorized');

    await addUser(server.auth, 'op-a', 'operator', PASSWORD);
    const op = await signIn(server.url, 'op-a', PASSWORD);
    expect(await me(server.url, op)).toEqual({ name: 'op-a', role: 'operator' });
    expect((await call(server.url, 'DELETE', '/api/admin/users/op-a', { cookie: admin })).status).toBe(204);
    expect(await me(server.url, op)).toBeNull();
  });

  it(
    'takes per-source ingest tokens, bound to their source, and revokes them without a restart',
    { timeout: 60_000 },
    async () => {
      server = await startAuthServer();
      await addUser(server.auth, 'chief', 'admin', PASSWORD);
      const admin = await signIn(server.url, 'chief', PASSWORD);
      // Not a source name: refused, since events must carry the label.
      const badLabel = await call(server.url, 'POST', '/api/admin/tokens', {
        cookie: admin,
        body: { kind: 'ingest', label: 'trạm đo' },
      });
      expect(badLabel.status).toBe(400);
      const created = (
        await call(server.url, 'POST', '/api/admin/tokens', {
          cookie: admin,
          body: { kind: 'ingest', label: 'tram-1' },
        })
      ).body as CreatedToken;
      const second = server.auth.createToken('ingest', 'tram-2');

      const post = (token: string, events: unknown[]) =>
        call(server.url, 'POST', '/api/ingest', {
          body: { events },
          headers: { authorization: `Bearer ${token}` },
        });
      const httpAnswer = await post(created.token, [reading('tram-1', 1), reading('tram-2', 2)]);
      expect(httpAnswer.status).toBe(200);
      expect(httpAnswer.body).toMatchObject({
        accepted: 1,
        results: [{ status: 'accepted' }, { status: 'rejected', reason: 'unauthorized' }],
      });
      // An ingest token is no way into the dashboards.
      expect(
        (await call(server.url, 'POST', '/api/auth/token', { body: { token: created.token } })).status,
      ).toBe(401);

      const one = await connectSocket(server.url, '/ingest', { auth: { token: created.token } });
      const two = await connectSocket(server.url, '/ingest', { auth: { token: second.token } });
      const env = await connectSocket(server.url, '/ingest', { auth: { token: ENV_INGEST_TOKEN } });
      const sent: IngestAck = await one.emitWithAck('ingest:batch', { events: [reading('tram-1', 3)] });
      expect(sent).toMatchObject({ ok: true, data: { accepted: 1 } });

      // Revoked through the admin API: the open socket is closed at once.
      const closed = disconnected(one);
      expect(
        (await call(server.url, 'DELETE', `/api/admin/tokens/${created.summary.id}`, { cookie: admin }))
          .status,
      ).toBe(204);
      expect(await closed).toBe('io server disconnect');
      expect((await post(created.token, [reading('tram-1', 4)])).status).toBe(401);
      await expect(connectSocket(server.url, '/ingest', { auth: { token: created.token } })).rejects.toThrow(
        'unauthorized',
      );

      // Revoked by the CLI, another process: the server learns it at the socket's next message.
      const cli = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server/auth/auth-cli.ts', 'tokens', 'revoke', second.summary.id],
        {
          env: { ...process.env, DATA_DIR: server.dir },
          encoding: 'utf8',
        },
      );
      expect(cli.status, cli.stderr).toBe(0);
      const refused: IngestAck = await two.emitWithAck('ingest:batch', { events: [reading('tram-2', 5)] });
      expect(refused).toMatchObject({ ok: false, error: 'unauthorized' });
      await disconnected(two);

      // The environment's token is untouched by either revocation.
      const still: IngestAck = await env.emitWithAck('ingest:batch', { events: [reading('env', 6)] });
      expect(still).toMatchObject({ ok: true, data: { accepted: 1 } });
      env.close();
      expect((await server.store.readAfter(0, 100)).map((e) => e.id)).toEqual([
        'acc-tram-1-1',
        'acc-tram-1-3',
        'acc-env-6',
      ]);
    },
  );

  it('writes every listed action to the audit log with actor, target and address', async () => {
    server = await startAuthServer();
    await addUser(server.auth, 'chief', 'admin', PASSWORD);
    await addUser(server.auth, 'op-b', 'operator', PASSWORD);
    expect(
      (
        await call(server.url, 'POST', '/api/auth/login', {
          body: { username: 'op-b', password: 'sai-mật-khẩu-1' },
        })
      ).status,
    ).toBe(401);
    const admin = await signIn(server.url, 'chief', PASSWORD);
    const op = await signIn(server.url, 'op-b', PASSWORD);

    // A real alert to act on: a water level over the critical line for the on-delay (5 readings, 240 s).
    const ingest = await call(server.url, 'POST', '/api/ingest', {
      body: {
        events: [
          { ...reading('int', 1), value: 1.2 },
          ...[2, 3, 4, 5, 6].map((i) => ({ ...reading('int', i), value: 1.95 })),
        ],
      },
      headers: { authorization: `Bearer ${ENV_INGEST_TOKEN}` },
    });
    expect(ingest.status).toBe(200);
    const alertId = server.app.engine.state.alerts.recent.find((a) => a.siteId === 'LA-WL-ACC')!.id;
    const console_ = await connectSocket(server.url, '/live', { cookie: op });
    const cmd = (n: number) => ({
      alertId,
      operator: 'op-b',
      comment: 'đã xử lý',
      requestId: `req-audit-${n}`,
    });
    expect(await console_.emitWithAck('alert:ack', cmd(1))).toMatchObject({ ok: true });
    expect(await console_.emitWithAck('alert:assign', { ...cmd(2), assignee: 'Đội 2' })).toMatchObject({
      ok: true,
    });
    expect(await console_.emitWithAck('alert:resolve', cmd(3))).toMatchObject({ ok: true });
    expect(await console_.emitWithAck('wall:control', { action: 'show', scene: 'flood' })).toMatchObject({
      ok: true,
    });
    console_.close();

    await call(server.url, 'POST', '/api/admin/users', {
      cookie: admin,
      body: { username: 'lead-c', role: 'leader', password: PASSWORD },
    });
    await call(server.url, 'DELETE', '/api/admin/users/lead-c', { cookie: admin });
    const token = (
      await call(server.url, 'POST', '/api/admin/tokens', {
        cookie: admin,
        body: { kind: 'display', label: 'wall' },
      })
    ).body as CreatedToken;
    await call(server.url, 'DELETE', `/api/admin/tokens/${token.summary.id}`, { cookie: admin });
    const exported = await call(server.url, 'GET', '/api/events?from=2021-08-01&to=2021-08-02', {
      cookie: op,
    });
    expect(exported.status).toBe(200);
    const csv = await call(server.url, 'GET', '/api/replay/export?from=2021-08-01&to=2021-08-02&format=csv', {
      cookie: op,
    });
    expect(csv.status).toBe(200);
    await call(server.url, 'POST', '/api/auth/logout', { cookie: op });
    const { auditRuleChange } = await import('../../server/auth/audit-rule-change');
    auditRuleChange(server.app.access)('/data/alert-rules.json', 42);

    const entries = await audit(server, admin);
    const brief = entries.map((e) => [e.action, e.actor, e.target]).reverse();
    expect(brief).toEqual([
      ['login_failed', 'op-b', 'op-b'],
      ['login', 'chief', 'chief'],
      ['login', 'op-b', 'op-b'],
      ['alert_ack', 'op-b', alertId],
      ['alert_assign', 'op-b', alertId],
      ['alert_resolve', 'op-b', alertId],
      ['wall_control', 'op-b', '{"action":"show","scene":"flood"}'],
      ['user_created', 'chief', 'lead-c (leader)'],
      ['user_deleted', 'chief', 'lead-c'],
      ['token_created', 'chief', `${token.summary.id} (display wall)`],
      ['token_revoked', 'chief', token.summary.id],
      ['export', 'op-b', '/api/events?from=2021-08-01&to=2021-08-02'],
      ['export', 'op-b', '/api/replay/export?from=2021-08-01&to=2021-08-02&format=csv'],
      ['logout', 'op-b', 'op-b'],
      ['rule_changed', 'alert-rules-file', '/data/alert-rules.json @ seq 42'],
    ]);
    // Everything a client did carries its address; the rules file is the server's own.
    expect(
      entries.filter((e) => e.action !== 'rule_changed').every((e) => /127\.0\.0\.1/.test(e.ip ?? '')),
    ).toBe(true);
  });
});
