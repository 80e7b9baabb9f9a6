import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import { IngestBatch } from '../../protocol';
import { bodyRefusal } from '../http/body-refusal';
import { HttpError } from '../http/http-error';
import { createFailureLimiter, retryAfterSeconds } from '../security/failure-limiter';
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
  guard: GuardFor;
}

/**
 * `POST /api/ingest`: authenticated with a bearer token, limited per token, size-capped, then validated item by
 * item. Only failed authentications count per IP (429 past the limit, so guessing is throttled): a valid token
 * behind the same address, or behind the same proxy, goes on whatever a stranger sends. The 200 answer is sent
 * only after the accepted events are durable, so a client may retry anything it got no answer for.
 */
export function ingestHttpRoutes(ingest: IngestService, opts: IngestHttpOptions): Router {
  const r = guardedRouter(opts.guard);
  const failures = createFailureLimiter(opts.rateLimit);
  r.post(
    '/ingest',
    // Sources are not principals: the bearer token below is the check.
    'anyone',
    async (req, res, next) => {
      const token = bearerToken(req.get('authorization'));
      const identity = token ? opts.checkToken(token) : null;
      if (!identity) {
        const waitMs = await failures.take(ipKey(req.ip));
        if (!waitMs) throw new HttpError(401, 'unauthorized', 'a valid bearer token is required');
        res.set('retry-after', String(retryAfterSeconds(waitMs)));
        throw new HttpError(429, 'rate_limited', 'too many requests with a wrong token from this address');
      }
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
  r.router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(bodyRefusal(err) ?? err),
  );
  return r.router;
}
