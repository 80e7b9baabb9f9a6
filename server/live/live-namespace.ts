import type { Namespace, Socket } from 'socket.io';
import {
  eventReachesArea,
  LiveAuth,
  LiveResync,
  LiveSubscribe,
  type Ack,
  type AreaRollup,
  type AuditAction,
  type LiveBatch,
  type LiveClientToServer,
  type LiveServerToClient,
  type LiveSnapshot,
} from '../../protocol';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import type { EventStore } from '../store/event-store';
import { describeIssues } from '../ingest/describe-issues';
import { scopeState } from '../engine/scope-state';
import { withholdOpsDetails, withholdStateDetails } from '../security/ops-redaction';
import { isLiveRoom, roomOf } from './fan-out';
import { protocolGuard } from './protocol-guard';
import { setupAlertCommands } from './alert-commands';
import type { IngestService } from '../ingest/ingest-service';

/** A client further behind than this re-subscribes for a fresh snapshot instead of replaying the gap. */
const MAX_RESYNC_EVENTS = 50_000;

export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient>;

export interface LiveDeps {
  engine: StateEngine;
  store: EventStore;
  clock: Clock;
  rollup: AreaRollup;
  isKnownArea: (code: string) => boolean;
  /** Where operator commands (acknowledge, assign, resolve) are logged. */
  ingest: IngestService;
  /** Whether the socket may send an operator command now (session role or operator token). */
  may: (socket: Socket, event: string) => boolean;
  /** Whether the socket holds the operate right, and so sees operators' names and comments. */
  seesOpsDetails: (socket: Socket) => boolean;
  audit: (socket: Socket, action: AuditAction, target: string) => void;
}

export function setupLiveNamespace(nsp: LiveNamespace, deps: LiveDeps): () => void {
  nsp.use(protocolGuard(LiveAuth));

  nsp.on('connection', (socket) => {
    socket.emit('live:clock', { nowMs: deps.clock.now(), speed: deps.clock.speed() });
    setupAlertCommands(socket, nsp, deps);

    socket.on('live:subscribe', (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = LiveSubscribe.safeParse(req);
      if (!parsed.success)
        return ack({ ok: false, error: 'invalid_payload', details: describeIssues(parsed.error.issues) });
      const { area, mode = 'events' } = parsed.data;
      if (!deps.isKnownArea(area)) return ack({ ok: false, error: 'unknown_area', details: area });
      for (const room of socket.rooms) if (isLiveRoom(room)) void socket.leave(room);
      const audience = deps.seesOpsDetails(socket) ? 'operate' : 'readers';
      void socket.join(roomOf(area, mode, audience));
      const scoped = scopeState(deps.engine.state, area, deps.rollup);
      const state = audience === 'operate' ? scoped : withholdStateDetails(scoped);
      const res: Ack<LiveSnapshot> = { ok: true, data: { area, seq: state.seq, state } };
      ack(res);
    });

    socket.on('live:resync', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = LiveResync.safeParse(req);
      if (!parsed.success)
        return ack({ ok: false, error: 'invalid_payload', details: describeIssues(parsed.error.issues) });
      const { area, afterSeq } = parsed.data;
      // Everything logged after afterSeq, even what the next batch will bring again: the reducers skip seqs
      // already applied, so overlap is harmless and no seq can fall between the resync and the next batch.
      const events = await deps.store.readAfter(afterSeq, MAX_RESYNC_EVENTS + 1);
      if (events.length > MAX_RESYNC_EVENTS)
        return ack({ ok: false, error: 'batch_too_large', details: 'resubscribe' });
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
    () => nsp.local.emit('live:clock', { nowMs: deps.clock.now(), speed: deps.clock.speed() }),
    1000,
  );
  tick.unref();
  return () => clearInterval(tick);
}
