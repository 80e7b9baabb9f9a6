import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** Cost points a caller may spend on socket messages in each window, per socket and per principal. */
export interface MessageRateLimit {
  windowMs: number;
  perSocket: number;
  perPrincipal: number;
}

/** A Redis client the limiter can share with the Socket.IO adapter (node-redis 4+), and the cluster's key prefix. */
export interface LimiterRedis {
  client: object;
  prefix: string;
}

export interface MessageLimiter {
  /**
   * Charges `points` to the socket and to its principal before any work is done for the message; when either is
   * spent, `retryAfterMs` says when the window that refused it ends. `flooding` is set once the socket has asked
   * for twice its allowance in one window: it ignores the answers it gets, and is better closed.
   */
  charge(socketKey: string, principalKey: string, points: number): Promise<ChargeResult>;
}

export interface ChargeResult {
  limited: boolean;
  retryAfterMs: number;
  flooding: boolean;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function limiter(points: number, windowMs: number, prefix: string, redis?: LimiterRedis) {
  const memory = new RateLimiterMemory({ points, duration: seconds(windowMs), keyPrefix: prefix });
  if (!redis) return memory;
  // Shared across the nodes of the scale path, so a principal cannot multiply its allowance by the node count;
  // while Redis is unreachable each node limits on its own rather than letting everything through.
  return new RateLimiterRedis({
    storeClient: redis.client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    points,
    duration: seconds(windowMs),
    keyPrefix: `${redis.prefix}:${prefix}`,
    insuranceLimiter: memory,
  });
}

/** Waits 0 when the points were granted; what the key has asked for in this window either way. */
async function spend(
  l: RateLimiterAbstract,
  key: string,
  points: number,
): Promise<{ waitMs: number; consumed: number }> {
  try {
    const res = await l.consume(key, points);
    return { waitMs: 0, consumed: res.consumedPoints };
  } catch (res) {
    if (res instanceof RateLimiterRes)
      return { waitMs: Math.max(1, res.msBeforeNext), consumed: res.consumedPoints };
    throw res;
  }
}

/** `name` keeps the counters of each namespace apart (and apart from other clusters' in a shared Redis). */
export function createMessageLimiter(
  name: string,
  opts: MessageRateLimit,
  redis?: LimiterRedis,
): MessageLimiter {
  const perSocket = limiter(opts.perSocket, opts.windowMs, `msg:${name}`, redis);
  const perPrincipal = limiter(opts.perPrincipal, opts.windowMs, `msg:${name}`, redis);
  return {
    async charge(socketKey, principalKey, points) {
      const own = await spend(perSocket, socketKey, points);
      const flooding = own.consumed > 2 * opts.perSocket;
      // A socket over its own allowance does not also drain its principal's: other tabs keep working.
      const retryAfterMs = own.waitMs || (await spend(perPrincipal, principalKey, points)).waitMs;
      return { limited: retryAfterMs > 0, retryAfterMs, flooding };
    },
  };
}
