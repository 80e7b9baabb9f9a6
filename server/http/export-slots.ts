import type { Request, RequestHandler } from 'express';

/**
 * At most `perPrincipal` downloads of the log streaming at once per caller; one more is answered 429 at once
 * rather than queued, so a script cannot stack up reads. A slot is freed when its response closes, finished
 * or cut.
 */
export function exportSlots(perPrincipal: number, keyOf: (req: Request) => string): RequestHandler {
  const open = new Map<string, number>();
  return (req, res, next) => {
    const key = keyOf(req);
    const n = open.get(key) ?? 0;
    if (n >= perPrincipal) {
      res.setHeader('Retry-After', '5');
      return void res.status(429).json({
        error: 'rate_limited',
        details: `at most ${perPrincipal} exports at once; retry when one has finished`,
      });
    }
    open.set(key, n + 1);
    res.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
    next();
  };
}
