import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitOptions } from './rate-limit';

/**
 * Counts one thing per key in a fixed window: whole attempts (`take`, given back with `giveBack` when they
 * succeed) or failures only (`take` after the failure). Counting and checking are one atomic step, so a burst
 * of parallel requests cannot all slip past the check before any is counted.
 */
export interface FailureLimiter {
  /** Counts one against `key`: 0 if it was within the limit, else how long (ms) until the key may go on. */
  take(key: string): Promise<number>;
  /** Undoes one `take` (the attempt succeeded: only failures are held against a key). */
  giveBack(key: string): Promise<void>;
}

/** Takes one point of `key`: 0 if it was within the limit, else the ms until the key may go on. */
export async function consumeOrWait(limiter: RateLimiterMemory, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, res.msBeforeNext);
    throw res;
  }
}

export function createFailureLimiter(opts: RateLimitOptions): FailureLimiter {
  const limiter = new RateLimiterMemory({
    points: opts.limit,
    duration: Math.max(1, Math.ceil(opts.windowMs / 1000)),
  });
  return {
    take: (key) => consumeOrWait(limiter, key),
    async giveBack(key) {
      await limiter.reward(key, 1);
    },
  };
}

/** A wait in ms as `Retry-After` counts it: whole seconds, at least one. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
