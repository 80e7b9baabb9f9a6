import { describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021 } from '../../geo';
import { applyEvents, emptyDashboardState } from '../../protocol';
import { scopeState } from '../../server/engine/scope-state';
import { createSnapshotCache } from '../../server/live/snapshot-cache';
import { reading } from '../fixtures/events';

const rollup = makeRollup(SCHEMATIC_2021.areas);

describe('live snapshots', () => {
  it('are built once per state and area, and again once the state changes', () => {
    const cache = createSnapshotCache(rollup);
    const s1 = applyEvents(emptyDashboardState(), [{ ...reading, seq: 1 }], rollup);
    const a = cache.of(s1, '80', 'all');
    expect(cache.of(s1, '80', 'all')).toBe(a);
    expect(a).toEqual({ area: '80', seq: 1, state: scopeState(s1, '80', rollup) });
    expect(cache.of(s1, '794', 'all')).not.toBe(a);
    const s2 = applyEvents(s1, [{ ...reading, id: 'x:2', tsMs: reading.tsMs + 1000, seq: 2 }], rollup);
    const b = cache.of(s2, '80', 'all');
    expect(b).not.toBe(a);
    expect(b.seq).toBe(2);
  });
});
