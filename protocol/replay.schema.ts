import { z } from 'zod';
import type { Ack } from './ack';
import type { AreaTree } from './area-tree.schema';
import { AlertRuleName } from './alert-rules.schema';
import {
  AreaCode,
  MAX_EVENT_TS_MS,
  MIN_EVENT_TS_MS,
  StreamName,
  StreamRecord,
  type LoggedEvent,
} from './events.schema';
import { IsoInstant } from './http.schema';
import type { Alert } from './state/alerts';
import type { DashboardState } from './state/dashboard-state';

const Ms = z.number().int();

/** Handshake `auth` of the `/replay` namespace: the same version check as `/live`. */
export const ReplayAuth = z.object({ protocolVersion: z.number().int() });
export type ReplayAuth = z.infer<typeof ReplayAuth>;

/** Scenario seconds per real second an analyst may choose. */
export const REPLAY_SPEEDS = [1, 10, 60, 600, 3600] as const;
export const ReplaySpeed = z.literal(REPLAY_SPEEDS);
export type ReplaySpeed = z.infer<typeof ReplaySpeed>;

const Instant = z.number().int().min(MIN_EVENT_TS_MS).max(MAX_EVENT_TS_MS);

/** Moves the replay clock to `atMs`: the state becomes every event with tsMs ≤ atMs, folded in seq order. */
export const ReplaySeek = z.strictObject({ atMs: Instant });
export type ReplaySeek = z.infer<typeof ReplaySeek>;

/** Runs the replay clock at `speed`; it pauses by itself at `untilMs` (the end of the analyst's range). */
export const ReplayPlay = z.strictObject({ speed: ReplaySpeed, untilMs: Instant.optional() });
export type ReplayPlay = z.infer<typeof ReplayPlay>;

export const ReplayPause = z.strictObject({});
export type ReplayPause = z.infer<typeof ReplayPause>;

/** Advances to the time of the `count`-th next event (all events at that same instant come along). */
export const ReplayStep = z.strictObject({ count: z.number().int().min(1).max(10_000).default(1) });
export type ReplayStep = z.infer<typeof ReplayStep>;

/** Seeks to the next or the previous alert. */
export const ReplayJump = z.strictObject({ direction: z.enum(['next', 'previous']) });
export type ReplayJump = z.infer<typeof ReplayJump>;

/** Where a session stands. `epoch` changes with every seek, so a client can drop batches of an old timeline. */
export const ReplayPosition = z.object({
  epoch: z.number().int(),
  cursorMs: Ms.meta({ description: 'Replay time: every event with tsMs ≤ cursorMs is folded in.' }),
  playing: z.boolean(),
  speed: ReplaySpeed,
  endMs: Ms.meta({ description: 'Latest event time the log holds: playing stops there.' }),
});
export type ReplayPosition = z.infer<typeof ReplayPosition>;

/** A fresh starting point: the answer to seek, step and jump, with the tree the session's batches fold with. */
export interface ReplaySnapshot {
  position: ReplayPosition;
  state: DashboardState;
  areaTree: AreaTree;
}

/**
 * What the replay clock brought since the previous batch. `events` (seq order) are folded with `applyEvents`;
 * when the log holds a late event that seq order would skip, the server sends `state` instead, to replace it.
 * The client acknowledges each batch once applied; the next one is sent only then (backpressure).
 */
export type ReplayBatch = {
  position: ReplayPosition;
  fromMs: number;
  /** Present when the server's tree changed since the session last sent one: fold this batch with it. */
  areaTree?: AreaTree;
} & ({ events: LoggedEvent[]; state?: undefined } | { state: DashboardState; events?: undefined });

export interface ReplayJumpResult extends ReplaySnapshot {
  /** The alert jumped to, as the shared reducer raised it; null when there is none that way. */
  alert: Alert | null;
}

/** An alert on the scrubber: where it was raised and how bad it was. */
export const ReplayAlertMarker = z.object({
  id: z.string(),
  rule: AlertRuleName,
  severity: z.enum(['info', 'warning', 'critical']),
  area: z.string(),
  raisedTsMs: Ms,
});
export type ReplayAlertMarker = z.infer<typeof ReplayAlertMarker>;

/** `GET /api/replay/timeline`: event density per stream and alerts over a range, for the scrubber. */
export const ReplayTimelineQuery = z.strictObject({
  from: z.string(),
  to: z.string(),
  buckets: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ReplayTimelineQuery = z.infer<typeof ReplayTimelineQuery>;

export const ReplayTimeline = z.object({
  fromMs: Ms,
  toMs: Ms,
  bucketMs: Ms,
  counts: StreamRecord(z.array(z.number().int())).meta({ description: 'Events per bucket, per stream.' }),
  alerts: z.array(ReplayAlertMarker),
  /** True when the range held more events than one answer scans: counts then stop early. */
  truncated: z.boolean().meta({ description: 'The range held more events than one answer scans.' }),
});
export type ReplayTimeline = z.infer<typeof ReplayTimeline>;

/** Formats of `GET /api/replay/export`: one JSON event per line, or CSV (columns in `REPLAY_EXPORT_CSV_COLUMNS`). */
export const ReplayExportFormat = z.enum(['ndjson', 'csv']);
export type ReplayExportFormat = z.infer<typeof ReplayExportFormat>;

/**
 * `GET /api/replay/export`: the events of [from, to) in seq order, streamed as a download. `area` takes every
 * area under it (a district takes its communes). The answer's `X-Total-Events` header says how many rows follow.
 */
export const ReplayExportQuery = z.strictObject({
  from: IsoInstant,
  to: IsoInstant,
  format: ReplayExportFormat.default('ndjson'),
  stream: StreamName.optional(),
  area: AreaCode.optional(),
});
export type ReplayExportQuery = z.infer<typeof ReplayExportQuery>;

/** Response header of the export carrying its row count (header line of a CSV not included). */
export const REPLAY_EXPORT_TOTAL_HEADER = 'X-Total-Events';

/**
 * CSV columns of the export: the fields every event has, then `payload`, the JSON object of the fields its
 * stream adds (a sensor's value and unit, a dossier's channel …), so one column set fits every stream.
 */
export const REPLAY_EXPORT_CSV_COLUMNS = [
  'seq',
  'time_vn',
  'ts_ms',
  'stream',
  'area',
  'source',
  'id',
  'payload',
] as const;

export interface ReplayClientToServer {
  'replay:seek': (req: ReplaySeek, ack: (res: Ack<ReplaySnapshot>) => void) => void;
  'replay:play': (req: ReplayPlay, ack: (res: Ack<ReplayPosition>) => void) => void;
  'replay:pause': (req: ReplayPause, ack: (res: Ack<ReplayPosition>) => void) => void;
  'replay:step': (req: ReplayStep, ack: (res: Ack<ReplaySnapshot>) => void) => void;
  'replay:jump': (req: ReplayJump, ack: (res: Ack<ReplayJumpResult>) => void) => void;
}

export interface ReplayServerToClient {
  /** The client calls `done` once the batch is applied; until then the session sends nothing more. */
  'replay:batch': (batch: ReplayBatch, done: () => void) => void;
}
