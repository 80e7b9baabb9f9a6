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

/**
 * A source's connection to `/ingest`, as a real gateway would use it: batches of at most MAX_INGEST_BATCH,
 * each re-sent until acknowledged (at-least-once; the server drops what it already has by event id).
 */
export function connectIngest(url: string, token: string, ackTimeoutMs = 10_000): Promise<IngestClient> {
  const socket: Socket<IngestServerToClient, IngestClientToServer> = io(`${url.replace(/\/$/, '')}/ingest`, {
    auth: { token, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    ackTimeout: ackTimeoutMs,
    retries: Number.MAX_SAFE_INTEGER,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () =>
      resolve({
        async send(events) {
          const total: IngestReport = { accepted: 0, duplicates: 0, rejected: 0, results: [] };
          for (let i = 0; i < events.length; i += MAX_INGEST_BATCH) {
            const chunk = events.slice(i, i + MAX_INGEST_BATCH);
            const ack: IngestAck = await socket.emitWithAck('ingest:batch', { events: chunk });
            if (!ack.ok) throw new Error(`ingest refused: ${ack.error} ${JSON.stringify(ack.details ?? '')}`);
            total.accepted += ack.data.accepted;
            total.duplicates += ack.data.duplicates;
            total.rejected += ack.data.rejected;
            total.results.push(...ack.data.results.map((r) => ({ ...r, index: r.index + i })));
          }
          return total;
        },
        close: () => void socket.close(),
      }),
    );
    socket.once('connect_error', (err) => {
      socket.close();
      const data = (err as Error & { data?: { reason?: string } }).data;
      reject(
        new Error(
          `cannot connect to ${url}/ingest: ${err.message}${data?.reason ? ` (${data.reason})` : ''}`,
        ),
      );
    });
  });
}
