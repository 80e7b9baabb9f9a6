import type { Request, RequestHandler, Response } from 'express';
import { MemoryStore, ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';

export interface RateLimitOptions {
  windowMs: number;
  /** Messages (socket batches or HTTP requests) allowed per key in each window. */
  limit: number;
}

/**
 * An HTTP limiter answering 429 `{ error: 'rate_limited' }` with `RateLimit`/`Retry-After` headers, keyed by
 * `key(req)` (IP before authentication, token after it).
 */
export function httpLimiter(
  opts: RateLimitOptions,
  key: (req: Request, res: Response) => string,
): RequestHandler {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    // The check reads the key function's source for `req.ip`; ours passes it through ipKeyGenerator (ipKey).
    validate: { keyGeneratorIpFallback: false },
    handler: (_req, res, _next, used) =>
      void res.status(429).json({
        error: 'rate_limited',
        details: `at most ${used.limit} requests per ${used.windowMs / 1000} s`,
      }),
  });
}

/** The client's address as a limiter key; IPv6 clients are grouped by /56 so one host cannot rotate addresses. */
export const ipKey = (ip: string | undefined) => `ip:${ipKeyGenerator(ip ?? 'unknown')}`;

export interface SocketLimiter {
  /** Counts one message against every key; `retryAfterMs` is set when any of them is over its limit. */
  hit(keys: readonly string[]): Promise<{ limited: boolean; retryAfterMs: number }>;
  close(): void;
}

/**
 * Socket messages are limited with express-rate-limit's own store (fixed window, self-cleaning), so HTTP and
 * sockets count the same way and nothing here is a hand-made limiter.
 */
export function createSocketLimiter(opts: RateLimitOptions): SocketLimiter {
  const store = new MemoryStore();
  store.init({ windowMs: opts.windowMs } as Options);
  return {
    async hit(keys) {
      let retryAfterMs = 0;
      for (const key of keys) {
        const { totalHits, resetTime } = await store.increment(key);
        if (totalHits > opts.limit)
          retryAfterMs = Math.max(retryAfterMs, (resetTime?.getTime() ?? Date.now()) - Date.now(), 1);
      }
      return { limited: retryAfterMs > 0, retryAfterMs };
    },
    close: () => store.shutdown(),
  };
}
