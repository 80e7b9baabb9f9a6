import type { StateCreator } from 'zustand';
import type { AreaRollup, AreaTree, LiveBatch, LiveResync, LiveSnapshot } from '../../protocol';
import { PROVINCE_CODE } from '../../geo/areas';
// From its own module: the protocol index also pulls zod, which the browser does not need.
import { EMPTY_AREA_TREE, newerTree, rollupOfTree } from '../../protocol/state/area-tree';
import {
  emptyFeed,
  feedBatch,
  feedDisconnected,
  feedResync,
  feedSnapshot,
  type FeedStep,
  type LiveFeed,
} from './live-feed';
import type { RootState } from './store';

export interface DashboardSlice {
  feed: LiveFeed;
  /**
   * The area tree the server folds with, as it last sent it (in the snapshot, or `live:areas` when a set was
   * imported while it runs): resync answers and replay batches are folded with exactly this one.
   */
  areaTree: AreaTree;
  /** `areaTree` as a rollup, kept beside it so every reader shares one. */
  rollup: AreaRollup;
  /** Each returns the resync request to emit, if the feed found a hole. */
  receiveSnapshot: (snap: LiveSnapshot) => LiveResync | null;
  receiveBatch: (batch: LiveBatch) => LiveResync | null;
  receiveResync: (batch: LiveBatch) => LiveResync | null;
  /**
   * A tree the server sent. `snapshot`: it came with a fresh starting point (a subscribe, a replay seek) and
   * replaces whatever is held, as the state does (another node, or a restarted server, may count versions
   * from scratch); otherwise (`live:areas`, a replay batch) an older one than held is ignored.
   */
  receiveAreaTree: (tree: AreaTree, from?: 'snapshot' | 'update') => void;
  /** A resync that failed: forget the held batches; the caller re-subscribes for a fresh snapshot. */
  abandonResync: () => void;
  /** The socket dropped: the next subscribe brings a fresh snapshot, so nothing received meanwhile is kept. */
  disconnected: () => void;
}

export const createDashboardSlice: StateCreator<RootState, [], [], DashboardSlice> = (set, get) => {
  const step = (run: (feed: LiveFeed, rollup: AreaRollup) => FeedStep): LiveResync | null => {
    const { feed, resync } = run(get().feed, get().rollup);
    set({ feed });
    return resync;
  };
  const takeTree = (got: AreaTree, from: 'snapshot' | 'update' = 'update') => {
    const areaTree = from === 'snapshot' ? got : newerTree(get().areaTree, got);
    if (areaTree !== get().areaTree) set({ areaTree, rollup: rollupOfTree(areaTree) });
  };
  return {
    feed: emptyFeed(PROVINCE_CODE),
    areaTree: EMPTY_AREA_TREE,
    rollup: rollupOfTree(EMPTY_AREA_TREE),
    receiveSnapshot: (snap) => {
      takeTree(snap.areaTree, 'snapshot');
      return step((f, rollup) => feedSnapshot(f, snap, rollup));
    },
    receiveBatch: (batch) => step((f, rollup) => feedBatch(f, batch, rollup)),
    receiveResync: (batch) => step((f, rollup) => feedResync(f, batch, rollup)),
    receiveAreaTree: (tree, from) => takeTree(tree, from),
    abandonResync: () => set((s) => ({ feed: feedDisconnected(s.feed) })),
    disconnected: () => set((s) => ({ feed: feedDisconnected(s.feed) })),
  };
};
