import { timingSafeEqual } from 'node:crypto';
import type { Namespace } from 'socket.io';
import {
  IngestAuth,
  IngestBatch,
  MAX_INGEST_BATCH,
  type IngestClientToServer,
  type IngestServerToClient,
} from '../../protocol';
import { protocolGuard, refuse } from '../live/protocol-guard';
import { describeIssues } from './describe-issues';
import type { IngestService } from './ingest-service';

/** Constant-time comparison against every configured token, so a token cannot be guessed byte by byte. */
export function tokenIsValid(token: string, tokens: readonly string[]): boolean {
  const given = Buffer.from(token);
  let ok = false;
  for (const t of tokens) {
    const want = Buffer.from(t);
    if (want.length === given.length && timingSafeEqual(want, given)) ok = true;
  }
  return ok;
}

export function setupIngestNamespace(
  nsp: Namespace<IngestClientToServer, IngestServerToClient>,
  ingest: IngestService,
  tokens: readonly string[],
): void {
  nsp.use(
    protocolGuard(IngestAuth, (auth) =>
      tokenIsValid(auth.token, tokens) ? null : refuse('unauthorized', { reason: 'unknown ingest token' }),
    ),
  );
  nsp.on('connection', (socket) => {
    socket.on('ingest:batch', async (batch, ack) => {
      if (typeof ack !== 'function') return; // a source that does not wait for the answer cannot retry
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
        ack({ ok: true, data: await ingest.ingest(parsed.data.events) });
      } catch (err) {
        console.error('ingest failed', err);
        ack({ ok: false, error: 'internal' });
      }
    });
  });
}
