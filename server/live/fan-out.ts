import type { Namespace } from 'socket.io';
import {
  eventReachesArea,
  patchFor,
  siteTable,
  splitSitePatch,
  stateChanges,
  BINARY_SITE_PATCH_MIN,
  type SiteTable,
  type AreaRollup,
  type DashboardState,
  type LiveBatch,
  type LiveMode,
  type LoggedEvent,
} from '../../protocol';
import { READER_VIEW, withholdOpsDetails } from '../security/ops-redaction';

/** Pending events beyond this are flushed at once rather than waiting for the window: memory stays bounded. */
const MAX_PENDING = 10_000;

/**
 * Who a room's batches are for: `operate` holders get operators' names and comments, `readers` get them
 * withheld (server/security/ops-redaction.ts). Two rooms per area and mode, each batch still encoded once.
 */
export type Audience = 'operate' | 'readers';
const READERS_SUFFIX = ':readers';

export const roomOf = (area: string, mode: LiveMode = 'events', audience: Audience = 'readers') =>
  (mode === 'events' ? `area:${area}` : `state:${area}`) + (audience === 'readers' ? READERS_SUFFIX : '');
const withoutAudience = (rest: string) =>
  rest.endsWith(READERS_SUFFIX) ? rest.slice(0, -READERS_SUFFIX.length) : rest;
const areaOfRoom = (room: string) => (room.startsWith('area:') ? withoutAudience(room.slice(5)) : null);
const stateAreaOfRoom = (room: string) => (room.startsWith('state:') ? withoutAudience(room.slice(6)) : null);
const forReaders = (room: string) => room.endsWith(READERS_SUFFIX);
/** A room that follows state: its batches are patches, exact only from their window's start. */
export const isStateRoom = (room: string) => stateAreaOfRoom(room) !== null;
export const isLiveRoom = (room: string) => areaOfRoom(room) !== null || stateAreaOfRoom(room) !== null;

export interface FanOut {
  push(events: readonly LoggedEvent[]): void;
  flush(): void;
  /** Highest seq already sent (or skipped for lack of listeners). */
  lastFlushedSeq(): number;
  /**
   * The state the state rooms' last patches ended at (null without `currentState`): the one point a state-mode
   * snapshot or resync may start from, since the next patch is exact from it and from nothing in between.
   */
  patchedState(): DashboardState | null;
  close(): void;
}

/**
 * Gathers accepted events and, once per window, sends each area room the events under that area with the
 * window's seq range, and each state room the change of the reduced state under that area. One emit per
 * room: Socket.IO encodes the packet once for all of the room's sockets.
 */
export function createFanOut(
  nsp: Namespace,
  rollup: AreaRollup,
  windowMs: number,
  startSeq: number,
  /** Sees each batch sent (metrics). */
  onBatch: (batch: LiveBatch) => void = () => {},
  /** The engine's reduced state, already folded past every event pushed here. */
  currentState?: () => DashboardState,
  /** Reading-only sites in a room's window from which they go as a binary attachment; Infinity: never. */
  binarySitesMin = BINARY_SITE_PATCH_MIN,
): FanOut {
  let pending: LoggedEvent[] = [];
  let flushedSeq = startSeq;
  // The state the last patches were computed against: every state room is one window behind `currentState`.
  let patchedState = currentState?.() ?? null;
  // Each state room's site table at the last window's end, rebuilt only when a window adds a site.
  const tables = new Map<string, SiteTable>();
  const tableOf = (area: string, sites: DashboardState['sites']): SiteTable => {
    let table = tables.get(area);
    if (!table) {
      const within = (id: string) => rollup(sites[id]!.area).includes(area);
      table = siteTable(Object.keys(sites).filter(within));
      tables.set(area, table);
    }
    return table;
  };

  const flushState = () => {
    if (!currentState || patchedState === null) return;
    const [prev, next] = [patchedState, currentState()];
    if (next.seq <= prev.seq) return;
    patchedState = next;
    // One pass over the state for the window, then a cut per room: the rooms share the changes.
    const changes = stateChanges(prev, next);
    if (changes.sites.some(([id]) => !prev.sites[id])) tables.clear();
    for (const room of nsp.adapter.rooms.keys()) {
      const area = stateAreaOfRoom(room);
      if (area === null) continue;
      const full = patchFor(changes, area, rollup, forReaders(room) ? READER_VIEW : undefined);
      const { patch, sites } =
        changes.sites.length >= binarySitesMin
          ? splitSitePatch(full, next.sites, tableOf(area, next.sites), binarySitesMin)
          : { patch: full, sites: null };
      // An empty patch still goes out: it carries the seq range, so the room's ranges stay contiguous, and says
      // it is a patch (exact from `fromSeq - 1` only), which a batch of events is not.
      const batch: LiveBatch = { area, fromSeq: prev.seq + 1, toSeq: next.seq, events: [], patch };
      if (sites) batch.binarySites = sites;
      nsp.local.to(room).emit('live:batch', batch);
      onBatch(batch);
    }
  };

  const flush = () => {
    flushState();
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    const fromSeq = flushedSeq + 1;
    const toSeq = events[events.length - 1]!.seq;
    flushedSeq = toSeq;
    let withheld: LoggedEvent[] | null = null;
    for (const room of nsp.adapter.rooms.keys()) {
      const area = areaOfRoom(room);
      if (area === null) continue;
      const audienceEvents = forReaders(room) ? (withheld ??= events.map(withholdOpsDetails)) : events;
      const batch: LiveBatch = {
        area,
        fromSeq,
        toSeq,
        events: audienceEvents.filter((e) => eventReachesArea(e, area, rollup)),
      };
      // Local: with several nodes, every node tails the shared log and serves its own sockets, so a batch sent
      // through the adapter would reach the other nodes' clients twice.
      nsp.local.to(room).emit('live:batch', batch);
      onBatch(batch);
    }
  };

  const timer = setInterval(flush, windowMs);
  timer.unref();

  return {
    push(events) {
      for (const e of events) pending.push(e);
      if (pending.length >= MAX_PENDING) flush();
    },
    flush,
    lastFlushedSeq: () => flushedSeq,
    patchedState: () => patchedState,
    close: () => clearInterval(timer),
  };
}
