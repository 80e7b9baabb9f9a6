import type { Response, Router } from 'express';
import { LoginRequest, SessionAnswer, TokenSignInRequest, type Principal } from '../../protocol';
import { guardedRouter } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import { createFailureLimiter, retryAfterSeconds } from '../security/failure-limiter';
import { ipKey, type RateLimitOptions } from '../security/rate-limit';
import type { Access } from './access';
import { DISPLAY_SESSION_MS, USER_SESSION_MS, type AuthStore } from './auth-store';
import { parseBody, smallJson } from './json-body';
import { createLoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';

/** The user the first-run sign-in link signs in as. */
export const FIRST_ADMIN = 'admin';

export interface AuthRoutesDeps {
  store: AuthStore;
  access: Access;
  /**
   * Failed sign-ins per (user name, address) before each further one waits longer; per address five times as
   * many failures, for people and for walls apart (an office shares one address).
   */
  loginRateLimit: RateLimitOptions;
}

/** `/api/auth/*`: sign in with a password or a token, sign out, and who am I. */
export function authRoutes(deps: AuthRoutesDeps): Router {
  const { store, access } = deps;
  const r = guardedRouter(access.guard);
  // With the read mode, so the SPA sends an anonymous visitor to sign in only when reads need it.
  const answer = (principal: Principal | null) =>
    SessionAnswer.parse({ principal, readAccess: access.readAccess });
  const perAddress = { windowMs: deps.loginRateLimit.windowMs, limit: deps.loginRateLimit.limit * 5 };
  // Two buckets: people guessing passwords cannot keep the walls from signing in with their tokens.
  const people = createFailureLimiter(perAddress);
  const walls = createFailureLimiter(perAddress);
  const pairs = createLoginThrottle(deps.loginRateLimit);
  const wait = (res: Response, ms: number, why: string) => {
    res.set('retry-after', String(retryAfterSeconds(ms)));
    return new HttpError(429, 'rate_limited', { reason: why, retryAfterS: retryAfterSeconds(ms) });
  };

  r.post('/login', 'anyone', smallJson, async (req, res) => {
    const { username, password } = parseBody(LoginRequest, req.body);
    const ip = ipKey(req.ip);
    // Every attempt holds a place in the address's bucket (before the scrypt) and gives it back if right.
    const addressWait = await people.take(ip);
    if (addressWait) throw wait(res, addressWait, 'too many failed sign-ins from this address');
    const pairWait = await pairs.attempt(username, ip);
    if (pairWait) {
      await people.giveBack(ip);
      throw wait(res, pairWait, 'wrong password too often for this name from this address: wait');
    }
    const user = store.user(username);
    // Always one scrypt, existing user or not, so the time taken does not tell which names exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? null);
    if (!ok || !user) {
      await pairs.failed(username, ip);
      access.audit({ actor: username, action: 'login_failed', target: username, ip: req.ip });
      throw new HttpError(401, 'invalid_credentials', 'wrong user name or password');
    }
    await people.giveBack(ip);
    await pairs.succeeded(username, ip);
    const session = store.openSession(
      { name: user.username, role: user.role },
      { username },
      USER_SESSION_MS,
    );
    setSessionCookie(req, res, session.secret, USER_SESSION_MS);
    access.audit({ actor: username, action: 'login', target: username, ip: req.ip });
    res.json(answer(session.principal));
  });

  r.post('/token', 'anyone', smallJson, async (req, res) => {
    const { token } = parseBody(TokenSignInRequest, req.body);
    if (store.useSignInLink(token)) {
      // The first admin has no password: the link is their way in, and they then create real accounts.
      if (!store.user(FIRST_ADMIN)) store.addUser(FIRST_ADMIN, 'admin', null);
      const principal: Principal = { name: FIRST_ADMIN, role: store.user(FIRST_ADMIN)!.role };
      const session = store.openSession(principal, { username: FIRST_ADMIN }, USER_SESSION_MS);
      setSessionCookie(req, res, session.secret, USER_SESSION_MS);
      access.audit({ actor: FIRST_ADMIN, action: 'login', target: 'sign-in-link', ip: req.ip });
      return void res.json(answer(principal));
    }
    const display = store.findToken(token);
    if (display?.kind === 'display') {
      const principal: Principal = { name: display.label, role: 'display' };
      const session = store.openSession(principal, { tokenId: display.id }, DISPLAY_SESSION_MS);
      setSessionCookie(req, res, session.secret, DISPLAY_SESSION_MS);
      access.audit({ actor: display.label, action: 'login', target: `token:${display.id}`, ip: req.ip });
      return void res.json(answer(principal));
    }
    // Only failures count, so a wall with a good token signs in whatever others on its address sent.
    const addressWait = await walls.take(ipKey(req.ip));
    if (addressWait) throw wait(res, addressWait, 'too many unknown tokens from this address');
    access.audit({ actor: 'unknown', action: 'login_failed', target: 'token', ip: req.ip });
    throw new HttpError(401, 'invalid_token', 'the link or token is unknown, used, expired or revoked');
  });

  r.post('/logout', 'anyone', (req, res) => {
    const secret = readCookie(req.headers.cookie, SESSION_COOKIE);
    const principal = secret ? store.session(secret) : null;
    if (secret) store.closeSession(secret);
    clearSessionCookie(req, res);
    if (principal)
      access.audit({ actor: principal.name, action: 'logout', target: principal.name, ip: req.ip });
    res.status(204).end();
  });

  r.get('/me', 'anyone', (req, res) => {
    res.set('cache-control', 'no-store').json(answer(access.principalOfRequest(req)));
  });
  return r.router;
}
