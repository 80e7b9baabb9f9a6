import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../log/logger';

/** An id a caller (or the proxy in front) may give: short and plain, so it cannot forge a log line. */
const GIVEN_ID = /^[\w.:-]{1,64}$/;

/**
 * Gives each request an id — the caller's `X-Request-Id` when it is a plain token, else a new UUID — echoes it
 * as the `X-Request-Id` header and keeps a child logger carrying it as `reqId` for the handlers. One line per
 * request at `debug` (method, path, status, ms): at the default `info` a bad request leaves nothing in the log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const reqId = given && GIVEN_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', reqId);
    const log = logger.child({ reqId });
    res.locals.log = log;
    const startedMs = performance.now();
    res.on('finish', () =>
      log.debug(
        {
          method: req.method,
          // The path only: query strings carry tokens (`?operatorToken=`, `?once=`).
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - startedMs),
        },
        'request',
      ),
    );
    next();
  };
}

/** The request's logger kept by `requestLog`, or `fallback` outside it. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.log as Logger | undefined) ?? fallback;
}
