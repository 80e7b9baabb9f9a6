import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed delivery. The receiver recomputes the signature over `<timestamp>.<raw body>`. */
export const TIMESTAMP_HEADER = 'x-ioc-timestamp';
export const SIGNATURE_HEADER = 'x-ioc-signature';

/**
 * HMAC-SHA256 of `<unix seconds>.<body>` as `sha256=<hex>`. The timestamp is inside the signed text, so a
 * captured delivery cannot be replayed later with a fresh timestamp.
 */
export function signPayload(secret: string, timestampS: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
}

/**
 * What a receiver does: checks the signature in constant time and refuses a timestamp further than
 * `toleranceS` from its own clock.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  nowS: number,
  toleranceS = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS || !headers.signature) return false;
  const expected = Buffer.from(signPayload(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Delay before retry number `attempt` (1 = the first retry): base·2^(attempt−1), capped. Deterministic, so
 * an admin can tell from the attempt count when the next try comes.
 */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
