import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether a token is one of `tokens`, in constant time. Digests of equal length are compared, so neither the
 * bytes nor the length of a configured token leak through timing, and every token is compared whichever
 * matches, so the position of the right one does not leak either. Several tokens are allowed at once so a
 * token can be rotated without a moment where neither the old nor the new one works. The configured tokens
 * are digested once: a source's every message is checked.
 */
export function tokenMatcher(tokens: readonly string[]): (token: string) => boolean {
  const known = tokens.map(digest);
  return (token) => {
    const given = digest(token);
    let ok = false;
    for (const k of known) ok = timingSafeEqual(k, given) || ok;
    return ok;
  };
}

/** A short non-reversible label of a token: rate-limit keys and logs can name a token without holding it. */
export function tokenLabel(token: string): string {
  return digest(token).toString('hex').slice(0, 16);
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? '');
  return m ? m[1]! : null;
}
