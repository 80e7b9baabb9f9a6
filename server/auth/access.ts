import type { RequestHandler, Request } from 'express';
import type { Socket } from 'socket.io';
import type { Principal } from '../../protocol';
import { HttpError } from '../http/http-error';
import { refuse } from '../live/protocol-guard';
import { originAllowed } from '../security/origin';
import { bearerToken, tokenMatcher } from '../security/tokens';
import type { GuardFor } from '../http/guarded-router';
import { judge, SOCKET_POLICY, type ReadAccess, type Right } from './access-policy';
import type { AuditInput, AuthStore } from './auth-store';
import { readCookie, SESSION_COOKIE } from './session-cookie';

/** The principal of a script holding an `OPERATOR_TOKENS` token (the path that predates users). */
export const OPERATOR_TOKEN_PRINCIPAL: Principal = { name: 'operator-token', role: 'operator' };

export type SocketNamespace = keyof typeof SOCKET_POLICY;

export interface AccessOptions {
  store: AuthStore;
  operatorTokens: readonly string[];
  readAccess: ReadAccess;
  /** Browser origins allowed besides the page's own (`ALLOWED_ORIGINS`). */
  allowedOrigins?: readonly string[];
}

export interface Access {
  readAccess: ReadAccess;
  /**
   * The first handler of every declared route (server/http/guarded-router.ts): checks a browser's Origin if
   * asked, resolves the caller (session cookie, display or operator bearer), then 401/403 unless it holds the
   * route's right.
   */
  guard: GuardFor;
  /** The same check for code that builds its own routes (`operatorGuard.http`), without the Origin check. */
  require(right: Right): RequestHandler;
  /** Namespace middleware: refuses the handshake (also of recovered connections) if the policy says so. */
  socketGuard(nsp: SocketNamespace): (socket: Socket, next: (err?: Error) => void) => void;
  /** Whether the socket may send `event` now: its session is read again, so a sign-out or revocation counts. */
  socketMay(socket: Pick<Socket, 'handshake'>, nsp: SocketNamespace, event: string): boolean;
  principalOf(socket: Pick<Socket, 'handshake'>): Principal | null;
  /** The caller of a request, as its route's guard resolved it; throws for a request no guard saw. */
  principalOfRequest(req: Request): Principal | null;
  /** Who to write in the audit log for a request a checked right let through: its principal's name. */
  actorOf(req: Request): string;
  audit(entry: AuditInput): void;
}

export function createAccess(opts: AccessOptions): Access {
  const { store } = opts;
  // With no operator token configured nobody holds one: closed by default.
  const matchesOperatorToken = tokenMatcher(opts.operatorTokens);
  const isOperatorToken = (token: unknown) =>
    typeof token === 'string' && opts.operatorTokens.length > 0 && matchesOperatorToken(token);

  const fromBearer = (token: string | null): Principal | null => {
    if (!token) return null;
    if (isOperatorToken(token)) return OPERATOR_TOKEN_PRINCIPAL;
    const found = store.findToken(token);
    // An ingest token is the right to report facts, not to read the dashboards.
    return found?.kind === 'display' ? { name: found.label, role: 'display' } : null;
  };
  const fromCookie = (header: string | undefined) => {
    const secret = readCookie(header, SESSION_COOKIE);
    return secret ? store.session(secret) : null;
  };

  const principalOf = (socket: Pick<Socket, 'handshake'>) =>
    fromCookie(socket.handshake.headers.cookie) ??
    (isOperatorToken((socket.handshake.auth as { operatorToken?: unknown } | undefined)?.operatorToken)
      ? OPERATOR_TOKEN_PRINCIPAL
      : null);

  // Per request its guard saw: the caller, or `{}` until asked for on a route open to anyone.
  const callers = new WeakMap<Request, { principal?: Principal | null }>();
  const principalOfHttp = (req: Request) =>
    fromCookie(req.headers.cookie) ?? fromBearer(bearerToken(req.get('authorization')));
  const verdictError = (verdict: ReturnType<typeof judge>, principal: Principal | null, right: Right) =>
    verdict === 'unauthenticated'
      ? new HttpError(401, 'unauthorized', 'sign in first')
      : verdict === 'forbidden'
        ? new HttpError(403, 'forbidden', `the ${principal!.role} role may not ${right}`)
        : undefined;

  const guard: GuardFor = (right, checks) => (req, _res, next) => {
    if (checks.origin && !originAllowed(req, opts.allowedOrigins ?? []))
      return next(new HttpError(403, 'forbidden_origin', 'requests from another site are refused'));
    // Nothing to judge: the caller is looked up only if the handler asks (a source's ingest post does not).
    if (right === 'anyone') {
      callers.set(req, {});
      return next();
    }
    const principal = principalOfHttp(req);
    callers.set(req, { principal });
    next(verdictError(judge(right, principal, opts.readAccess), principal, right));
  };
  const principalOfRequest = (req: Request) => {
    // A handler asking before any guard ran would read "nobody" and write it to the audit log.
    const caller = callers.get(req);
    if (!caller) throw new Error(`no guard saw ${req.method} ${req.path}`);
    if (caller.principal === undefined) caller.principal = principalOfHttp(req);
    return caller.principal;
  };

  return {
    readAccess: opts.readAccess,
    guard,
    require: (right) => guard(right, { origin: false }),
    socketGuard: (nsp) => (socket, next) => {
      const right: Right = SOCKET_POLICY[nsp].connect;
      const verdict = judge(right, principalOf(socket), opts.readAccess);
      if (verdict === 'allow') return next();
      next(refuse('unauthorized', { reason: verdict === 'forbidden' ? 'forbidden' : 'sign in first' }));
    },
    socketMay(socket, nsp, event) {
      const events: Record<string, Right> = SOCKET_POLICY[nsp].events;
      const right = events[event] ?? SOCKET_POLICY[nsp].connect;
      return judge(right, principalOf(socket), opts.readAccess) === 'allow';
    },
    principalOf,
    principalOfRequest,
    actorOf: (req) => {
      const principal = principalOfRequest(req);
      if (!principal) throw new Error(`${req.method} ${req.path} is audited but lets anonymous callers in`);
      return principal.name;
    },
    audit: (entry) => store.audit(entry),
  };
}
