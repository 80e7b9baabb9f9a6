import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Principal, Role } from '../../protocol';
import type { ReadAccess, Right } from '../../server/auth/access-policy';
import { USER_SESSION_MS } from '../../server/auth/auth-store';
import { SESSION_COOKIE } from '../../server/auth/session-cookie';
import { declarationOf } from '../../server/http/guarded-router';
import { mountedMiddleware, registeredRoutes } from './support/express-routes';
import { call, OPERATOR_TOKEN, startAuthServer, type Answer, type AuthServer } from './support/auth-server';

/**
 * Written out, not read from the code: the right each route needs (issue 7's roles, issue 21's deny by
 * default). A route the server registers that is missing here, or declared with another right, fails.
 */
const EXPECTED_RIGHTS: Record<string, Right> = {
  'POST /api/auth/login': 'anyone',
  'POST /api/auth/token': 'anyone',
  'POST /api/auth/logout': 'anyone',
  'GET /api/auth/me': 'anyone',
  'GET /api/admin/users': 'administer',
  'POST /api/admin/users': 'administer',
  'DELETE /api/admin/users/:username': 'administer',
  'GET /api/admin/tokens': 'administer',
  'POST /api/admin/tokens': 'administer',
  'DELETE /api/admin/tokens/:id': 'administer',
  'GET /api/admin/audit': 'administer',
  'GET /api/admin/webhooks': 'operate',
  'POST /api/ingest': 'anyone',
  'GET /api/public/summary': 'anyone',
  'GET /api/public/covid': 'anyone',
  'GET /api/public/areas': 'anyone',
  'GET /api/public/dossiers/:code': 'anyone',
  'GET /api/public/dossiers/:code/qr.svg': 'anyone',
  'GET /api/public/dossiers/:code/qr.png': 'anyone',
  'GET /api/ready': 'anyone',
  'GET /metrics': 'read',
  'GET /api/health': 'anyone',
  'GET /api/areas': 'read',
  'GET /api/areas/sites': 'read',
  'GET /api/areas/sets': 'read',
  'GET /api/kpis': 'read',
  'GET /api/metrics/catalog': 'read',
  'GET /api/series': 'read',
  'GET /api/sites/:id/series': 'read',
  'GET /api/events': 'read',
  'GET /api/kpis/period': 'read',
  'GET /api/kpis/deadlines': 'read',
  'GET /api/ranking': 'read',
  'GET /api/review/reference': 'read',
  'GET /api/openapi.json': 'anyone',
  'GET /api/asyncapi.json': 'anyone',
  'GET /api/open/catalog.json': 'read',
  'GET /api/open/datasets/:file': 'read',
  'GET /api/replay/timeline': 'read',
  'GET /api/replay/export': 'read',
  'GET /api/alarms/report': 'read',
  'GET /api/alarms/rules': 'read',
  // Admins only by default; RULES_EDIT=operators lets operators edit too (tests/integration/alarms.int.test.ts).
  'POST /api/alarms/rules': 'administer',
  'GET /docs': 'anyone',
  // The SPA's pages: the login page must load.
  'GET /[/^\\/(?!api\\/|socket\\.io\\/).*/]': 'anyone',
};

const WHO = ['operator', 'leader', 'analyst', 'admin', 'display', 'none'] as const;
type Who = (typeof WHO)[number];
/** Scripts and scrapers: the same roles carried by a bearer token instead of a session cookie. */
const BEARERS = { 'operator token': 'operator', 'display bearer': 'display' } as const satisfies Record<
  string,
  Who
>;
type Caller = Who | keyof typeof BEARERS;
const CALLERS: readonly Caller[] = [...WHO, ...(Object.keys(BEARERS) as (keyof typeof BEARERS)[])];
type Verdict = 'allow' | 'unauthenticated' | 'forbidden';

