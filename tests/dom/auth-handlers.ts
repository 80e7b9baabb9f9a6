import { http, HttpResponse } from 'msw';
import {
  CreateTokenRequest,
  CreateUserRequest,
  LoginRequest,
  TokenSignInRequest,
  type AuditEntry,
  type Principal,
  type ReadAccess,
  type TokenSummary,
  type UserSummary,
} from '../../protocol/auth.schema';

/**
 * A small stand-in for the server's `/api/auth` and `/api/admin` (the contract of issue 7), with state, so
 * that a flow (add a user, then see it listed) is checked end to end in the browser code. Every request body
 * is checked with the protocol's schema: a client that sends the wrong shape gets the server's 400.
 */
export interface FakeAuth {
  principal: Principal | null;
  readAccess: ReadAccess | undefined;
  passwords: Map<string, { password: string; role: UserSummary['role'] }>;
  users: UserSummary[];
  tokens: TokenSummary[];
  /** Secrets that sign in: the one-time link (removed when used) and display tokens by id. */
  onceTokens: Set<string>;
  displaySecrets: Map<string, string>;
  audit: AuditEntry[];
  /** Answer the next logins with 429 (rate limited). */
  rateLimited: boolean;
  requests: string[];
  nowMs: number;
}

export const T0 = Date.parse('2021-08-16T09:30:00+07:00');

export function fakeAuth(init: Partial<FakeAuth> = {}): FakeAuth {
  return {
    principal: null,
    readAccess: 'open',
    passwords: new Map([['admin', { password: 'mat-khau-dai-123', role: 'admin' }]]),
    users: [{ username: 'admin', role: 'admin', createdAtMs: T0 }],
    tokens: [],
    onceTokens: new Set(),
    displaySecrets: new Map(),
    audit: [],
    rateLimited: false,
    requests: [],
    nowMs: T0 + 60_000,
    ...init,
  };
}

const error = (status: number, code: string, details?: unknown) =>
  HttpResponse.json({ error: code, details }, { status });

export function authHandlers(s: FakeAuth) {
  let nextId = 1;
  const log = (actor: string, action: AuditEntry['action'], target: string) =>
    s.audit.push({ id: s.audit.length + 1, atMs: (s.nowMs += 1000), actor, action, target, ip: '10.0.0.5' });
  const admin = () =>
    !s.principal ? error(401, 'unauthorized') : s.principal.role !== 'admin' ? error(403, 'forbidden') : null;
  const body = async (req: Request) => (await req.json().catch(() => undefined)) as unknown;
  return [
    http.all('*/api/*', ({ request }) => {
      s.requests.push(`${request.method} ${new URL(request.url).pathname}`);
    }),
    http.get('*/api/auth/me', () =>
      HttpResponse.json(
        s.readAccess ? { principal: s.principal, readAccess: s.readAccess } : { principal: s.principal },
      ),
    ),
    http.post('*/api/auth/login', async ({ request }) => {
      if (s.rateLimited) return error(429, 'rate_limited', { retryAfterS: 42 });
      const req = LoginRequest.safeParse(await body(request));
      if (!req.success) return error(400, 'invalid_request', req.error.issues);
      const user = s.passwords.get(req.data.username);
      if (!user || user.password !== req.data.password) {
        log(req.data.username, 'login_failed', req.data.username);
        return error(401, 'invalid_credentials');
      }
      s.principal = { name: req.data.username, role: user.role };
      log(req.data.username, 'login', req.data.username);
      return HttpResponse.json({ principal: s.principal });
    }),
    http.post('*/api/auth/token', async ({ request }) => {
      const req = TokenSignInRequest.safeParse(await body(request));
      if (!req.success) return error(400, 'invalid_request');
      if (s.onceTokens.delete(req.data.token)) {
        s.principal = { name: 'admin', role: 'admin' };
        return HttpResponse.json({ principal: s.principal });
      }
      const id = [...s.displaySecrets].find(([, secret]) => secret === req.data.token)?.[0];
      const token = s.tokens.find((t) => t.id === id && t.revokedAtMs === null);
      if (!token) return error(401, 'invalid_token');
      s.principal = { name: token.label, role: 'display' };
      return HttpResponse.json({ principal: s.principal });
    }),
    http.post('*/api/auth/logout', () => {
      if (s.principal) log(s.principal.name, 'logout', s.principal.name);
      s.principal = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/api/admin/users', () => admin() ?? HttpResponse.json(s.users)),
    http.post('*/api/admin/users', async ({ request }) => {
      const refused = admin();
      if (refused) return refused;
      const req = CreateUserRequest.safeParse(await body(request));
      if (!req.success) return error(400, 'invalid_request', req.error.issues);
      if (s.passwords.has(req.data.username)) return error(409, 'user_exists');
      const user: UserSummary = { username: req.data.username, role: req.data.role, createdAtMs: s.nowMs };
      s.passwords.set(req.data.username, { password: req.data.password, role: req.data.role });
      s.users.push(user);
      log(s.principal!.name, 'user_created', user.username);
      return HttpResponse.json(user);
    }),
    http.delete('*/api/admin/users/:username', ({ params }) => {
      const refused = admin();
      if (refused) return refused;
      const name = String(params.username);
      if (!s.passwords.delete(name)) return error(404, 'not_found');
      s.users = s.users.filter((u) => u.username !== name);
      log(s.principal!.name, 'user_deleted', name);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/api/admin/tokens', () => admin() ?? HttpResponse.json(s.tokens)),
    http.post('*/api/admin/tokens', async ({ request }) => {
      const refused = admin();
      if (refused) return refused;
      const req = CreateTokenRequest.safeParse(await body(request));
      if (!req.success) return error(400, 'invalid_request', req.error.issues);
      const summary: TokenSummary = {
        id: `tok-${nextId++}`,
        kind: req.data.kind,
        label: req.data.label,
        createdAtMs: s.nowMs,
        revokedAtMs: null,
      };
      const token = `secret-${summary.id}-0123456789abcdef`;
      s.tokens.push(summary);
      if (summary.kind === 'display') s.displaySecrets.set(summary.id, token);
      log(s.principal!.name, 'token_created', summary.id);
      return HttpResponse.json({ summary, token });
    }),
    http.delete('*/api/admin/tokens/:id', ({ params }) => {
      const refused = admin();
      if (refused) return refused;
      const token = s.tokens.find((t) => t.id === params.id);
      if (!token) return error(404, 'not_found');
      token.revokedAtMs = s.nowMs;
      log(s.principal!.name, 'token_revoked', token.id);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('*/api/admin/audit', ({ request }) => {
      const refused = admin();
      if (refused) return refused;
      const limit = Number(new URL(request.url).searchParams.get('limit') ?? 100);
      // Oldest first on purpose: the page must put the newest on top itself.
      return HttpResponse.json(s.audit.slice(-limit));
    }),
  ];
}
