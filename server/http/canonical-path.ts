import type { RequestHandler } from 'express';

const UNRESERVED = /^[A-Za-z0-9_~-]$/;

/**
 * The path as RFC 3986 §6.2.2 says it is equivalent: letters, digits, `-`, `_` and `~` percent-encoded are
 * decoded and runs of `/` become one. Express would otherwise route `/%61pi/…` or `/api//admin` to no route at
 * all, so one resource would answer differently by its spelling; decoded, it reaches the route (and the guard)
 * the plain spelling reaches. `.` stays encoded so no `..` segment appears that was not sent.
 */
export const canonicalPath: RequestHandler = (req, _res, next) => {
  // An absolute-form target (`http://host/…`, sent to proxies) keeps its `//`; Express routes it by its path.
  if (!req.url.startsWith('/')) return next();
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const canonical = path
    .replace(/%([0-9A-Fa-f]{2})/g, (encoded, hex: string) => {
      const c = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(c) ? c : encoded;
    })
    .replace(/\/{2,}/g, '/');
  if (canonical !== path) req.url = canonical + (q < 0 ? '' : req.url.slice(q));
  next();
};
