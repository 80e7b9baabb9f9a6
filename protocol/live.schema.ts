import { z } from 'zod';
import type { Ack } from './ack';
import { AreaCode, StreamName, type LoggedEvent } from './events.schema';
import type { DashboardState } from './state/dashboard-state';

/** Handshake `auth` of the `/live` namespace. */
export const LiveAuth = z.object({ protocolVersion: z.number().int() });
export type LiveAuth = z.infer<typeof LiveAuth>;

/** A dashboard watches one area (and everything under it). */
export const LiveSubscribe = z.strictObject({ area: AreaCode });
export type LiveSubscribe = z.infer<typeof LiveSubscribe>;

/** Asks for the events of a room between two sequence numbers, to fill a gap. */
export const LiveResync = z.strictObject({
  area: AreaCode,
  afterSeq: z.number().int().min(0),
});
export type LiveResync = z.infer<typeof LiveResync>;

/** Where a dashboard starts: the reduced state of its area as of `seq`. */
export interface LiveSnapshot {
  area: string;
  seq: number;
  state: DashboardState;
}

/**
 * What one flush window delivered to a room. `fromSeq..toSeq` is the global range the window covered, so
 * consecutive batches of a room are contiguous (`next.fromSeq === prev.toSeq + 1`) even when some of the
 * range's events belong to other rooms; a client that sees a hole asks `live:resync`.
 */
export interface LiveBatch {
  area: string;
  fromSeq: number;
  toSeq: number;
  events: LoggedEvent[];
}

export interface LiveClientToServer {
  'live:subscribe': (req: LiveSubscribe, ack: (res: Ack<LiveSnapshot>) => void) => void;
  'live:resync': (req: LiveResync, ack: (res: Ack<LiveBatch>) => void) => void;
}

/** The scenario clock: simulated time runs at `speed` × real time from `nowMs` at the moment of sending. */
export interface ClockTick {
  nowMs: number;
  speed: number;
}

export interface LiveServerToClient {
  'live:batch': (batch: LiveBatch) => void;
  'live:clock': (tick: ClockTick) => void;
}

export const LIVE_STREAMS = StreamName.options;
