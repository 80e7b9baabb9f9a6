import type { DashboardState, LiveBatch, LiveResync } from '../../protocol';
// The reducer from its own module: the protocol index also pulls zod, which the browser does not need.
import { applyEvents, type AreaRollup } from '../../protocol/state/apply-events';
import { DiffMismatchError } from '../../protocol/json-diff';
import { applyPatch } from '../../protocol/state/state-patch';
import { applyBinarySites, siteTableOf, type SiteTable } from '../../protocol/state/site-patch-binary';

/**
 * What the browser knows of its room's stream: the reduced state, the last seq range it has seen, and the
 * batches held back while a snapshot or a resync is outstanding. Kept apart from the store so the sequencing
 * rules are plain functions a test can drive without sockets.
 */
export interface LiveFeed {
  area: string;
  state: DashboardState | null;
  /** `toSeq` of the last batch applied (or the snapshot's seq); batches cover global ranges, not only ours. */
  lastSeq: number;
  /** Batches that arrived before the snapshot or after a gap, replayed once the hole is filled. */
  pending: LiveBatch[];
  /** True while a `live:resync` is in flight: new batches queue instead of being applied past the hole. */
  resyncing: boolean;
  /** False until the snapshot of the current connection arrives; the old state stays on screen meanwhile. */
  subscribed: boolean;
  /** The site table of `state` as of the last binary site patch, kept so 100k ids are not sorted per batch. */
  siteTable?: SiteTable | null;
}

/** Batches held at most: at one per 250 ms this is 100 s; older ones are dropped and the next drain resyncs. */
export const MAX_PENDING_BATCHES = 400;

export type BatchOrder = 'stale' | 'contiguous' | 'gap';

/**
 * Where a batch sits relative to what has been applied: already seen, next in line, or after a hole. Events
 * may overlap what is held (the reducers skip seqs already applied); a patch may not, since it is exact only
 * from its window's start: one that starts before `lastSeq` is a hole too, filled by a resync to its end.
 */
export function classifyBatch(
  lastSeq: number,
  batch: Pick<LiveBatch, 'fromSeq' | 'toSeq' | 'patch'>,
): BatchOrder {
  if (batch.toSeq <= lastSeq) return 'stale';
  if (batch.fromSeq === lastSeq + 1 || (batch.fromSeq <= lastSeq && !batch.patch)) return 'contiguous';
  return 'gap';
}

export function emptyFeed(area: string): LiveFeed {
  return { area, state: null, lastSeq: 0, pending: [], resyncing: false, subscribed: false };
}

export interface FeedStep {
  feed: LiveFeed;
  /** Set when the caller must emit `live:resync` with it and hand the answer to `feedResync`. */
  resync: LiveResync | null;
}

const hold = (pending: LiveBatch[], batch: LiveBatch): LiveBatch[] =>
  [...pending, batch].slice(-MAX_PENDING_BATCHES);

/** A fresh starting point (subscribe or re-subscribe): replaces the state, then replays what was held. */
export function feedSnapshot(
  feed: LiveFeed,
  snap: { area: string; seq: number; state: DashboardState },
  rollup: AreaRollup,
): FeedStep {
  const base: LiveFeed = {
    area: snap.area,
    state: snap.state,
    lastSeq: snap.seq,
    pending: [],
    resyncing: false,
    subscribed: true,
  };
  return drain(base, feed.pending, rollup);
}

/** One `live:batch`: applied when it follows on, ignored when old, held behind a resync when there is a hole. */
export function feedBatch(feed: LiveFeed, batch: LiveBatch, rollup: AreaRollup): FeedStep {
  if (!feed.subscribed || feed.resyncing)
    return { feed: { ...feed, pending: hold(feed.pending, batch) }, resync: null };
  return drain(feed, [batch], rollup);
}

/** The answer of `live:resync`: fills the hole, then replays the batches that queued behind it. */
export function feedResync(feed: LiveFeed, batch: LiveBatch, rollup: AreaRollup): FeedStep {
  if (!feed.subscribed || feed.state === null) return { feed: { ...feed, resyncing: false }, resync: null };
  // A resync's answer is events, which always fold, or a whole state.
  const filled = applyRange(feed, batch, rollup) ?? feed;
  return drain({ ...filled, resyncing: false }, feed.pending, rollup, true);
}

/** The batch applied, or null when its patch does not fit the state held (a resync from `lastSeq` mends it). */
function applyRange(feed: LiveFeed, batch: LiveBatch, rollup: AreaRollup): LiveFeed | null {
  // A batch without a patch is events (a resync's answer, or the `events` mode), which skip seqs already
  // applied; with one, the server's change of state for the window, which starts exactly at `lastSeq`.
  // A state-mode resync's answer: the room's state where its last patch ended, in place of what is held.
  if (batch.state)
    return batch.toSeq < feed.lastSeq ? feed : { ...feed, state: batch.state, lastSeq: batch.toSeq };
  let state: DashboardState;
  let siteTable = feed.siteTable ?? null;
  try {
    state = batch.patch
      ? applyPatch(feed.state!, batch.patch, batch.toSeq)
      : applyEvents(feed.state!, batch.events, rollup);
    if (batch.patch && batch.binarySites) {
      siteTable = siteTableOf(state, siteTable);
      state = applyBinarySites(state, batch.binarySites, siteTable);
    }
  } catch (err) {
    if (err instanceof DiffMismatchError) return null;
    throw err;
  }
  return { ...feed, state, siteTable, lastSeq: Math.max(feed.lastSeq, batch.toSeq) };
}

function drain(feed: LiveFeed, batches: LiveBatch[], rollup: AreaRollup, clearPending = false): FeedStep {
  let cur: LiveFeed = clearPending ? { ...feed, pending: [] } : feed;
  for (let i = 0; i < batches.length; i++) {
    const b = batches[i]!;
    const order = classifyBatch(cur.lastSeq, b);
    if (order === 'stale') continue;
    const applied = order === 'contiguous' ? applyRange(cur, b, rollup) : null;
    if (applied) {
      cur = applied;
      continue;
    }
    // A hole (or a patch that does not fit, which a resync from `lastSeq` mends alike): keep this batch and
    // everything after it until the server fills the hole.
    const rest = batches.slice(i);
    return {
      feed: { ...cur, pending: rest.slice(-MAX_PENDING_BATCHES), resyncing: true },
      resync: { area: cur.area, afterSeq: cur.lastSeq },
    };
  }
  return { feed: cur, resync: null };
}

/** The connection dropped: keep showing the last state, but hold batches until the next snapshot. */
export function feedDisconnected(feed: LiveFeed): LiveFeed {
  return { ...feed, pending: [], resyncing: false, subscribed: false };
}
