import { operatorToken } from './operator-token';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  LiveBatch,
  LiveClientToServer,
  LiveResync,
  LiveServerToClient,
  LiveSnapshot,
  WallControl,
} from '../../protocol';
import { liveCommands, type LiveCommands } from './live-commands';
import { onUnauthorized } from '../access/on-unauthorized';
// Values come from the leaf modules: the protocol index pulls zod's schemas, which the browser never runs.
import { PROTOCOL_VERSION } from '../../protocol/version';
import type { RootState } from '../store/store';

export type LiveSocket = Socket<LiveServerToClient, LiveClientToServer>;

/** The store actions the connection drives; passed in so tests can hand a plain object. */
export type LiveSink = Pick<
  RootState,
  | 'setConnection'
  | 'setMismatch'
  | 'setClock'
  | 'receiveSnapshot'
  | 'receiveBatch'
  | 'receiveResync'
  | 'receiveAreaTree'
  | 'abandonResync'
  | 'disconnected'
>;

/** What a view adds to the connection: walls follow the console's remote control, the console sends commands. */
export interface LiveHooks {
  onWallControl?: (cmd: WallControl) => void;
  /** Called once, with commands bound to this connection (they wait for it to be up). */
  onCommands?: (commands: LiveCommands) => void;
}

/** Sockets open now, for {@link liveDiagnostics}. */
const openSockets = new Set<LiveSocket>();
const SOCKET_EVENTS = [
  'connect',
  'disconnect',
  'connect_error',
  'live:batch',
  'live:clock',
  'live:areas',
  'wall:control',
];
const MANAGER_EVENTS = [
  'reconnect_failed',
  'reconnect',
  'reconnect_attempt',
  'open',
  'close',
  'error',
  'packet',
];

/**
 * Open sockets and the listeners on them: a page that runs for days must hold these constant (the wall's soak
 * benchmark reads them through `window.__iocLive`).
 */
export function liveDiagnostics(): { sockets: number; listeners: number } {
  let listeners = 0;
  for (const s of openSockets) {
    for (const e of SOCKET_EVENTS) listeners += s.listeners(e as 'connect').length;
    for (const e of MANAGER_EVENTS) listeners += s.io.listeners(e as 'open').length;
    listeners += s.listenersAny().length;
  }
  return { sockets: openSockets.size, listeners };
}
if (typeof window !== 'undefined') (window as unknown as { __iocLive: unknown }).__iocLive = liveDiagnostics;

/** An ack that never comes (server restarted mid-call) must not wedge the feed: give up after this long. */
const ACK_TIMEOUT_MS = 10_000;

/** How long a `rate_limited` answer asks the client to wait, ms; 0 for any other answer. */
function retryAfter(res: Ack<unknown>): number {
  if (res.ok || res.error !== 'rate_limited') return 0;
  const ms = (res.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 60_000) : 0;
}

/**
 * Opens the `/live` socket and wires it to the store: subscribe (and re-subscribe after every reconnect, which
 * brings a fresh snapshot), apply batches, fill gaps with `live:resync`, and follow the scenario clock.
 * Returns a function that closes it.
 */
export function connectLive(sink: LiveSink, area: string, url = '/live', hooks: LiveHooks = {}): () => void {
  // A function, so every reconnection presents the tab's current operator token (if it has one).
  const socket: LiveSocket = io(url, {
    auth: (cb) => {
      const token = operatorToken();
      cb(
        token
          ? { protocolVersion: PROTOCOL_VERSION, operatorToken: token }
          : { protocolVersion: PROTOCOL_VERSION },
      );
    },
  });
  openSockets.add(socket);

  const resync = (req: LiveResync | null): void => {
    if (!req) return;
    socket.timeout(ACK_TIMEOUT_MS).emit('live:resync', req, (err: Error | null, res: Ack<LiveBatch>) => {
      if (!err && res.ok) return resync(sink.receiveResync(res.data));
      // Too far behind for the server to fill (`too_far_behind`), refused, or no answer: start over from a
      // fresh snapshot, once the server's allowance is back if it said when.
      sink.abandonResync();
      const wait = err ? 0 : retryAfter(res);
      if (wait > 0) setTimeout(subscribe, wait);
      else subscribe();
    });
  };

  const subscribe = (): void => {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('live:subscribe', { area, mode: 'state' }, (err: Error | null, res: Ack<LiveSnapshot>) => {
        if (err || !res.ok) {
          sink.setConnection('reconnecting');
          if (socket.connected) setTimeout(subscribe, Math.max(2_000, err ? 0 : retryAfter(res)));
          return;
        }
        sink.setConnection('live');
        resync(sink.receiveSnapshot(res.data));
      });
  };

  socket.on('connect', subscribe);
  socket.on('live:batch', (batch) => resync(sink.receiveBatch(batch)));
  socket.on('live:clock', (tick) => sink.setClock(tick, Date.now()));
  socket.on('live:areas', (tree) => sink.receiveAreaTree(tree));
  socket.on('disconnect', (reason) => {
    // After a server-side disconnect socket.io does not retry by itself; every other reason it does.
    if (reason === 'io server disconnect') socket.connect();
    sink.disconnected();
    sink.setConnection('reconnecting');
  });
  socket.on('connect_error', (err: Error & { data?: { reason?: string; serverVersion?: number } }) => {
    if (err.message === 'protocol_mismatch') {
      sink.setMismatch({
        reason: err.data?.reason ?? err.message,
        serverVersion: err.data?.serverVersion ?? null,
      });
      socket.disconnect();
      return;
    }
    // A refusal by the namespace middleware stops retrying (socket.active false); transport errors retry.
    sink.setConnection(socket.active ? 'reconnecting' : 'offline');
    if (err.message === 'unauthorized') onUnauthorized();
  });
  socket.io.on('reconnect_failed', () => sink.setConnection('offline'));
  if (hooks.onWallControl) socket.on('wall:control', hooks.onWallControl);
  hooks.onCommands?.(liveCommands(socket));

  return () => {
    openSockets.delete(socket);
    socket.io.off('reconnect_failed');
    socket.removeAllListeners();
    socket.disconnect();
  };
}
