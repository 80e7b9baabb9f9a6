import type { Namespace, Socket } from 'socket.io';
import {
  eventReachesArea,
  LiveAuth,
  LiveResync,
  LiveSubscribe,
  type Ack,
  type AreaRollup,
  type AuditAction,
  type DashboardState,
  type LiveBatch,
  type LiveClientToServer,
  type LiveServerToClient,
  type LiveSnapshot,
} from '../../protocol';
import type { AreaCatalog } from '../areas/area-catalog';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import type { EventStore } from '../store/event-store';
import { parseOrRefuse } from './parse-or-refuse';
import { withholdOpsDetails } from '../security/ops-redaction';
import { isLiveRoom, isStateRoom, roomOf } from './fan-out';
import { protocolGuard } from './protocol-guard';
import { setupAlertCommands } from './alert-commands';
import type { AlarmOptions } from '../alarms/alarm-options';
import type { IngestService } from '../ingest/ingest-service';
import { chargeMore, guardMessages, yieldToLoop, type MessageGuard } from '../security/message-guard';
import { createSnapshotCache } from './snapshot-cache';

/** A client further behind than this re-subscribes for a fresh snapshot instead of replaying the gap. */
export const DEFAULT_RESYNC_MAX_EVENTS = 5_000;
/** A resync costs one point more per this many events in its gap, charged when counted, before the read. */
const RESYNC_EVENTS_PER_POINT = 500;
/**
 * What each message costs up front. A snapshot is the largest answer (the whole scoped state), so a socket can
 * afford only a few per window however often it asks.
 */
const LIVE_COSTS = { 'live:subscribe': 5 } as const;

export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient>;

export interface LiveDeps {
  /** Limits of shelving and out of service. */
  alarms: AlarmOptions;
  engine: StateEngine;
  store: EventStore;
  clock: Clock;
  rollup: AreaRollup;
  isKnownArea: (code: string) => boolean;
  /** The tree dashboards fold with, sent in every snapshot and again (`live:areas`) whenever it changes. */
  areas: Pick<AreaCatalog, 'tree' | 'onChange'>;
  /** Where operator commands (acknowledge, assign, resolve) are logged. */
  ingest: IngestService;
  /** Whether the socket may send an operator command now (session role or operator token). */
  may: (socket: Socket, event: string) => boolean;
  /** Whether the socket holds the operate right, and so sees operators' names and comments. */
  seesOpsDetails: (socket: Socket) => boolean;
  audit: (socket: Socket, action: AuditAction, target: string) => void;
  /** The per-socket and per-principal allowance every message is charged against. */
  guard: MessageGuard;
  /** The largest gap `live:resync` fills; past it the answer is `too_far_behind`. */
  resyncMaxEvents?: number;
  /**
   * The state the fan-out's last patches ended at (`FanOut.patchedState`). State-mode snapshots and resyncs
   * are taken there: a patch is exact only from its window's start. Without it, the engine's state.
   */
  patchBase?: () => DashboardState | null;
}

