import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiffMismatchError } from '../../protocol/json-diff';
import {
  emptyDashboardState,
  type DashboardState,
  type SiteState,
} from '../../protocol/state/dashboard-state';
import { applyPatch, diffState } from '../../protocol/state/state-patch';
import {
  applyBinarySites,
  BINARY_SITE_BYTES,
  BINARY_SITE_HEADER_BYTES,
  siteTable,
  splitSitePatch,
} from '../../protocol/state/site-patch-binary';

const T0 = Date.UTC(2021, 7, 1, 1);
const AREAS = ['794', '795', '796'];
const rollup = (code: string) => (code === '80' ? ['80'] : [code, '80']);

const site = (id: string, i: number): SiteState => ({
  siteId: id,
  area: AREAS[i % AREAS.length]!,
  kind: 'pm25',
  value: i * 0.1,
  unit: 'µg/m³',
  lonLat: [106.4 + i * 1e-4, 10.5],
  tsMs: T0,
  repeats: 0,
});

function stateOf(sites: SiteState[], seq: number): DashboardState {
  return { ...emptyDashboardState(), seq, sites: Object.fromEntries(sites.map((s) => [s.siteId, s])) };
}

/** A reading per moved site: a new value (any double, fractional or not), a new time, a repeat count. */
const reading = fc.record({
  value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  dtMs: fc.integer({ min: -86_400_000, max: 86_400_000 }),
  repeats: fc.nat({ max: 70_000 }),
  sameValue: fc.boolean(),
});

const scenario = fc.integer({ min: 1, max: 300 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    moves: fc.array(fc.tuple(fc.nat({ max: n - 1 }), reading), { maxLength: n }),
    added: fc.nat({ max: 3 }),
    min: fc.integer({ min: 1, max: 4 }),
    area: fc.constantFrom('80', '794'),
  }),
);

describe('binary site patch', () => {
  it('folds to the same state as the JSON patch it replaces, over random site sets and readings', () => {
    let binaryRuns = 0;
    fc.assert(
      fc.property(scenario, ({ n, moves, added, min, area }) => {
        const sites = Array.from({ length: n }, (_, i) => site(`s${(i * 7919) % 10007}`, i));
        const prev = stateOf(sites, 10);
        const nextSites = { ...prev.sites };
        for (const [i, r] of moves) {
          const s = nextSites[sites[i]!.siteId]!;
          nextSites[s.siteId] = {
            ...s,
            value: r.sameValue ? s.value : r.value,
            tsMs: T0 + r.dtMs,
            repeats: r.repeats,
          };
        }
        // New sites go in JSON (the binary form names only sites the table held).
        for (let k = 0; k < added; k++) nextSites[`new${k}`] = site(`new${k}`, n + k);
        const next: DashboardState = { ...prev, seq: 20, sites: nextSites };

        const scoped = (s: DashboardState): DashboardState => ({
          ...s,
          sites: Object.fromEntries(Object.entries(s.sites).filter(([, x]) => rollup(x.area).includes(area))),
        });
        const base = scoped(prev);
        const patch = diffState(prev, next, area, rollup);
        const viaJson = applyPatch(base, patch, next.seq);

        const table = siteTable(Object.keys(scoped(next).sites));
        const split = splitSitePatch(patch, next.sites, table, min);
        let viaBinary = applyPatch(base, split.patch, next.seq);
        if (split.sites) binaryRuns++;
        if (split.sites)
          viaBinary = applyBinarySites(viaBinary, split.sites, siteTable(Object.keys(viaBinary.sites)));
        expect(viaBinary).toEqual(viaJson);
        expect(viaBinary).toEqual(scoped(next));
      }),
      { numRuns: 200 },
    );
    // The property says nothing if the binary form never came up.
    expect(binaryRuns).toBeGreaterThan(40);
  });

  it('carries 20 bytes a site and leaves only what is not a reading in the JSON patch', () => {
    const sites = Array.from({ length: 2000 }, (_, i) => site(`aq-${i}`, i));
    const prev = stateOf(sites, 1);
    const next: DashboardState = {
      ...prev,
      seq: 2,
      sites: {
        ...Object.fromEntries(sites.map((s) => [s.siteId, { ...s, value: s.value + 1, tsMs: T0 + 1000 }])),
        fresh: site('fresh', 5000),
      },
    };
    const patch = diffState(prev, next, '80', rollup);
    const split = splitSitePatch(patch, next.sites, siteTable(Object.keys(next.sites)));
    expect(split.sites!.byteLength).toBe(BINARY_SITE_HEADER_BYTES + 2000 * BINARY_SITE_BYTES);
    expect(split.patch.sites).toEqual(['patch', { fresh: ['put', next.sites.fresh] }]);
    const small = splitSitePatch(patch, next.sites, siteTable(Object.keys(next.sites)), 2002);
    expect(small.sites).toBeNull();
    expect(small.patch).toBe(patch);
  });

  it('refuses bytes made for another site table, so the client resyncs instead of misplacing readings', () => {
    const sites = Array.from({ length: 5 }, (_, i) => site(`s${i}`, i));
    const prev = stateOf(sites, 1);
    const next: DashboardState = {
      ...prev,
      seq: 2,
      sites: Object.fromEntries(sites.map((s) => [s.siteId, { ...s, value: 9 }])),
    };
    const split = splitSitePatch(
      diffState(prev, next, '80', rollup),
      next.sites,
      siteTable(Object.keys(next.sites)),
      1,
    );
    const shorter = siteTable(['s0', 's1', 's2', 's3']);
    expect(() => applyBinarySites(prev, split.sites!, shorter)).toThrow(DiffMismatchError);
    // A Node client gets the attachment as a Buffer at an arbitrary offset: decoded all the same.
    const padded = new Uint8Array(split.sites!.byteLength + 3);
    padded.set(split.sites!, 3);
    const table = siteTable(Object.keys(prev.sites));
    expect(applyBinarySites(prev, padded.subarray(3), table)).toEqual({ ...next, seq: prev.seq });
    // A browser gets it as an ArrayBuffer.
    expect(applyBinarySites(prev, split.sites!.slice().buffer, table)).toEqual({ ...next, seq: prev.seq });
  });
});
