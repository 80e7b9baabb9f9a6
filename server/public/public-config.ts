import type { PublicOptions } from './public-surface';

/**
 * `PUBLIC_BASE_URL` (origin printed in receipts' QR codes; default: the origin each request came to),
 * `PUBLIC_CACHE_MS` (figures recomputed at most this often) and `PUBLIC_LOOKUP_LIMIT` (dossier lookups per
 * IP per minute).
 */
export function publicOptionsFromEnv(env: NodeJS.ProcessEnv): PublicOptions {
  const positive = (name: string, fallback: number) => {
    const n = Number(env[name] ?? fallback);
    if (!Number.isFinite(n) || n < 1) throw new Error(`${name} must be a number ≥ 1`);
    return n;
  };
  if (env.PUBLIC_BASE_URL && !URL.canParse(env.PUBLIC_BASE_URL))
    throw new Error(`PUBLIC_BASE_URL must be a URL, got "${env.PUBLIC_BASE_URL}"`);
  return {
    cacheTtlMs: positive('PUBLIC_CACHE_MS', 5000),
    lookupLimit: { windowMs: 60_000, limit: positive('PUBLIC_LOOKUP_LIMIT', 30) },
    ...(env.PUBLIC_BASE_URL ? { baseUrl: env.PUBLIC_BASE_URL } : {}),
  };
}
