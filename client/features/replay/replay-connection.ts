import { io, type Socket } from 'socket.io-client';
import { onUnauthorized } from '../../access/on-unauthorized';
import type {
  Ack,
  DashboardState,
  ReplayBatch,
  ReplayClientToServer,
  ReplayJumpResult,
  ReplayPosition,
  ReplayServerToClient,
  ReplaySnapshot,
} from '../../../protocol';
import { PROVINCE_CODE } from '../../../geo/areas';
import { applyEvents } from '../../../protocol/state/apply-events';
import { PROTOCOL_VERSION } from '../../../protocol/version';
import { emptyFeed } from '../../store/live-feed';
import { useStore } from '../../store/store';
import { useReplayStore } from './replay.store';

type ReplaySocket = Socket<ReplayServerToClient, ReplayClientToServer>;
const ACK_TIMEOUT_MS = 30_000;

export interface ReplayConnection {
  seek(atMs: number): Promise<void>;
  /**
   * Seeks and lands, waiting out the server's rate limit; rejects with the server's reason otherwise. For the
   * clip export, whose frames are one seek each and must all land.
   */
  seekExactly(atMs: number): Promise<void>;
  play(): Promise<void>;
  pause(): Promise<void>;
  step(count: number): Promise<void>;
  jump(direction: 'next' | 'previous'): Promise<void>;
  close(): void;
}

/** Puts the replayed state where the operator's components read it, with the replay clock standing still. */
function show(state: DashboardState, position: ReplayPosition) {
  useStore.setState({
    feed: { ...emptyFeed(PROVINCE_CODE), state, lastSeq: state.seq, subscribed: true },
    clock: { nowMs: position.cursorMs, speed: 0, receivedAtMs: Date.now() },
  });
  useReplayStore.setState({ position });
}

/**
 * Opens an analyst session on `/replay`, seeking to `startAtMs` (and again to the current position after a
 * reconnect, since a session lives with its socket). Batches are folded with the shared reducer and
 * acknowledged once shown, which is what lets the server send the next one.
 */
export function connectReplay(
  startAtMs: number,
  { url = '/replay', play = false }: { url?: string; play?: boolean } = {},
): ReplayConnection {
  const socket: ReplaySocket = io(url, { auth: { protocolVersion: PROTOCOL_VERSION } });
  let epoch = -1;
  let cursorMs = startAtMs;

  const run = async <T>(emit: () => Promise<Ack<T>>, then: (data: T) => void) => {
    useReplayStore.setState({ busy: true });
    try {
      const res = await emit();
      if (!res.ok) throw new Error(res.error);
      then(res.data);
      useReplayStore.setState({ error: null });
    } catch (e) {
      useReplayStore.setState({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      useReplayStore.setState({ busy: false });
    }
  };
  const land = (snap: ReplaySnapshot) => {
    useStore.getState().receiveAreaTree(snap.areaTree, 'snapshot');
    epoch = snap.position.epoch;
    cursorMs = snap.position.cursorMs;
    show(snap.state, snap.position);
  };
  const timed = socket.timeout(ACK_TIMEOUT_MS);

  // A link copied while playing opens playing: once, after the first seek has landed.
  let playOnLand = play;
  socket.on('connect', () => {
    useStore.getState().setConnection('live');
    void run(() => timed.emitWithAck('replay:seek', { atMs: cursorMs }), land).then(() => {
      if (!playOnLand) return;
      playOnLand = false;
      const { speed, toMs } = useReplayStore.getState();
      return run(() => timed.emitWithAck('replay:play', { speed, untilMs: toMs }), position);
    });
  });
  socket.on('disconnect', () => useStore.getState().setConnection('reconnecting'));
  socket.on('connect_error', (err) => {
    if (err.message === 'unauthorized') onUnauthorized();
  });
  socket.on('replay:batch', (batch: ReplayBatch, done) => {
    const current = useStore.getState().feed.state;
    if (batch.position.epoch === epoch && current) {
      cursorMs = batch.position.cursorMs;
      // The server's tree, sent again when a set joined since: the batch is folded as the session folded it.
      if (batch.areaTree) useStore.getState().receiveAreaTree(batch.areaTree);
      const { rollup } = useStore.getState();
      show(batch.state ?? applyEvents(current, batch.events, rollup), batch.position);
    }
    // Acknowledged after the store update: React draws it on its next frame, before the next batch comes.
    requestAnimationFrame(() => done());
  });

  const position = (p: ReplayPosition) => useReplayStore.setState({ position: p });
  const seekExactly = async (atMs: number): Promise<void> => {
    for (;;) {
      const res = await timed.emitWithAck('replay:seek', { atMs });
      if (res.ok) return land(res.data);
      if (res.error !== 'rate_limited') throw new Error(res.error);
      const wait = (res.details as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 200;
      await new Promise((r) => setTimeout(r, Math.max(50, wait)));
    }
  };
  return {
    seek: (atMs) => run(() => timed.emitWithAck('replay:seek', { atMs }), land),
    seekExactly,
    play: () => {
      const { speed, toMs } = useReplayStore.getState();
      return run(() => timed.emitWithAck('replay:play', { speed, untilMs: toMs }), position);
    },
    pause: () => run(() => timed.emitWithAck('replay:pause', {}), position),
    step: (count) => run(() => timed.emitWithAck('replay:step', { count }), land),
    jump: (direction) =>
      run<ReplayJumpResult>(
        () => timed.emitWithAck('replay:jump', { direction }),
        (res) => {
          land(res);
          useReplayStore.setState({ lastAlert: res.alert });
        },
      ),
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
