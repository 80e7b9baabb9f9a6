import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'ioc_session';

/** The value of one cookie in a `Cookie` header, or null. Values we set are base64url, so no decoding is needed. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return /^[\w-]{1,200}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * httpOnly (no script can read it), SameSite=Strict (no other site's page sends it, which is also the CSRF
 * defence), Path=/ (the socket handshake needs it too), Secure when the request came over HTTPS — directly or,
 * with `TRUST_PROXY` set, as the proxy reports it — so a plain-HTTP install on a LAN still works.
 */
export function setSessionCookie(req: Request, res: Response, secret: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
