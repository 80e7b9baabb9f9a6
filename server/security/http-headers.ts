import type { RequestHandler } from 'express';

/**
 * The Content-Security-Policy of the SPA. Scripts, workers and connections come from our own origin only:
 * maplibre's worker is a file of the build (`setWorkerUrl`), so it needs neither `blob:` nor `unsafe-eval`.
 * Styles allow inline because maplibre and recharts set style attributes; images allow `data:`/`blob:` for
 * map sprites and chart export. Source-supplied strings are rendered as text by React, and this policy is
 * the second line behind that.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "child-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The few security headers helmet would set, written out here rather than adding a dependency for them.
 * HSTS is left to the TLS-terminating proxy, which alone knows the site is served over HTTPS.
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(self), geolocation=(), microphone=(), payment=()');
    next();
  };
}
