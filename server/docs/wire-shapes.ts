import { z } from 'zod';
import {
  AreaTree,
  ERROR_REASONS,
  IocEvent,
  STREAMS,
  type Alert,
  type DashboardState,
  type BinaryAttachment,
  type LiveBatch,
  type StatePatch,
  type LiveSnapshot,
  type LoggedEvent,
  type ReplayBatch,
  type ReplayJumpResult,
  ReplayPosition,
  type ReplaySnapshot,
} from '../../protocol';

/**
 * Zod schemas of the answers whose protocol types are still TypeScript interfaces: the error body, the KPI
 * snapshot (built by the reducers of protocol/state) and the answers that carry the reduced state, documented by
 * reference. Each is pinned to its interface by a compile-time equality check below, so changing an interface
 * without changing its schema here fails `tsc`. The other answers' schemas live in protocol/, their types
 * inferred from them, and the documents use those directly.
 */

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** `same<z.output<typeof S>, T>(true)` compiles only when schema S describes exactly the type T. */
export const same = <A, B>(ok: Same<A, B>) => ok;

const Ms = z.number().int();
export const MetricsCatalogResponseSchema = z.object({
  metrics: z.array(
    z.object({
      name: z.string(),
      stream: z.enum(STREAMS),
      unit: z.string(),
      formula: z.string(),
      kind: z.enum(['count', 'ratio']),
    }),
  ),
});

const Seq = z.number().int().min(1);
/**
 * Adds `seq` to every member of the event union. An `allOf` of the union and `{ seq }` would be wrong in JSON
 * Schema: each member is strict (`additionalProperties: false`) and would refuse the extra field.
 */
function withSeq(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return schema.extend({ seq: Seq });
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(withSeq));
  throw new Error('withSeq: an event schema is neither an object nor a union');
}

/** An event as the log holds it: what the source sent, plus the server's sequence number. */
export const LoggedEventSchema = withSeq(IocEvent) as z.ZodType<LoggedEvent>;

// The reduced state is large and internal to the reducers; it is documented by reference, not field by field.
const DashboardStateSchema = z.object({ seq: z.number().int() }).loose().meta({
  description:
    'The reduced state of the dashboard (areas, sites, alerts) as of `seq`; see protocol/state/dashboard-state.ts.',
}) as unknown as z.ZodType<DashboardState>;

export const LiveSnapshotSchema = z.object({
  area: z.string(),
  seq: z.number().int(),
  state: DashboardStateSchema,
  areaTree: AreaTree,
});
same<z.output<typeof LiveSnapshotSchema>, LiveSnapshot>(true);

// Recursive, so documented by reference like the state (its zod form, protocol/json-diff.schema.ts, is what a
// reader validates with).
const StatePatchSchema = z.record(z.string(), z.array(z.unknown())).meta({
  description:
    '`state` mode: the change of the room\'s state over the window, field by field, exact from the state at `fromSeq - 1` only. Per key `["put", value]`, `["remove"]`, `["patch", {…}]`, `["keyed", {remove?, patch?, append?}]` (records by `id`) or `["items", {length, at}]` (by index); see protocol/json-diff.ts.',
}) as unknown as z.ZodType<StatePatch>;

// Socket.IO sends an ArrayBuffer as a binary attachment of the packet, not as JSON: documented as bytes.
const BinarySitesSchema = z.string().meta({
  format: 'binary',
  contentMediaType: 'application/octet-stream',
  description:
    "`state` mode, a window that moves at least 1.000 sites (`BINARY_SITE_PATCH_MIN`): those sites' readings as a Socket.IO binary attachment, applied after `patch` (which then leaves them out). Little-endian: float64 base time ms, uint32 n, uint32 site-table length, then n × float64 value, n × uint32 index into the room's site ids in code-unit order, n × int32 tsMs − base, n × uint32 repeats; see protocol/state/site-patch-binary.ts.",
}) as unknown as z.ZodType<BinaryAttachment>;

export const LiveBatchSchema = z.object({
  area: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  events: z.array(LoggedEventSchema),
  patch: StatePatchSchema.optional(),
  binarySites: BinarySitesSchema.optional(),
  state: DashboardStateSchema.optional().meta({
    description:
      "`state` mode's answer to `live:resync`: the room's whole state at `toSeq`, replacing what is held.",
  }),
});
same<z.output<typeof LiveBatchSchema>, LiveBatch>(true);

/** The `{ ok, data } | { ok: false, error }` acknowledgement every Socket.IO command answers with. */
export function ackOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: z.enum(ERROR_REASONS), details: z.unknown().optional() }),
  ]);
}

export { DashboardStateSchema };

export const ReplaySnapshotSchema = z.object({
  position: ReplayPosition,
  state: DashboardStateSchema,
  areaTree: AreaTree,
});
same<z.output<typeof ReplaySnapshotSchema>, ReplaySnapshot>(true);

// Alerts are the shared reducer's objects (protocol/state/alerts.ts), documented by reference like the state.
const AlertSchema = z
  .object({ id: z.string(), rule: z.string(), severity: z.string(), area: z.string(), raisedTsMs: Ms })
  .loose()
  .meta({ description: 'An alert as protocol/state/alerts.ts raises it.' }) as unknown as z.ZodType<Alert>;

export const ReplayJumpResultSchema = z.object({
  position: ReplayPosition,
  state: DashboardStateSchema,
  areaTree: AreaTree,
  alert: AlertSchema.nullable(),
});
same<z.output<typeof ReplayJumpResultSchema>, ReplayJumpResult>(true);

export const ReplayBatchSchema = z.union([
  z.object({
    position: ReplayPosition,
    fromMs: Ms,
    areaTree: AreaTree.optional(),
    events: z.array(LoggedEventSchema),
  }),
  z.object({
    position: ReplayPosition,
    fromMs: Ms,
    areaTree: AreaTree.optional(),
    state: DashboardStateSchema.meta({
      description: 'Replaces the state when a late event changed the past.',
    }),
  }),
]);
// One way only: the protocol type spells the other variant's field as `?: undefined`, which zod does not.
const _batchFits: ReplayBatch = {} as z.output<typeof ReplayBatchSchema>;
void _batchFits;
