import { describe, expect, it } from 'vitest';
import type { LiveBatch } from '../../protocol';
import {
  classifyBatch,
  emptyFeed,
  feedBatch,
  feedDisconnected,
  feedResync,
  feedSnapshot,
  type LiveFeed,
} from '../../client/store/live-feed';
import { resetStore, useStore } from '../../client/store/store';
import { FIXTURE_AREA_TREE, FIXTURE_ROLLUP as rollup, onlineSubmitted, sampleState } from './fixtures';

const batch = (fromSeq: number, toSeq: number, seqs: number[] = []): LiveBatch => ({
  area: '80',
  fromSeq,
  toSeq,
  events: seqs.map((s) => onlineSubmitted(s)),
});

function subscribed(seq = 100): LiveFeed {
  return feedSnapshot(emptyFeed('80'), { area: '80', seq, state: { ...sampleState(), seq } }, rollup).feed;
}
const tanAnOnline = (f: LiveFeed) => f.state!.areas['794']!.dossier.onlineSubmitted;

describe('batch sequencing', () => {
  it('classifies a batch against the last seq seen', () => {
    expect(classifyBatch(100, { fromSeq: 101, toSeq: 110 })).toBe('contiguous');
    expect(classifyBatch(100, { fromSeq: 95, toSeq: 105 })).toBe('contiguous');
    expect(classifyBatch(100, { fromSeq: 90, toSeq: 100 })).toBe('stale');
    expect(classifyBatch(100, { fromSeq: 102, toSeq: 110 })).toBe('gap');
  });

  it('applies a contiguous batch and moves lastSeq to its toSeq, even past its last event', () => {
    const { feed, resync } = feedBatch(subscribed(), batch(101, 105, [101, 103]), rollup);
    expect(resync).toBeNull();
    expect(feed.lastSeq).toBe(105);
    expect(tanAnOnline(feed)).toBe(4002);
  });

  it('applies a state patch (the SPA follows state) and holds one that comes after a hole', () => {
    const start = subscribed();
    const patched: LiveBatch = {
      ...batch(101, 120),
      // Field by field, as the server sends it: the one counter that moved, not the area.
      patch: {
        areas: ['patch', { '794': ['patch', { dossier: ['patch', { onlineSubmitted: ['put', 4010] }] }] }],
      },
    };
    const { feed, resync } = feedBatch(start, patched, rollup);
    expect(resync).toBeNull();
    expect(tanAnOnline(feed)).toBe(4010);
    expect(feed.state!.seq).toBe(120);
    expect(feed.state!.areas['80']).toBe(start.state!.areas['80']);
    expect(feed.state!.areas['794']!.covid).toBe(start.state!.areas['794']!.covid);
    const held = feedBatch(start, { ...patched, fromSeq: 105 }, rollup);
    expect(held.resync).toEqual({ area: '80', afterSeq: 100 });
    expect(tanAnOnline(held.feed)).toBe(4000);
  });

  it('treats a patch that overlaps the state held as a hole: it is exact only from its window start', () => {
    const start = subscribed();
    const overlapping: LiveBatch = {
      ...batch(95, 120),
      patch: { areas: ['patch', { '794': ['patch', { covid: ['patch', { deaths: ['put', 9] }] }] }] },
    };
    expect(classifyBatch(100, overlapping)).toBe('gap');
    const step = feedBatch(start, overlapping, rollup);
    expect(step.resync).toEqual({ area: '80', afterSeq: 100 });
    expect(step.feed.state).toBe(start.state);
    // The resync's events reach the patch's end: the held patch is then behind and is dropped.
    const filled = feedResync(step.feed, batch(101, 120, [101]), rollup);
    expect(filled.resync).toBeNull();
    expect(filled.feed.lastSeq).toBe(120);
    expect(filled.feed.pending).toEqual([]);
    expect(filled.feed.state!.areas['794']!.covid.deaths).toBe(start.state!.areas['794']!.covid.deaths);
  });

  it('asks for a resync instead of applying a patch that does not fit the state held', () => {
    const start = subscribed();
    const unfit: LiveBatch = {
      ...batch(101, 120),
      patch: {
        alerts: ['patch', { recent: ['keyed', { patch: { 'no-such-alert@1': { value: ['put', 2] } } }] }],
      },
    };
    const step = feedBatch(start, unfit, rollup);
    expect(step.resync).toEqual({ area: '80', afterSeq: 100 });
    expect(step.feed.lastSeq).toBe(100);
    expect(step.feed.state).toBe(start.state);
  });

  it('ignores a batch it has already seen', () => {
    const start = subscribed();
    const { feed, resync } = feedBatch(start, batch(95, 100, [99, 100]), rollup);
    expect(resync).toBeNull();
    expect(feed.state).toBe(start.state);
  });

  it('asks for a resync after the last seq on a gap, and holds the batch instead of applying it', () => {
    const { feed, resync } = feedBatch(subscribed(), batch(104, 106, [104, 105]), rollup);
    expect(resync).toEqual({ area: '80', afterSeq: 100 });
    expect(feed.resyncing).toBe(true);
    expect(feed.lastSeq).toBe(100);
    expect(tanAnOnline(feed)).toBe(4000);
    // Batches that arrive while the resync is in flight queue behind it rather than asking again.
    const next = feedBatch(feed, batch(107, 107, [107]), rollup);
    expect(next.resync).toBeNull();
    expect(next.feed.pending.map((b) => b.fromSeq)).toEqual([104, 107]);
  });

  it('fills the hole from the resync answer, then replays the held batches in order', () => {
    let f = feedBatch(subscribed(), batch(104, 106, [104, 105]), rollup).feed;
    f = feedBatch(f, batch(107, 107, [107]), rollup).feed;
    // The server's answer may overlap what was held: applyEvents skips seqs it has seen.
    const { feed, resync } = feedResync(f, batch(101, 105, [101, 102, 104, 105]), rollup);
    expect(resync).toBeNull();
    expect(feed.resyncing).toBe(false);
    expect(feed.pending).toEqual([]);
    expect(feed.lastSeq).toBe(107);
    expect(feed.state!.seq).toBe(107);
    expect(tanAnOnline(feed)).toBe(4005);
  });

  it('asks again when the resync answer still leaves a hole before the held batches', () => {
    const f = feedBatch(subscribed(), batch(110, 111, [110]), rollup).feed;
    const { feed, resync } = feedResync(f, batch(101, 105, [101]), rollup);
    expect(resync).toEqual({ area: '80', afterSeq: 105 });
    expect(feed.pending.map((b) => b.fromSeq)).toEqual([110]);
  });

  it('holds batches until the snapshot arrives, then keeps only those after it', () => {
    let f = feedBatch(emptyFeed('80'), batch(99, 100, [99, 100]), rollup).feed;
    f = feedBatch(f, batch(101, 102, [101, 102]), rollup).feed;
    expect(f.state).toBeNull();
    const { feed, resync } = feedSnapshot(
      f,
      { area: '80', seq: 100, state: { ...sampleState(), seq: 100 } },
      rollup,
    );
    expect(resync).toBeNull();
    expect(feed.lastSeq).toBe(102);
    expect(tanAnOnline(feed)).toBe(4002);
  });

  it('keeps the last state on screen after a disconnect but applies nothing until re-subscribed', () => {
    const f = feedDisconnected(subscribed());
    expect(f.state).not.toBeNull();
    const { feed, resync } = feedBatch(f, batch(101, 101, [101]), rollup);
    expect(resync).toBeNull();
    expect(tanAnOnline(feed)).toBe(4000);
  });
});

