import type { LonLat, SiteAreasResponse } from '../protocol';
import type { AreaSet } from './area-set';
import { assignSites } from './assign-sites';

/** What an assignment needs of a set: its features, name and validity. */
type Assignable = Pick<AreaSet, 'collection'>;

/** The unit of every site under one area set. */
export interface SiteAssignment {
  set: Assignable;
  /** Site id → code of the smallest unit containing it, or null outside the set. */
  areas: ReadonlyMap<string, string | null>;
}

export interface SiteAssignments {
  /** The assignment under the set in force at `tsMs`; computed the first time that set is asked for. */
  at(tsMs: number): SiteAssignment;
  /**
   * The assignment for the live clock: when the set in force at `nowMs` differs from the last one asked here,
   * the sites are re-assigned and `onChange` hears of it (a clock crossing a validity date).
   */
  current(nowMs: number): SiteAssignment;
}

/**
 * Assigns `sites` by point-in-polygon on whichever set `setAt` says is in force, once per set (sets are
 * immutable, so an assignment never goes stale; a new set gets its own).
 */
export function createSiteAssignments(
  setAt: (tsMs: number) => Assignable,
  sites: readonly { siteId: string; lonLat: LonLat }[],
  onChange: (next: SiteAssignment, previous: SiteAssignment | null) => void = () => undefined,
): SiteAssignments {
  const bySet = new WeakMap<Assignable, SiteAssignment>();
  const at = (tsMs: number) => {
    const set = setAt(tsMs);
    let a = bySet.get(set);
    if (!a) bySet.set(set, (a = { set, areas: assignSites(sites, set) }));
    return a;
  };
  let last: SiteAssignment | null = null;
  return {
    at,
    current: (nowMs) => {
      const a = at(nowMs);
      if (a !== last) {
        const previous = last;
        last = a;
        onChange(a, previous);
      }
      return a;
    },
  };
}

/** The wire form of an assignment (`GET /api/areas/sites`). */
export function siteAreasBody(a: SiteAssignment): SiteAreasResponse {
  return {
    set: a.set.collection.name ?? 'areas',
    validFrom: a.set.collection.validFrom ?? null,
    validTo: a.set.collection.validTo ?? null,
    sites: Object.fromEntries(a.areas),
  };
}
