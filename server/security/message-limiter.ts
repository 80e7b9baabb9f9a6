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
   * spent, `retryAfterMs` says when the window that refused it ends.
   */
  charge(
    socketKey: string,
    principalKey: string,
    points: number,
  ): Promise<{ limited: boolean; retryAfterMs: number }>;
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

async function spend(l: RateLimiterAbstract, key: string, points: number): Promise<number> {
  try {
    await l.consume(key, points);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, res.msBeforeNext);
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
      const socketWait = await spend(perSocket, socketKey, points);
      // A socket over its own allowance does not also drain its principal's: other tabs keep working.
      const retryAfterMs = socketWait || (await spend(perPrincipal, principalKey, points));
      return { limited: retryAfterMs > 0, retryAfterMs };
    },
  };
}
