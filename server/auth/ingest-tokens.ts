import { tokenLabel, tokenMatcher } from '../security/tokens';
import type { WriterScope } from '../ingest/ingest-service';
import type { AuthStore } from './auth-store';

/** Who a valid ingest token speaks for. */
export interface IngestIdentity {
  /** Rate-limit key: names the token without holding it. */
  key: string;
  /** The auth store's token id, or null for a token from `INGEST_TOKENS`/`data/ingest-token`. */
  tokenId: string | null;
  /** The source its events must carry, or null when the token is not bound to one (the environment's tokens). */
  source: string | null;
  /** What it may write: its source, streams and areas (the environment's tokens: no limits). */
  scope: WriterScope;
}

export type IngestTokenCheck = (token: string) => IngestIdentity | null;

/**
 * Ingest tokens from two places: the environment's list (shared, unbound to a source, rotated by restart) and
 * the auth store's per-source tokens (stored hashed, revoked at once). The store is read on every call, so a
 * revocation — by the admin page, the CLI or another node — holds from the next message on.
 */
export function ingestTokenCheck(envTokens: readonly string[], store: AuthStore | null): IngestTokenCheck {
  const isEnvToken = tokenMatcher(envTokens);
  return (token) => {
    if (envTokens.length && isEnvToken(token))
      // Shared and unbound, as before scopes existed: INGEST_TOKENS keep every data stream (docs/security.md).
      return {
        key: `token:${tokenLabel(token)}`,
        tokenId: null,
        source: null,
        scope: { source: null, streams: null, areas: null },
      };
    const found = store?.findToken(token);
    if (found?.kind !== 'ingest') return null;
    const scope = { source: found.label, streams: found.streams, areas: found.areas };
    return { key: `token:${found.id}`, tokenId: found.id, source: found.label, scope };
  };
}