/** Who holds each right, as docs/sign-in.md tells it: again written out rather than imported. */
function expectedVerdict(right: Right, caller: Caller, mode: ReadAccess): Verdict {
  const who: Who = caller in BEARERS ? BEARERS[caller as keyof typeof BEARERS] : (caller as Who);
  if (right === 'anyone' || (right === 'read' && mode === 'open')) return 'allow';
  if (who === 'none') return 'unauthenticated';
  const holders: Record<'read' | 'operate' | 'administer', readonly Who[]> = {
    read: ['operator', 'leader', 'analyst', 'admin', 'display'],
    operate: ['operator', 'admin'],
    administer: ['admin'],
  };
  return holders[right].includes(who) ? 'allow' : 'forbidden';
}

/** What the server's answer says: the guard's refusals, the deny-by-default 404, or let through. */
function verdictOf(res: Answer): Verdict | 'no route' | 'foreign origin' {
  const body = (res.body ?? {}) as { error?: unknown; details?: unknown };
  if (res.status === 401 && body.error === 'unauthorized' && body.details === 'sign in first')
    return 'unauthenticated';
  if (res.status === 403 && body.error === 'forbidden') return 'forbidden';
  if (res.status === 403 && body.error === 'forbidden_origin') return 'foreign origin';
  if (res.status === 404 && body.error === 'not_found' && body.details === 'no such endpoint')
    return 'no route';
  return 'allow';
}

const SAMPLE_PARAMS: Record<string, string> = {
  username: 'no-such-user',
  id: 'no-such-token',
  code: '000.00.39.H38-210801-0042',
  file: 'no-such-dataset.csv',
};
const concrete = (route: string) => route.replace(/:(\w+)/g, (_m, name: string) => SAMPLE_PARAMS[name]!);