export function setupLiveNamespace(nsp: LiveNamespace, deps: LiveDeps): () => void {
  nsp.use(protocolGuard(LiveAuth));
  const maxResync = deps.resyncMaxEvents ?? DEFAULT_RESYNC_MAX_EVENTS;
  // One cache per base: events mode starts from the engine's state, state mode from the last patch's end.
  const snapshots = { events: createSnapshotCache(deps.rollup), state: createSnapshotCache(deps.rollup) };
  const patchBase = () => deps.patchBase?.() ?? deps.engine.state;
  const detailsFor = (socket: Socket) => (deps.seesOpsDetails(socket) ? 'all' : 'withheld');

  nsp.on('connection', (socket) => {
    guardMessages(socket, deps.guard, LIVE_COSTS);
    socket.emit('live:clock', { nowMs: deps.clock.now(), speed: deps.clock.speed() });
    setupAlertCommands(socket, nsp, deps);

    socket.on('live:subscribe', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseOrRefuse(LiveSubscribe, req, ack);
      if (!parsed.success) return;
      const { area, mode = 'events' } = parsed.data;
      if (!deps.isKnownArea(area)) return ack({ ok: false, error: 'unknown_area', details: area });
      // A snapshot is the largest answer there is: each one is encoded in its own turn of the event loop, so
      // subscribes that arrive together (one socket's burst, a wall fleet's reconnect) never encode back to back.
      await yieldToLoop();
      if (!socket.connected) return;
      // Joined and answered in one turn, as before: no batch of the room can come between the two.
      for (const room of socket.rooms) if (isLiveRoom(room)) void socket.leave(room);
      const audience = deps.seesOpsDetails(socket) ? 'operate' : 'readers';
      void socket.join(roomOf(area, mode, audience));
      const base = mode === 'state' ? patchBase() : deps.engine.state;
      const snap = snapshots[mode].of(base, area, audience === 'operate' ? 'all' : 'withheld');
      const res: Ack<LiveSnapshot> = { ok: true, data: { ...snap, areaTree: deps.areas.tree() } };
      ack(res);
    });

    socket.on('live:resync', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseOrRefuse(LiveResync, req, ack);
      if (!parsed.success) return;
      const { area, afterSeq } = parsed.data;
      // A state-mode dashboard folds no events: its rooms' patches carry changes of everything it holds (the
      // alerts' bookkeeping of every area included), and each is exact only from its window's start. Its hole
      // is filled by the scoped state where the last patch ended, which the next patch follows on from. Costs
      // what a snapshot costs.
      if ([...socket.rooms].some(isStateRoom)) {
        const { limited, retryAfterMs } = await chargeMore(socket, deps.guard, LIVE_COSTS['live:subscribe']);
        if (limited) return ack({ ok: false, error: 'rate_limited', details: { retryAfterMs } });
        await yieldToLoop();
        const snap = snapshots.state.of(patchBase(), area, detailsFor(socket));
        return ack({
          ok: true,
          data: { area, fromSeq: afterSeq + 1, toSeq: snap.seq, events: [], state: snap.state },
        });
      }
      // Counted, not read: seqs are gap-free, so the head tells the gap's size before a single row is parsed.
      const behind = Math.max(0, (await deps.store.lastSeq()) - afterSeq);
      if (behind > maxResync)
        return ack({
          ok: false,
          error: 'too_far_behind',
          details: { behind, maxEvents: maxResync, action: 'resubscribe' },
        });
      const { limited, retryAfterMs } = await chargeMore(
        socket,
        deps.guard,
        Math.floor(behind / RESYNC_EVENTS_PER_POINT),
      );
      if (limited) return ack({ ok: false, error: 'rate_limited', details: { retryAfterMs } });
      await yieldToLoop();
      // Everything logged after afterSeq, even what the next batch will bring again: the reducers skip seqs
      // already applied, so overlap is harmless and no seq can fall between the resync and the next batch.
      const events = await deps.store.readAfter(afterSeq, maxResync);
      const inArea = events.filter((e) => eventReachesArea(e, area, deps.rollup));
      const batch: LiveBatch = {
        area,
        fromSeq: afterSeq + 1,
        toSeq: events.at(-1)?.seq ?? afterSeq,
        events: deps.seesOpsDetails(socket) ? inArea : inArea.map(withholdOpsDetails),
      };
      ack({ ok: true, data: batch });
    });
  });

  const tick = setInterval(
    // Local: every node ticks its own sockets; through a shared adapter each client would get one per node.
    // Volatile: the next tick a second later supersedes this one, so a socket whose transport is still busy
    // (a slow wall catching up on batches) skips it instead of queueing it behind them, and connection state
    // recovery does not keep it to replay. The first tick of a connection goes reliably.
    () => nsp.local.volatile.emit('live:clock', { nowMs: deps.clock.now(), speed: deps.clock.speed() }),
    1000,
  );
  tick.unref();
  // Local, like the clock: every node holds its own registry and tells its own sockets. Emitted as the set
  // joins, before ingest can accept an event of its codes, so no batch needing the new tree comes first.
  const stopAreas = deps.areas.onChange(() => nsp.local.emit('live:areas', deps.areas.tree()));
  return () => {
    clearInterval(tick);
    stopAreas();
  };
}
