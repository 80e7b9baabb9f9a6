import type { z } from 'zod';
import {
  AuditEntry,
  CreatedToken,
  SessionAnswer,
  TokenSummary,
  UserSummary,
  type CreateTokenRequest,
  type CreateUserRequest,
  type LoginRequest,
  type Principal,
} from '../../protocol/auth.schema';
import { ApiError } from './api';

/**
 * `/api/auth/*` and `/api/admin/*`. Every answer is checked against the protocol's schema: a server of another
 * version (or a proxy's error page) becomes an `invalid_answer` error the page can show, not a crash deep in
 * a component. The session travels in an httpOnly cookie, which `fetch` sends on same-origin requests.
 */

const NO_BODY = null;

/** Seconds to wait after a 429: the `Retry-After` header, else the body's `details.retryAfterS`. */
function retryAfterS(res: Response, details: unknown): number | null {
  const header = Number(res.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return header;
  const fromBody = (details as { retryAfterS?: unknown } | null)?.retryAfterS;
  return typeof fromBody === 'number' && fromBody > 0 ? fromBody : null;
}

async function call<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  schema: S | typeof NO_BODY,
  body?: unknown,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(path, 0, e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: unknown; details?: unknown } | null;
    const error = typeof err?.error === 'string' ? err.error : res.statusText || 'error';
    const details = res.status === 429 ? { retryAfterS: retryAfterS(res, err?.details) } : err?.details;
    throw new ApiError(path, res.status, error, details);
  }
  if (schema === NO_BODY) return undefined as z.infer<S>;
  const parsed = schema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError(path, res.status, 'invalid_answer', parsed.error.issues);
  return parsed.data;
}

/** A sign-in answer must name who signed in; `{ principal: null }` there is a broken server. */
async function signIn(path: string, body: unknown): Promise<Principal> {
  const answer = await call('POST', path, SessionAnswer, body);
  if (!answer.principal) throw new ApiError(path, 200, 'invalid_answer', 'no principal');
  return answer.principal;
}

export const fetchSession = () => call('GET', '/api/auth/me', SessionAnswer);
export const login = (req: LoginRequest) => signIn('/api/auth/login', req);
/** Redeems the one-time admin link (`/login?once=…`) or a wall's display token (`/wall?display=…`). */
export const redeemToken = (token: string) => signIn('/api/auth/token', { token });
export const logout = () => call('POST', '/api/auth/logout', NO_BODY);

export const listUsers = () => call('GET', '/api/admin/users', UserSummary.array());
export const createUser = (req: CreateUserRequest) => call('POST', '/api/admin/users', UserSummary, req);
export const deleteUser = (username: string) =>
  call('DELETE', `/api/admin/users/${encodeURIComponent(username)}`, NO_BODY);

export const listTokens = () => call('GET', '/api/admin/tokens', TokenSummary.array());
export const createToken = (req: CreateTokenRequest) => call('POST', '/api/admin/tokens', CreatedToken, req);
export const revokeToken = (id: string) =>
  call('DELETE', `/api/admin/tokens/${encodeURIComponent(id)}`, NO_BODY);

export const listAudit = (limit: number) =>
  call('GET', `/api/admin/audit?${new URLSearchParams({ limit: String(limit) })}`, AuditEntry.array());
