import { io } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type AreaRollup,
  type DashboardState,
  type LiveBatch,
  type LiveSnapshot,
  type LoggedEvent,
} from '../../../protocol';
import {
  emptyFeed,
  feedBatch,
  feedDisconnected,
  feedResync,
  feedSnapshot,
  type FeedStep,
  type LiveFeed,
} from '../../../client/store/live-feed';
import type { LiveSocket } from './test-server';

/** Between two attempts on the list, as a load balancer's retry would space them. */
const RETRY_MS = 250;
const CONNECT_TIMEOUT_MS = 3000;

export interface FailoverDashboard {
  /** The events folded into the state after the first snapshot, in the order they were folded. */
  applied: LoggedEvent[];
  /** Seqs the state advanced over without this client having received the event: holes. */
  holes: number[];
  /** Fresh snapshots taken after the first one (a resume that could not use `live:resync`). */
  resnapshots: number;
  firstSnapshotSeq: number;
  feed(): LiveFeed;
  /** The state as it was when `lastSeq` reached a given value (the recent ones). */
  stateAt(lastSeq: number): DashboardState | undefined;
  /** The `lastSeq` values `stateAt` knows. */
  stateSeqs(): number[];
  /** Every connection made: which URL, when (real ms). */
  connections: { url: string; atMs: number }[];
  /** Every batch received: from which URL, when, and its range. */
  batches: { url: string; atMs: number; fromSeq: number; toSeq: number; events: number }[];
  connectedTo(): string | null;
  /** Resolves when `predicate` holds, checked after every change. */
  until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): void;
}

/**
 * A dashboard with the failover a load balancer gives a browser: a list of node URLs; when its node goes away
 * it connects to the next one. It sequences batches with the browser's own pure rules (client/store/live-feed)
 * and, on a new node, resumes rather than starting over: it joins its room (`live:subscribe`) and asks
 * `live:resync` for everything after the last seq it has, from the shared log, so every event reaches it once
 * and in seq order across the switch. Only if that fails does it take the new node's snapshot (counted).
 */
export function connectFailoverDashboard(
  urls: readonly string[],
  rollup: AreaRollup,
  area = '80',
): Promise<FailoverDashboard> {
  let feed = emptyFeed(area);
  let firstSnapshotSeq = -1;
  let resnapshots = 0;
  const seen = new Map<number, LoggedEvent>();
  const applied: LoggedEvent[] = [];
  const holes: number[] = [];
  const states = new Map<number, DashboardState>();
  const connections: FailoverDashboard['connections'] = [];
  const batches: FailoverDashboard['batches'] = [];
  const listeners = new Set<() => void>();
  let socket: LiveSocket | null = null;
  let current: string | null = null;
  let index = 0;
  let closed = false;
  let onFirst: () => void = () => {};
  const first = new Promise<void>((resolve) => (onFirst = resolve));

  const changed = () => {
    for (const l of [...listeners]) l();
  };

  const remember = (events: readonly LoggedEvent[]) => {
    for (const e of events) seen.set(e.seq, e);
  };

  /** Applies one step of the feed and records, seq by seq, what the state advanced over. */
  const step = (run: (f: LiveFeed) => FeedStep, from: LiveSocket) => {
    // The first snapshot is the starting point: what it folded was not received event by event.
    const before = feed.state?.seq ?? Infinity;
    const next = run(feed);
    feed = next.feed;
    const after = feed.state?.seq ?? 0;
    for (let seq = before + 1; seq <= after; seq++) {
      const e = seen.get(seq);
      if (e) applied.push(e);
      else holes.push(seq);
    }
    if (feed.state && feed.subscribed) {
      states.set(feed.lastSeq, feed.state);
      if (states.size > 200) states.delete(states.keys().next().value!);
    }
    if (next.resync) resync(from, next.resync.afterSeq);
    changed();
  };

  const resync = (s: LiveSocket, afterSeq: number) => {
    s.timeout(10_000).emit('live:resync', { area, afterSeq }, (err: Error | null, res: Ack<LiveBatch>) => {
      if (s !== socket) return;
      if (!err && res.ok) {
        remember(res.data.events);
        return step((f) => feedResync(f, res.data, rollup), s);
      }
      s.disconnect();
      reconnect();
    });
  };

  const subscribed = (s: LiveSocket, snap: LiveSnapshot) => {
    if (feed.state === null) {
      firstSnapshotSeq = snap.seq;
      step((f) => feedSnapshot(f, snap, rollup), s);
      onFirst();
      return;
    }
    // A resume: keep the state, hold batches, and fill from the shared log after what we have.
    feed = { ...feed, subscribed: true, resyncing: true };
    s.timeout(10_000).emit(
      'live:resync',
      { area, afterSeq: feed.lastSeq },
      (err: Error | null, res: Ack<LiveBatch>) => {
        if (s !== socket) return;
        if (!err && res.ok) {
          remember(res.data.events);
          return step((f) => feedResync(f, res.data, rollup), s);
        }
        resnapshots++;
        step((f) => feedSnapshot({ ...f, resyncing: false }, snap, rollup), s);
      },
    );
  };

  const reconnect = () => {
    if (closed) return;
    socket?.removeAllListeners();
    socket?.disconnect();
    socket = null;
    current = null;
    feed = feedDisconnected(feed);
    changed();
    index = (index + 1) % urls.length;
    setTimeout(() => open(urls[index]!), RETRY_MS);
  };

  const open = (url: string) => {
    if (closed) return;
    const s: LiveSocket = io(`${url}/live`, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      // The list is the retry policy: a dead node is left for the next one, not retried by socket.io.
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    socket = s;
    s.on('connect', () => {
      current = url;
      connections.push({ url, atMs: Date.now() });
      s.timeout(10_000).emit('live:subscribe', { area }, (err: Error | null, res: Ack<LiveSnapshot>) => {
        if (s !== socket) return;
        if (err || !res.ok) return reconnect();
        subscribed(s, res.data);
      });
    });
    s.on('live:batch', (b) => {
      if (s !== socket) return;
      batches.push({ url, atMs: Date.now(), fromSeq: b.fromSeq, toSeq: b.toSeq, events: b.events.length });
      remember(b.events);
      step((f) => feedBatch(f, b, rollup), s);
    });
    s.on('connect_error', () => s === socket && reconnect());
    s.on('disconnect', () => s === socket && reconnect());
  };

  open(urls[0]!);

  const dashboard: FailoverDashboard = {
    applied,
    holes,
    get resnapshots() {
      return resnapshots;
    },
    get firstSnapshotSeq() {
      return firstSnapshotSeq;
    },
    feed: () => feed,
    stateAt: (seq) => states.get(seq),
    stateSeqs: () => [...states.keys()],
    connections,
    batches,
    connectedTo: () => current,
    until(predicate, timeoutMs, what) {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        listeners.add(check);
      });
    },
    close() {
      closed = true;
      socket?.removeAllListeners();
      socket?.disconnect();
      socket = null;
    },
  };
  return first.then(() => dashboard);
}
