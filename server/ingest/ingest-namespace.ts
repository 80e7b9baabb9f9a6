import type { Namespace, Socket } from 'socket.io';
import {
  IngestAuth,
  IngestBatch,
  MAX_INGEST_BATCH,
  SOCKET_EVENTS,
  type Ack,
  type IngestClientToServer,
  type IngestServerToClient,
} from '../../protocol';
import { protocolGuard, refuse } from '../live/protocol-guard';
import { createFailureLimiter } from '../security/failure-limiter';
import { createSocketLimiter, ipKey, type RateLimitOptions } from '../security/rate-limit';
import type { IngestTokenCheck } from '../auth/ingest-tokens';
import { describeIssues } from './describe-issues';
import type { IngestService } from './ingest-service';
import { componentLogger } from '../log/logger';

export interface IngestNamespaceOptions {
  /** Which source a token speaks for, or null if it is not (or no longer) a valid ingest token. */
  checkToken: IngestTokenCheck;
  /**
   * Per token: ingest messages, and (separately) connections. Per IP: failed authentications only, so that a
   * stranger's wrong tokens never stop a source with a right one on the same address.
   */
  rateLimit: RateLimitOptions;
}

type IngestSocket = Socket<IngestClientToServer, IngestServerToClient>;
const HANDLED: readonly string[] = SOCKET_EVENTS['/ingest'].clientToServer;

/**
 * `/ingest`: sources connect with a token and send `ingest:batch` with an acknowledgement. The answer comes
 * only after the accepted events are durable, so a source that re-sends everything unacknowledged (what
 * socket.io-client's `retries` does) loses nothing, and the log's (source, id) key drops the repeats.
 * Returns a function that releases the limiters.
 */
export function setupIngestNamespace(
  nsp: Namespace<IngestClientToServer, IngestServerToClient>,
  ingest: IngestService,
  opts: IngestNamespaceOptions,
): () => void {
  const messages = createSocketLimiter(opts.rateLimit);
  const handshakes = createSocketLimiter(opts.rateLimit);
  const failures = createFailureLimiter(opts.rateLimit);
  const ipOf = (socket: IngestSocket) => ipKey(socket.handshake.address);

  nsp.use(protocolGuard(IngestAuth));
  nsp.use((socket, next) => {
    const identity = opts.checkToken((socket.handshake.auth as IngestAuth).token);
    const verdict = identity
      ? handshakes
          .hit([identity.key])
          .then(({ limited, retryAfterMs }) =>
            limited ? refuse('rate_limited', { reason: 'too many connections', retryAfterMs }) : undefined,
          )
      : failures
          .take(ipOf(socket))
          .then((retryAfterMs) =>
            retryAfterMs
              ? refuse('rate_limited', { reason: 'too many wrong tokens from this address', retryAfterMs })
              : refuse('unauthorized', { reason: 'unknown ingest token' }),
          );
    void verdict.then(next);
  });

  nsp.on('connection', (socket) => {
    const token = (socket.handshake.auth as IngestAuth).token;

    socket.on('ingest:batch', async (batch, ack) => {
      if (typeof ack !== 'function') return; // a source that does not wait for the answer cannot retry
      // Checked again on every message: a token revoked while its socket is open stops working at once.
      const identity = opts.checkToken(token);
      if (!identity) {
        ack({ ok: false, error: 'unauthorized', details: 'the ingest token was revoked' });
        return void socket.disconnect(true);
      }
      const { limited, retryAfterMs } = await messages.hit([identity.key]);
      if (limited) return ack({ ok: false, error: 'rate_limited', details: { retryAfterMs } });
      const parsed = IngestBatch.safeParse(batch);
      if (!parsed.success) {
        const tooLarge =
          Array.isArray((batch as { events?: unknown } | null)?.events) &&
          (batch as { events: unknown[] }).events.length > MAX_INGEST_BATCH;
        return ack({
          ok: false,
          error: tooLarge ? 'batch_too_large' : 'invalid_payload',
          details: tooLarge
            ? `at most ${MAX_INGEST_BATCH} events per batch`
            : describeIssues(parsed.error.issues),
        });
      }
      try {
        ack({ ok: true, data: await ingest.ingest(parsed.data.events, 'source', identity.scope) });
      } catch (err) {
        componentLogger('ingest').error({ err }, 'ingest failed');
        ack({ ok: false, error: 'internal' });
      }
    });

    // Any other event that asks for an answer gets one with a reason, rather than waiting out its timeout.
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (HANDLED.includes(event as string)) return;
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const res: Ack<never> = {
        ok: false,
        error: 'invalid_payload',
        details: `unknown event; this namespace takes ${HANDLED.map((e) => `"${e}"`).join(', ')}`,
      };
      (ack as (r: Ack<never>) => void)(res);
    });
  });

  return () => {
    messages.close();
    handshakes.close();
  };
}
