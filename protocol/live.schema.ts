import { z } from 'zod';
import type { Ack } from './ack';
import type { AreaTree } from './area-tree.schema';
import { AreaCode, StreamName, type LoggedEvent } from './events.schema';
import type { DashboardState } from './state/dashboard-state';
import type { BinaryAttachment } from './state/site-patch-binary';
import type { StatePatch } from './state/state-patch';

/** Handshake `auth` of the `/live` namespace. */
export const LiveAuth = z.object({
  protocolVersion: z.number().int(),
  /** Carries the operator right (acknowledge, assign, resolve alerts; steer the wall); dashboards omit it. */
  operatorToken: z.string().max(512).optional(),
});
export type LiveAuth = z.infer<typeof LiveAuth>;

/**
 * How a dashboard follows its room: `events` sends every event of the area (scripts, audits, the cluster
 * tests fold them); `state` sends per window only what changed in the reduced state (a dashboard draws state,
 * so a flood of readings costs it one value per site), computed and encoded once per room.
 */
export const LiveMode = z.enum(['events', 'state']);
export type LiveMode = z.infer<typeof LiveMode>;

/** A dashboard watches one area (and everything under it). */
export const LiveSubscribe = z.strictObject({ area: AreaCode, mode: LiveMode.optional() });
export type LiveSubscribe = z.infer<typeof LiveSubscribe>;

/** Asks for the events of a room between two sequence numbers, to fill a gap. */
export const LiveResync = z.strictObject({
  area: AreaCode,
  afterSeq: z.number().int().min(0),
});
export type LiveResync = z.infer<typeof LiveResync>;

/** Where a dashboard starts: the reduced state of its area as of `seq`, and the tree it folds events with. */
export interface LiveSnapshot {
  area: string;
  seq: number;
  state: DashboardState;
  areaTree: AreaTree;
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
  /** The window's events under the area; empty in `state` mode, where `patch` carries the change instead. */
  events: LoggedEvent[];
  /** `state` mode: the window's change, field by field, exact from the state at `fromSeq - 1` only. */
  patch?: StatePatch;
  /**
   * `state` mode, windows that move at least `BINARY_SITE_PATCH_MIN` sites: their readings as a binary
   * attachment (protocol/state/site-patch-binary.ts), applied after `patch`, which then leaves them out.
   */
  binarySites?: BinaryAttachment;
  /**
   * `state` mode's answer to `live:resync`: the room's whole state at `toSeq` (where the room's last patch
   * ended), which replaces what the dashboard holds; the next patch follows on from it.
   */
  state?: DashboardState;
}

const AlertCommandFields = {
  alertId: z.string().min(1).max(160),
  operator: z.string().trim().min(1).max(64),
  comment: z.string().trim().max(500).default(''),
  /**
   * Chosen by the console once per action and re-sent unchanged on a retry: it becomes the logged event's id,
   * so a retried command is a duplicate in the log, not a second acknowledgement.
   */
  requestId: z.string().regex(/^[\w-]{8,64}$/, 'requestId: 8–64 letters, digits, _ or -'),
};

/** `alert:ack` — the operator has seen the alert; the wall stops showing it full screen. */
export const AlertAckCommand = z.strictObject(AlertCommandFields);
export type AlertAckCommand = z.input<typeof AlertAckCommand>;
/** `alert:assign` — who deals with it. */
export const AlertAssignCommand = z.strictObject({
  ...AlertCommandFields,
  assignee: z.string().trim().min(1).max(64),
});
export type AlertAssignCommand = z.input<typeof AlertAssignCommand>;
/** `alert:resolve` — dealt with; it leaves the handover list. */
export const AlertResolveCommand = z.strictObject(AlertCommandFields);
export type AlertResolveCommand = z.input<typeof AlertResolveCommand>;

/**
 * `alert:shelve` — put an alarm (or a group alarm) aside for `minutes`, at most the server's `SHELVE_MAX_MIN`
 * (a shift by default), with a reason; it returns by itself at expiry.
 */
export const AlertShelveCommand = z.strictObject({
  ...AlertCommandFields,
  reason: z.string().trim().min(1).max(200),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type AlertShelveCommand = z.input<typeof AlertShelveCommand>;
/** `alert:unshelve` — back before its expiry. */
export const AlertUnshelveCommand = z.strictObject(AlertCommandFields);
export type AlertUnshelveCommand = z.input<typeof AlertUnshelveCommand>;

const SiteCommandFields = {
  siteId: z.string().regex(/^[\w.:-]{1,64}$/),
  operator: AlertCommandFields.operator,
  requestId: AlertCommandFields.requestId,
};
/**
 * `site:out-of-service` — a site under maintenance for `minutes` (at most `OUT_OF_SERVICE_MAX_MIN`): its alarms
 * are out of service, kept and reported but not announced.
 */
export const SiteOutOfServiceCommand = z.strictObject({
  ...SiteCommandFields,
  reason: z.string().trim().min(1).max(200),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 60),
});
export type SiteOutOfServiceCommand = z.input<typeof SiteOutOfServiceCommand>;
/** `site:in-service` — maintenance over before its time. */
export const SiteInServiceCommand = z.strictObject(SiteCommandFields);
export type SiteInServiceCommand = z.input<typeof SiteInServiceCommand>;

/** What an alert command logged: the seq of its `ops` event (the event the wall will fold). */
export const AlertCommandResult = z.object({ seq: z.number().int().min(1), duplicate: z.boolean() });
export type AlertCommandResult = z.infer<typeof AlertCommandResult>;

/**
 * Remote control of the walls from the console: pause or resume the playlist, step a scene, or show one by
 * name. Not logged: it changes what a screen shows, not what happened.
 */
export const WallControl = z.strictObject({
  action: z.enum(['pause', 'resume', 'next', 'previous', 'show']),
  scene: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
});
export type WallControl = z.infer<typeof WallControl>;

export interface LiveClientToServer {
  'live:subscribe': (req: LiveSubscribe, ack: (res: Ack<LiveSnapshot>) => void) => void;
  'live:resync': (req: LiveResync, ack: (res: Ack<LiveBatch>) => void) => void;
  'alert:ack': (req: AlertAckCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'alert:assign': (req: AlertAssignCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'alert:resolve': (req: AlertResolveCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'alert:shelve': (req: AlertShelveCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'alert:unshelve': (req: AlertUnshelveCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'site:out-of-service': (req: SiteOutOfServiceCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'site:in-service': (req: SiteInServiceCommand, ack: (res: Ack<AlertCommandResult>) => void) => void;
  'wall:control': (req: WallControl, ack: (res: Ack<WallControl>) => void) => void;
}

/** The scenario clock: simulated time runs at `speed` × real time from `nowMs` at the moment of sending. */
export const ClockTick = z.object({ nowMs: z.number().int(), speed: z.number() });
export type ClockTick = z.infer<typeof ClockTick>;

export interface LiveServerToClient {
  'live:batch': (batch: LiveBatch) => void;
  'live:clock': (tick: ClockTick) => void;
  /**
   * The area tree changed (a set was imported while the server runs). Sent before any batch that can hold an
   * event of the new set's codes, since those are refused until the set has joined.
   */
  'live:areas': (tree: AreaTree) => void;
  /** A console's {@link WallControl}, relayed to every dashboard; only walls act on it. */
  'wall:control': (cmd: WallControl) => void;
}

export const LIVE_STREAMS = StreamName.options;
