import { parseInstant, type AreaRollup, type AreaSetsResponse } from '../protocol';
import type { AreaSet } from './area-set';
import { AREAS_2021, makeRollup, type AreaInfo } from './areas';
import { BUILT_IN_SETS } from './built-in-sets';
import { PILOT_AREAS } from './pilot-units';

/** What `GET /api/areas/sets` says of each set. */
export type AreaSetSummary = AreaSetsResponse['sets'][number];
export type AreaSetOrigin = AreaSetSummary['origin'];

export interface AreaSetRegistry {
  /** Every set, ordered by `validFrom` (unbounded first), then built-in before imported. */
  list(): AreaSetSummary[];
  /**
   * The set in force at `tsMs` (ms since the epoch; validity days are Vietnam days, `validFrom` inclusive,
   * `validTo` exclusive). When several are valid an imported (official) set beats a built-in one, then a
   * non-schematic one a schematic one, then the later `validFrom`. An instant no set covers gets the nearest
   * set in time, so a map is never empty.
   */
  setAt(tsMs: number): AreaSet;
  /** The rollup (a unit and every unit above it) of the set in force at `tsMs`. */
  rollupAt(tsMs: number): AreaRollup;
  /**
   * Rollup across all sets, for code paths that have no instant: the code, then every unit above it in any set
   * holding it (latest set first). Codes are national, but the 2025 reform re-used the code of one merged unit
   * for the new one (27694 was Phường 1 of Tân An, now Phường Long An of Tây Ninh); the new ward lies inside
   * the old city, so counting it into both chains keeps a figure in the units that contain it then and now.
   */
  rollup: AreaRollup;
  /** True when any set, the 2021 list or the pilot units (`pilot-units.ts`) has the code. */
  isKnownArea(code: string): boolean;
  /** Every unit of every set (latest definition of each code). */
  areas(): readonly AreaInfo[];
  /**
   * Adds a set imported while the server runs (`npm run geo:import` into the data directory). False when an
   * imported set of that name is already held: a set is immutable once loaded, a new version needs a restart.
   */
  add(set: AreaSet): boolean;
  /** Grows by one with every set added, so what is derived from the sets can be cached until it changes. */
  version(): number;
  /** Called after each set added; returns the function that stops the calls. */
  onAdded(listener: (set: AreaSet) => void): () => void;
}

interface Entry {
  set: AreaSet;
  origin: AreaSetOrigin;
  schematic: boolean;
  fromMs: number;
  toMs: number;
  order: number;
}

const dayStartMs = (day: string | null, fallback: number) => (day ? parseInstant(day) : fallback);

/** Builds a registry from the built-in sets and those imported (e.g. from `$DATA_DIR/area-sets`). */
export function createAreaSetRegistry(
  imported: readonly AreaSet[] = [],
  builtIn: readonly AreaSet[] = BUILT_IN_SETS,
): AreaSetRegistry {
  const all = [
    ...builtIn.map((set) => ({ set, origin: 'built-in' as const })),
    ...imported.map((set) => ({ set, origin: 'imported' as const })),
  ];
  if (all.length === 0) throw new Error('an area-set registry needs at least one set');
  const entryOf = (set: AreaSet, origin: AreaSetOrigin, order: number): Entry => ({
    set,
    origin,
    schematic: set.collection.features.every((f) => f.properties.schematic === true),
    fromMs: dayStartMs(set.validFrom, -Infinity),
    toMs: dayStartMs(set.validTo, Infinity),
    order,
  });
  const byTime = (a: Entry, b: Entry) => a.fromMs - b.fromMs || a.order - b.order;
  const entries: Entry[] = all.map(({ set, origin }, order) => entryOf(set, origin, order)).sort(byTime);

  const rank = (e: Entry) => [e.origin === 'imported' ? 1 : 0, e.schematic ? 0 : 1, e.fromMs, e.order];
  const better = (a: Entry, b: Entry) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! > rb[i]!;
    return false;
  };
  const distance = (e: Entry, t: number) => (t < e.fromMs ? e.fromMs - t : t >= e.toMs ? t - e.toMs + 1 : 0);

  const setAt = (tsMs: number): AreaSet => {
    let best: Entry | null = null;
    let bestDistance = Infinity;
    for (const e of entries) {
      const d = distance(e, tsMs);
      if (d < bestDistance || (d === bestDistance && best && better(e, best))) {
        best = e;
        bestDistance = d;
      }
    }
    return best!.set;
  };

  const rollups = new WeakMap<AreaSet, AreaRollup>();
  const rollupOf = (set: AreaSet) => {
    let r = rollups.get(set);
    if (!r) rollups.set(set, (r = makeRollup(set.areas)));
    return r;
  };

  // Later sets override earlier definitions of the same code. Rebuilt when a set is added at run time; the
  // rollup below reads them at each call, so the engine and fan-out holding it see the new set.
  let byCode = new Map<string, AreaInfo>();
  let union: AreaInfo[] = [];
  let chains: AreaRollup[] = [];
  const merged = new Map<string, readonly string[]>();
  const reindex = () => {
    // The pilot units are known whatever set is drawn: they have no boundary of their own in any set.
    const fixed = [...AREAS_2021, ...PILOT_AREAS];
    byCode = new Map<string, AreaInfo>(fixed.map((a) => [a.code, a]));
    const fixedByCode = new Map(fixed.map((a) => [a.code, a]));
    for (const e of entries)
      for (const a of e.set.areas) {
        // A later set that keeps a 2021 code under another parent (the 2025 set's "X (cũ)" units under the new
        // province) continues that unit's figures; it does not redefine the district it was.
        const was = fixedByCode.get(a.code);
        if (was && was.parent !== a.parent) continue;
        byCode.set(a.code, a);
      }
    union = [...byCode.values()];
    // The 2021 tree first, then later sets newest first: an area shared by sets (a 2021 district kept as a 2025
    // "X (cũ)" unit) names its 2021 province before the 2025 one, so what two districts have in common is Long An.
    chains = [makeRollup(fixed), ...entries.map((e) => rollupOf(e.set)).reverse()];
    merged.clear();
  };
  reindex();
  let version = 1;
  const listeners = new Set<(set: AreaSet) => void>();
  const rollup: AreaRollup = (code) => {
    let chain = merged.get(code);
    if (chain) return chain;
    chain = [...new Set(chains.flatMap((r) => r(code)))];
    // Unknown codes are not remembered: a stream of made-up codes must not grow the cache.
    if (chain.length > 0) merged.set(code, chain);
    return chain;
  };

  return {
    list: () =>
      entries.map((e) => ({
        name: e.set.name,
        validFrom: e.set.validFrom,
        validTo: e.set.validTo,
        origin: e.origin,
        schematic: e.schematic,
        features: e.set.collection.features.length,
      })),
    setAt,
    rollupAt: (tsMs) => rollupOf(setAt(tsMs)),
    rollup,
    isKnownArea: (code) => byCode.has(code),
    areas: () => union,
    add: (set) => {
      if (entries.some((e) => e.origin === 'imported' && e.set.name === set.name)) return false;
      entries.push(entryOf(set, 'imported', entries.length));
      entries.sort(byTime);
      reindex();
      version++;
      for (const listener of listeners) listener(set);
      return true;
    },
    version: () => version,
    onAdded: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
