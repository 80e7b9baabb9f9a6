import { z } from 'zod';
import type { Ack, ErrorReason } from './ack';

/** Largest number of events one ingest message may carry; larger batches are refused whole. */
export const MAX_INGEST_BATCH = 5000;

/**
 * A batch as it arrives. Items are left `unknown` here on purpose: each is validated on its own so that one
 * bad event is rejected with its reason while the good ones in the same batch are kept.
 */
export const IngestBatch = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_INGEST_BATCH),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export type IngestItemResult =
  | { index: number; id: string; status: 'accepted'; seq: number }
  | { index: number; id: string | null; status: 'duplicate'; seq: number }
  | { index: number; id: string | null; status: 'rejected'; reason: ErrorReason; details?: unknown };

export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: IngestItemResult[];
}

export type IngestAck = Ack<IngestReport>;

/** Handshake `auth` of the `/ingest` namespace. */
export const IngestAuth = z.object({ token: z.string().min(1).max(512), protocolVersion: z.number().int() });
export type IngestAuth = z.infer<typeof IngestAuth>;

export interface IngestClientToServer {
  'ingest:batch': (batch: IngestBatch, ack: (res: IngestAck) => void) => void;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IngestServerToClient {}
