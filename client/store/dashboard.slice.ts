import type { StateCreator } from 'zustand';
import type { LiveBatch, LiveResync, LiveSnapshot } from '../../protocol';
import { AREAS_2021, PROVINCE_CODE, TAN_AN_WARDS_2021, makeRollup } from '../../geo/areas';
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

/**
 * The browser folds batches with the same rollup the server uses, so its KPIs equal the server's; Tân An's
 * wards are in it so that a site assigned to a ward counts in the city and the province.
 */
export const rollup = makeRollup([...AREAS_2021, ...TAN_AN_WARDS_2021]);

export interface DashboardSlice {
  feed: LiveFeed;
  /** Each returns the resync request to emit, if the feed found a hole. */
  receiveSnapshot: (snap: LiveSnapshot) => LiveResync | null;
  receiveBatch: (batch: LiveBatch) => LiveResync | null;
  receiveResync: (batch: LiveBatch) => LiveResync | null;
  /** A resync that failed: forget the held batches; the caller re-subscribes for a fresh snapshot. */
  abandonResync: () => void;
  /** The socket dropped: the next subscribe brings a fresh snapshot, so nothing received meanwhile is kept. */
  disconnected: () => void;
}

export const createDashboardSlice: StateCreator<RootState, [], [], DashboardSlice> = (set, get) => {
  const step = (run: (feed: LiveFeed) => FeedStep): LiveResync | null => {
    const { feed, resync } = run(get().feed);
    set({ feed });
    return resync;
  };
  return {
    feed: emptyFeed(PROVINCE_CODE),
    receiveSnapshot: (snap) => step((f) => feedSnapshot(f, snap, rollup)),
    receiveBatch: (batch) => step((f) => feedBatch(f, batch, rollup)),
    receiveResync: (batch) => step((f) => feedResync(f, batch, rollup)),
    abandonResync: () => set((s) => ({ feed: feedDisconnected(s.feed) })),
    disconnected: () => set((s) => ({ feed: feedDisconnected(s.feed) })),
  };
};
