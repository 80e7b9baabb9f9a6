import { RateLimiterMemory } from 'rate-limiter-flexible';
import { consumeOrWait } from '../security/failure-limiter';
import type { RateLimitOptions } from '../security/rate-limit';

/**
 * Sign-in attempts per (user name, address) with a growing delay: the first `limit` failures cost nothing, then
 * each further one doubles the wait before the next try (1 s, 2 s, 4 s … at most the window), and tries come at
 * most one a second. A right password
 * clears the pair at once. Keyed by the pair, a stranger guessing `admin` from elsewhere slows only
 * themselves: the real admin, from their own address, is never made to wait for someone else's mistakes.
 */
export interface LoginThrottle {
  /** Before checking the password: 0 to go on, else the ms this pair must still wait (answer 429). */
  attempt(user: string, ip: string): Promise<number>;
  /** The password was wrong: the next attempt of this pair may have to wait. */
  failed(user: string, ip: string): Promise<void>;
  /** The password was right: this pair starts afresh. */
  succeeded(user: string, ip: string): Promise<void>;
}

export function createLoginThrottle(opts: RateLimitOptions): LoginThrottle {
  const windowS = Math.max(1, Math.ceil(opts.windowMs / 1000));
  // Failures in the window; past `limit` every attempt needs the pacer's go.
  const failures = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: windowS });
  // One attempt per second at most once past the free failures, and blocked for the delay after each failure.
  const pacer = new RateLimiterMemory({ points: 1, duration: 1 });
  const keyOf = (user: string, ip: string) => `${ip}|${user.slice(0, 64)}`;
  const failuresOf = async (key: string) => (await failures.get(key))?.consumedPoints ?? 0;

  return {
    async attempt(user, ip) {
      const key = keyOf(user, ip);
      if ((await failuresOf(key)) < opts.limit) return 0;
      return consumeOrWait(pacer, key);
    },
    async failed(user, ip) {
      const key = keyOf(user, ip);
      const n = (await failures.penalty(key, 1)).consumedPoints;
      if (n <= opts.limit) return;
      const delayS = Math.min(2 ** Math.min(n - opts.limit - 1, 30), windowS);
      await pacer.block(key, delayS);
    },
    async succeeded(user, ip) {
      const key = keyOf(user, ip);
      await failures.delete(key);
      await pacer.delete(key);
    },
  };
}
