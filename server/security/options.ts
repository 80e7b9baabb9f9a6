import type { RateLimitOptions } from './rate-limit';
import type { MessageRateLimit } from './message-limiter';

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
  /** Cost points `/live` and `/replay` messages may spend per socket and per principal (each namespace apart). */
  messageRateLimit: MessageRateLimit;
  /** The largest gap `live:resync` fills; a client further behind is told to subscribe again. */
  liveResyncMaxEvents: number;
  /** Replay sessions open at once on this node, in total and per principal. */
  replaySessions: { total: number; perPrincipal: number };
  /** Downloads of the log (`/api/events`, `/api/replay/export`) streaming at once per principal. */
  exportsPerPrincipal: number;
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
  // A subscribe costs 5, a seek 2, most messages 1: a dashboard spends a handful per window, a flood is cut
  // after ten snapshots, an analyst scrubbing the timeline gets 25 seeks per window. Per principal (an anonymous one is its address) a wall fleet behind one NAT still boots.
  messageRateLimit: { windowMs: 10_000, perSocket: 50, perPrincipal: 1000 },
  liveResyncMaxEvents: 5000,
  replaySessions: { total: 32, perPrincipal: 4 },
  exportsPerPrincipal: 2,
};
