import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer secret: 32 random bytes (256 bits) in base64url behind a short prefix that says what it is, so a
 * leaked one is recognised in a log or a paste. High entropy is what lets it be stored as a plain SHA-256
 * digest: nothing can be guessed, so no slow hash is needed, and lookups stay one indexed query.
 */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What the auth store keeps instead of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A short random identifier that can be shown and typed (token ids), never a secret. */
export function newId(): string {
  return randomBytes(6).toString('hex');
}