const alternate = (s: string) => [...s].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');
/** Every segment's first letter percent-encoded: `/%61pi/%61dmin/%75sers`. */
const encodeFirstLetters = (p: string) =>
  p.replace(/\/([A-Za-z])/g, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`);

/** Spellings of one path that Express, or the canonical path before it, takes to the same route. */
function variants(p: string): string[] {
  return [
    p,
    p.toUpperCase(),
    alternate(p),
    p + '/',
    p.replace(/\//g, '//'),
    encodeFirstLetters(p),
    encodeFirstLetters(p.toUpperCase()) + '/',
  ];
}

const PASSWORDLESS = null;

interface Callers {
  cookieOf(who: Who): string | null;
  /** What a request of this caller carries: a fresh session cookie, a bearer token, or nothing. */
  credentialsOf(caller: Caller): { cookie?: string | null; headers?: Record<string, string> };
}

async function sessions(server: AuthServer): Promise<Callers> {
  const principals = new Map<Who, { principal: Principal; from: { username?: string; tokenId?: string } }>();
  for (const role of ['operator', 'leader', 'analyst', 'admin'] as const satisfies readonly Role[]) {
    server.auth.addUser(`u-${role}`, role, PASSWORDLESS);
    principals.set(role, { principal: { name: `u-${role}`, role }, from: { username: `u-${role}` } });
  }
  const wall = server.auth.createToken('display', 'tường-thử');
  principals.set('display', {
    principal: { name: 'tường-thử', role: 'display' },
    from: { tokenId: wall.summary.id },
  });
  // A session of its own per request: a sign-out through one of the routes must not end the next one's.
  const cookieOf = (who: Who) => {
    const p = principals.get(who);
    if (!p) return null;
    const { secret } = server.auth.openSession(p.principal, p.from, USER_SESSION_MS);
    return `${SESSION_COOKIE}=${secret}`;
  };
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  return {
    cookieOf,
    credentialsOf: (caller) =>
      caller === 'operator token'
        ? bearer(OPERATOR_TOKEN)
        : caller === 'display bearer'
          ? bearer(wall.token)
          : { cookie: cookieOf(caller) },
  };
}

/** `METHOD path` of every registered route, and whether its first handler is a declared guard. */
function declaredRoutes(server: AuthServer) {
  return registeredRoutes(server.app.web).map((r) => ({
    key: `${r.method} ${r.path}`,
    method: r.method,
    path: r.path,
    declaration: declarationOf(r.first),
  }));
}

describe('every route answers by the right it declares, however its path is spelled', () => {
  let staticDir: string;
  beforeAll(() => {
    staticDir = mkdtempSync(path.join(tmpdir(), 'ioc-spa-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>IOC</title>');
  });
  afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

  let server: AuthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('registers no route that was not declared with its right, and no other right than the expected', async () => {
    server = await startAuthServer({ readAccess: 'signed-in', staticDir });
    const routes = declaredRoutes(server);
    expect(routes.filter((r) => !r.declaration).map((r) => r.key)).toEqual([]);
    const declared = Object.fromEntries(routes.map((r) => [r.key, r.declaration?.right]));
    expect(declared).toEqual(EXPECTED_RIGHTS);
    // Two routes of one path (the audited exports' hook and the export) must not disagree.
    for (const r of routes) expect([r.key, r.declaration?.right]).toEqual([r.key, EXPECTED_RIGHTS[r.key]]);
    // Every state-changing route checks the browser's Origin; no read does.
    for (const r of routes) expect([r.key, r.declaration?.origin]).toEqual([r.key, r.method !== 'GET']);
  });

  it('would notice a route added without a declared right', async () => {
    server = await startAuthServer();
    server.app.web.get('/api/undeclared', (_req, res) => void res.end());
    expect(
      declaredRoutes(server)
        .filter((r) => !r.declaration)
        .map((r) => r.key),
    ).toEqual(['GET /api/undeclared']);
  });

  it('puts no middleware of a router in front of its routes (limiters and body parsers come after the guard)', async () => {
    server = await startAuthServer({ staticDir });
    const inRouters = mountedMiddleware(server.app.web).filter((m) => m.depth > 0);
    // Only error handlers (four arguments), which run when a route has already failed.
    expect(inRouters.filter((m) => m.handle.length !== 4).map((m) => m.prefix)).toEqual([]);

    // Behaviour: an anonymous body that a parser would refuse is refused by the guard first.
    const raw = (pathname: string, body: string) =>
      fetch(server!.url + pathname, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error: string } }));
    expect(await raw('/API/admin/users', '{not json')).toMatchObject({ status: 401 });
    expect(await raw('/api/admin/tokens', JSON.stringify({ label: 'x'.repeat(20_000) }))).toMatchObject({
      status: 401,
    });
    expect(await raw('/api/no-such-thing', '{not json')).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  for (const mode of ['open', 'signed-in'] as const)
    it(
      `READ_ACCESS=${mode}: each route and method, in every spelling, for each role, bearer and nobody`,
      { timeout: 240_000 },
      async () => {
        server = await startAuthServer({ readAccess: mode, staticDir });
        const { credentialsOf } = await sessions(server);
        const seen = new Set<string>();
        const mismatches: string[] = [];
        for (const route of declaredRoutes(server)) {
          if (seen.has(route.key) || route.path.includes('[')) continue;
          seen.add(route.key);
          const right = EXPECTED_RIGHTS[route.key]!;
          for (const spelling of variants(concrete(route.path)))
            await Promise.all(
              CALLERS.map(async (who) => {
                const res = await call(server!.url, route.method, spelling, credentialsOf(who));
                const want = expectedVerdict(right, who, mode);
                const got = verdictOf(res);
                if (got !== want || res.status >= 500)
                  mismatches.push(
                    `${route.method} ${spelling} as ${who}: ${res.status} ${got}, expected ${want}`,
                  );
              }),
            );
        }
        expect(seen.size).toBe(Object.keys(EXPECTED_RIGHTS).length - 1);
        expect(mismatches).toEqual([]);
      },
    );

  it('the SPA loads for anyone at its own paths, never at an API path in any spelling', async () => {
    server = await startAuthServer({ readAccess: 'signed-in', staticDir });
    for (const p of ['/', '/wall', '/kpi/', '/login']) {
      const res = await call(server.url, 'GET', p);
      expect([p, res.status, String(res.body).includes('<title>IOC')]).toEqual([p, 200, true]);
    }
    for (const p of ['/API/nope', '/Api/events/x', '/%61pi/nope', '//api/nope', '/METRICS/x', '/api'])
      expect([p, verdictOf(await call(server.url, 'GET', p))]).toEqual([p, 'no route']);
  });

  it('refuses what no route declares: unknown paths, unknown methods and OPTIONS, for admins too', async () => {
    server = await startAuthServer({ readAccess: 'signed-in', staticDir });
    const { cookieOf } = await sessions(server);
    const cases: [string, string][] = [
      ['GET', '/api/nope'],
      ['GET', '/API/ADMIN/NOPE'],
      ['GET', '/metrics/nope'],
      ['PUT', '/api/admin/users'],
      ['PATCH', '/API/admin/tokens'],
      ['DELETE', '/api/admin/audit'],
      ['POST', '/api/kpis'],
      ['POST', '/wall'],
      ['OPTIONS', '/api/admin/users'],
      ['OPTIONS', '/api/public/summary'],
    ];
    for (const [method, p] of cases)
      for (const who of ['admin', 'none'] as const) {
        const res = await call(server.url, method, p, { cookie: cookieOf(who) });
        expect([method, p, who, res.status, verdictOf(res)]).toEqual([method, p, who, 404, 'no route']);
      }
  });

  it('checks the Origin of every state-changing route in every spelling, and of no read', async () => {
    server = await startAuthServer({ readAccess: 'signed-in', staticDir });
    const { cookieOf } = await sessions(server);
    const foreign = { origin: 'https://evil.example' };
    const wrong: string[] = [];
    for (const route of declaredRoutes(server)) {
      if (route.path.includes('[')) continue;
      for (const spelling of variants(concrete(route.path))) {
        const res = await call(server.url, route.method, spelling, {
          cookie: cookieOf('admin'),
          headers: foreign,
        });
        const want =
          route.method === 'GET'
            ? expectedVerdict(EXPECTED_RIGHTS[route.key]!, 'admin', 'signed-in')
            : 'foreign origin';
        if (verdictOf(res) !== want)
          wrong.push(`${route.method} ${spelling}: ${res.status} ${verdictOf(res)}`);
      }
    }
    expect(wrong).toEqual([]);
    // The page's own origin passes.
    const own = await call(server.url, 'POST', '/API/admin/tokens', {
      cookie: cookieOf('admin'),
      headers: { origin: server.url },
      body: { kind: 'display', label: 'tường' },
    });
    expect(own.status).toBe(201);
  });

  it('makes no admin for an anonymous caller, and audits who made one by the principal, in any spelling', async () => {
    server = await startAuthServer({ readAccess: 'signed-in' });
    const { cookieOf } = await sessions(server);
    const newAdmin = (p: string, cookie: string | null, username: string) =>
      call(server!.url, 'POST', p, { cookie, body: { username, role: 'admin', password: '0123456789ab' } });

    // The reproduction: 201 and a working admin account before.
    expect((await newAdmin('/API/admin/users', null, 'xx')).status).toBe(401);
    expect(server.auth.user('xx')).toBeNull();
    const token = await call(server.url, 'POST', '/API/admin/tokens', {
      body: { kind: 'ingest', label: 'tram-x' },
    });
    expect(token.status).toBe(401);
    expect(server.auth.listTokens()).toHaveLength(1); // the display token `sessions` made
    for (const p of ['/API/events?from=2021-08-01&to=2021-08-02', '/Api/kpis?area=80', '/METRICS'])
      expect([p, (await call(server.url, 'GET', p)).status]).toEqual([p, 401]);

    const spellings = ['/API/admin/users', '/api/admin/users/', '/api//admin/users', '/%61pi/admin/users'];
    for (const [i, p] of spellings.entries())
      expect([p, (await newAdmin(p, cookieOf('admin'), `new-${i}`)).status]).toEqual([p, 201]);
    await call(server.url, 'GET', '/API/events?from=2021-08-01&to=2021-08-02', {
      cookie: cookieOf('analyst'),
    });
    const log = (await call(server.url, 'GET', '/api/admin/audit?limit=100', { cookie: cookieOf('admin') }))
      .body as AuditEntry[];
    const made = log.filter((e) => e.action === 'user_created').map((e) => [e.actor, e.target]);
    expect(made.reverse()).toEqual(spellings.map((_p, i) => ['u-admin', `new-${i} (admin)`]));
    expect(log.filter((e) => e.action === 'export').map((e) => e.actor)).toEqual(['u-analyst']);
    expect(log.some((e) => e.actor === 'unknown')).toBe(false);
  });
});
