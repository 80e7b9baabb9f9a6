import type { RateLimitOptions } from './rate-limit';

/** The knobs of server/security, as `createApp` takes them; `loadConfig` fills them from the environment. */
export interface SecurityOptions {
  /** Tokens that carry the operator right; none means no one may act as an operator. */
  operatorTokens: readonly string[];
  /** Socket.IO connection-state recovery: how long a dropped socket's session and missed packets are kept. */
  recoveryWindowMs: number;
  /** Largest `POST /api/ingest` body, bytes (the name predates the socket's own limit). */
  maxMessageBytes: number;
  /** Largest Socket.IO message (`maxHttpBufferSize`), bytes; sources split batches to fit. */
  maxSocketMessageBytes: number;
  /** Ingest messages per token and per IP. */
  ingestRateLimit: RateLimitOptions;
  /** Browser origins allowed to open sockets besides the page's own. */
  allowedOrigins: readonly string[];
}

export const DEFAULT_SECURITY: SecurityOptions = {
  operatorTokens: [],
  recoveryWindowMs: 2 * 60_000,
  // A full batch of MAX_INGEST_BATCH typical events is about 2 MB: a gateway posting over HTTP may send one.
  maxMessageBytes: 4 * 1024 * 1024,
  // Socket.IO buffers a whole message before parsing it, once per connection: 64 KB bounds what a thousand
  // open sockets can make the server hold. Larger frames close that connection; sources split batches to
  // fit (simulators/ingest-client.ts cuts at 48 KB).
  maxSocketMessageBytes: 64 * 1024,
  ingestRateLimit: { windowMs: 10_000, limit: 1000 },
  allowedOrigins: [],
};
