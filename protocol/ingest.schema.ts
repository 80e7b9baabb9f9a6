import { z } from 'zod';
import { ERROR_REASONS, type Ack } from './ack';

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

const Seq = z.number().int().min(1);
export const IngestItemResult = z.discriminatedUnion('status', [
  z.object({ index: z.number().int(), id: z.string(), status: z.literal('accepted'), seq: Seq }),
  z.object({ index: z.number().int(), id: z.string().nullable(), status: z.literal('duplicate'), seq: Seq }),
  z.object({
    index: z.number().int(),
    id: z.string().nullable(),
    status: z.literal('rejected'),
    reason: z.enum(ERROR_REASONS),
    details: z.unknown().optional(),
  }),
]);
export type IngestItemResult = z.infer<typeof IngestItemResult>;

export const IngestReport = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    rejected: z.number().int(),
    results: z.array(IngestItemResult),
  })
  .meta({ description: 'One result per event sent, in the order sent (`index`).' });
export type IngestReport = z.infer<typeof IngestReport>;

export type IngestAck = Ack<IngestReport>;

/** Handshake `auth` of the `/ingest` namespace. */
export const IngestAuth = z.object({ token: z.string().min(1).max(512), protocolVersion: z.number().int() });
export type IngestAuth = z.infer<typeof IngestAuth>;

export interface IngestClientToServer {
  'ingest:batch': (batch: IngestBatch, ack: (res: IngestAck) => void) => void;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IngestServerToClient {}
