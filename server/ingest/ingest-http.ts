import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { IngestBatch } from '../../protocol';
import { HttpError } from '../http/http-error';
import { httpLimiter, ipKey, type RateLimitOptions } from '../security/rate-limit';
import { bearerToken } from '../security/tokens';
import type { IngestTokenCheck } from '../auth/ingest-tokens';
import { describeIssues } from './describe-issues';
import type { IngestService, WriterScope } from './ingest-service';

export interface IngestHttpOptions {
  /** Which source a bearer token speaks for, or null if it is not (or no longer) a valid ingest token. */
  checkToken: IngestTokenCheck;
  rateLimit: RateLimitOptions;
  /** Largest request body, bytes; a larger one is refused with 413 before it is parsed. */
  maxBodyBytes: number;
}

/**
 * `POST /api/ingest`: limited per IP (before the token is checked, so guessing is throttled), authenticated
 * with a bearer token, limited per token, size-capped, then validated item by item. The 200 answer is sent
 * only after the accepted events are durable, so a client may retry anything it got no answer for.
 */
export function ingestHttpRoutes(ingest: IngestService, opts: IngestHttpOptions): Router {
  const r = express.Router();
  r.post(
    '/ingest',
    httpLimiter(opts.rateLimit, (req) => ipKey(req.ip)),
    (req, res, next) => {
      const token = bearerToken(req.get('authorization'));
      const identity = token ? opts.checkToken(token) : null;
      if (!identity) return next(new HttpError(401, 'unauthorized', 'a valid bearer token is required'));
      res.locals.tokenKey = identity.key;
      res.locals.scope = identity.scope;
      next();
    },
    httpLimiter(opts.rateLimit, (_req, res) => String(res.locals.tokenKey)),
    (req, _res, next) => {
      // Only JSON is parsed; anything else would leave the body undefined and be reported as such below.
      if (!req.is('application/json'))
        return next(new HttpError(415, 'unsupported_media_type', 'send application/json'));
      next();
    },
    express.json({ limit: opts.maxBodyBytes, strict: true }),
    async (req, res) => {
      const parsed = IngestBatch.safeParse(req.body);
      if (!parsed.success) throw new HttpError(400, 'invalid_payload', describeIssues(parsed.error.issues));
      res.json(await ingest.ingest(parsed.data.events, 'source', res.locals.scope as WriterScope));
    },
  );
  // Body-parser's own refusals (bad JSON, too large, unknown charset or encoding) become JSON 4xx with a reason.
  r.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const e = err as { type?: unknown; status?: unknown; message?: unknown };
    if (typeof e.type !== 'string' || typeof e.status !== 'number' || e.status >= 500) return next(err);
    const reason =
      e.status === 413 ? 'payload_too_large' : e.type === 'entity.parse.failed' ? 'invalid_json' : e.type;
    next(new HttpError(e.status, reason, String(e.message).slice(0, 200)));
  });
  return r;
}
