import { createHash } from 'node:crypto';

/** A response body computed once and served as it is to every reader until it is refreshed. */
export interface CachedBody {
  bytes: Buffer;
  /** Strong validator: a hash of the content without its computation time. */
  etag: string;
  computedAtMs: number;
}

export interface JsonCache {
  /** The current body; recomputed at most once per `ttlMs`, and only one computation at a time. */
  get(): Promise<CachedBody>;
}

/**
 * Thousands of phones asking for the same figures cost one computation per `ttlMs`: readers share the
 * serialised bytes, and concurrent readers of a stale body wait for the single computation under way.
 * `now` is injectable so the refresh rule is tested without waiting.
 */
export function createJsonCache(
  compute: () => Promise<unknown>,
  ttlMs: number,
  now: () => number = Date.now,
): JsonCache {
  let current: CachedBody | null = null;
  let pending: Promise<CachedBody> | null = null;

  const refresh = (): Promise<CachedBody> => {
    pending ??= compute()
      .then((value) => {
        const bytes = Buffer.from(JSON.stringify(value));
        // The validator ignores when the answer was computed: unchanged figures keep their ETag, so a
        // reader's revalidation stays a 304 across refreshes.
        const { generatedAtMs: _, ...figures } = value as { generatedAtMs?: unknown };
        const etag = `"${createHash('sha1').update(JSON.stringify(figures)).digest('base64url')}"`;
        current = { bytes, etag, computedAtMs: now() };
        return current;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };

  return {
    get() {
      if (current && now() - current.computedAtMs < ttlMs) return Promise.resolve(current);
      return refresh();
    },
  };
}

/** True when the request's If-None-Match already names this body, so a 304 without it will do. */
export function isFresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}