describe('store: gap detection', () => {
  it('returns the resync request the socket layer must emit', () => {
    const s = useStore.getState();
    s.receiveSnapshot({
      area: '80',
      seq: 100,
      state: { ...sampleState(), seq: 100 },
      areaTree: FIXTURE_AREA_TREE,
    });
    expect(s.receiveBatch(batch(101, 101, [101]))).toBeNull();
    expect(s.receiveBatch(batch(105, 106, [105]))).toEqual({ area: '80', afterSeq: 101 });
    expect(s.receiveResync(batch(102, 104, [103]))).toBeNull();
    expect(useStore.getState().feed.lastSeq).toBe(106);
  });
});

describe('store: the area tree it folds with', () => {
  const tree = (version: number, chains: Record<string, string[]>) => ({ version, chains });
  const snapshot = (areaTree: ReturnType<typeof tree>) => ({
    area: '80',
    seq: 100,
    state: { ...sampleState(), seq: 100 },
    areaTree,
  });

  it('folds a resync with the tree the server sent, and follows a newer one', () => {
    resetStore();
    const s = useStore.getState();
    // A code no built-in list has: it counts in Tân An only because the server's tree says so.
    s.receiveSnapshot(snapshot(tree(1, { '80': ['80'], '794': ['794', '80'] })));
    s.receiveAreaTree(tree(2, { '80': ['80'], '794': ['794', '80'], '27990': ['27990', '794', '80'] }));
    const before = useStore.getState().feed.state!.areas['794']!.dossier.submitted;
    s.receiveBatch(batch(101, 101));
    s.receiveBatch(batch(103, 103));
    s.receiveResync({ area: '80', fromSeq: 102, toSeq: 103, events: [onlineSubmitted(102, '27990')] });
    expect(useStore.getState().feed.state!.areas['794']!.dossier.submitted).toBe(before + 1);
    expect(useStore.getState().feed.state!.areas['27990']!.dossier.submitted).toBe(1);
  });

  it('ignores an update older than the tree held, but takes every snapshot whole', () => {
    resetStore();
    const s = useStore.getState();
    s.receiveSnapshot(snapshot(tree(3, { '80': ['80'] })));
    s.receiveAreaTree(tree(2, {}));
    expect(useStore.getState().areaTree.version).toBe(3);
    // Another node, or a restarted server, counts from scratch: a snapshot is a fresh start.
    s.receiveSnapshot(snapshot(tree(1, { '72': ['72'] })));
    expect(useStore.getState().areaTree).toEqual(tree(1, { '72': ['72'] }));
    expect(useStore.getState().rollup('72')).toEqual(['72']);
    expect(useStore.getState().rollup('80')).toEqual([]);
  });
});
