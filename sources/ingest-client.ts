import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  MAX_INGEST_BATCH,
  type IngestAck,
  type IngestClientToServer,
  type IngestReport,
  type IngestServerToClient,
  type IocEvent,
} from '../protocol';

export interface IngestClient {
  /** Sends events and resolves once the server has answered for every one of them. */
  send(events: readonly IocEvent[]): Promise<IngestReport>;
  close(): void;
}

export interface IngestClientOptions {
  /** How long to wait for an answer before the same batch is sent again. */
  ackTimeoutMs?: number;
  /**
   * Largest JSON size of one message, bytes (48 KB by default). The server closes the connection on a message
   * over its `MAX_SOCKET_MESSAGE_BYTES` (64 KB by default), so batches are cut to stay under it with room for
   * Socket.IO's framing.
   */
  maxMessageBytes?: number;
}

/** Waits between answers that say "try again" (rate limited, internal error), doubling up to this. */
const MAX_BACKOFF_MS = 10_000;

/** Splits events into batches under both the event count and the byte budget of one message. */
export function chunkEvents(events: readonly IocEvent[], maxBytes: number): IocEvent[][] {
  const chunks: IocEvent[][] = [];
  let cur: IocEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = Buffer.byteLength(JSON.stringify(e)) + 1;
    if (size > maxBytes) throw new Error(`event ${e.id} alone is larger than ${maxBytes} bytes`);
    if (cur.length && (bytes + size > maxBytes || cur.length >= MAX_INGEST_BATCH)) {
      chunks.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(e);
    bytes += size;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/**
 * A source's connection to `/ingest`, as a real gateway would use it: at-least-once delivery. Every batch waits
 * in socket.io-client's queue (`retries`) until the server acknowledges it; an answer that did not come in
 * `ackTimeoutMs`, or a connection that dropped meanwhile (server restart), sends it again once connected, and the
 * server drops what it already has by event id. Answers that ask to wait (rate limit, internal error) are
 * retried after a back-off; a refusal of the batch itself is an error of the caller and throws.
 */
export function connectIngest(
  url: string,
  token: string,
  optsOrTimeout: IngestClientOptions | number = {},
): Promise<IngestClient> {
  const opts = typeof optsOrTimeout === 'number' ? { ackTimeoutMs: optsOrTimeout } : optsOrTimeout;
  const maxBytes = opts.maxMessageBytes ?? 48 * 1024;
  const socket: Socket<IngestServerToClient, IngestClientToServer> = io(`${url.replace(/\/$/, '')}/ingest`, {
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    ackTimeout: opts.ackTimeoutMs ?? 10_000,
    retries: Number.MAX_SAFE_INTEGER,
  });

  const sendChunk = async (chunk: IocEvent[]): Promise<IngestReport> => {
    for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, MAX_BACKOFF_MS)) {
      const ack: IngestAck = await socket.emitWithAck('ingest:batch', { events: chunk });
      if (ack.ok) return ack.data;
      if (ack.error !== 'rate_limited' && ack.error !== 'internal')
        throw new Error(`ingest refused: ${ack.error} ${JSON.stringify(ack.details ?? '')}`);
      const hint = (ack.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      await new Promise((r) => setTimeout(r, typeof hint === 'number' ? Math.max(hint, delayMs) : delayMs));
    }
  };

  const client: IngestClient = {
    async send(events) {
      const total: IngestReport = { accepted: 0, duplicates: 0, rejected: 0, results: [] };
      let offset = 0;
      for (const chunk of chunkEvents(events, maxBytes)) {
        const report = await sendChunk(chunk);
        total.accepted += report.accepted;
        total.duplicates += report.duplicates;
        total.rejected += report.rejected;
        total.results.push(...report.results.map((r) => ({ ...r, index: r.index + offset })));
        offset += chunk.length;
      }
      return total;
    },
    close: () => void socket.close(),
  };

  return new Promise((resolve, reject) => {
    // Only the first connection decides: later connect errors (a server restarting) are retried by the
    // manager while the queue waits, instead of closing the socket under unacknowledged batches.
    const onError = (err: Error) => {
      socket.off('connect', onConnect);
      socket.close();
      const data = (err as Error & { data?: { reason?: string } }).data;
      reject(
        new Error(
          `cannot connect to ${url}/ingest: ${err.message}${data?.reason ? ` (${data.reason})` : ''}`,
        ),
      );
    };
    const onConnect = () => {
      socket.off('connect_error', onError);
      resolve(client);
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}
