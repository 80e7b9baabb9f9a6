import { areaTreeOf, type AreaRollup, type AreaTree } from '../../protocol';
import type { AreaSetRegistry } from '../../geo/area-sets';
import { PROVINCE_CODE, makeRollup, type AreaInfo } from '../../geo/areas';
import { PILOT_AREAS } from '../../geo/pilot-units';

/**
 * Every list the server derives from the areas it knows, read from the registry at each call (and cached until
 * its version changes), so a set imported while the server runs is in all of them at once: in the rollup, the
 * known codes, `areasWithin`, the districts and the tree dashboards fold with.
 */
export interface AreaCatalog {
  rollup: AreaRollup;
  isKnownArea(code: string): boolean;
  areas(): readonly AreaInfo[];
  /** Codes of the areas under `code`, itself included when known. */
  areasWithin(code: string): string[];
  /** The province's district-level units. */
  districts(): AreaInfo[];
  /** What dashboards fold with (protocol/area-tree.schema.ts). */
  tree(): AreaTree;
  /** Called after the areas changed; returns the function that stops the calls. */
  onChange(listener: () => void): () => void;
}

interface Derived {
  version: number;
  areas: readonly AreaInfo[];
  within: Map<string, string[]>;
  districts: AreaInfo[];
  tree: AreaTree;
}

/** From the registry when there is one; else from a fixed list that never changes. */
export function createAreaCatalog(
  registry: AreaSetRegistry | undefined,
  fixedAreas: readonly AreaInfo[],
): AreaCatalog {
  // The pilot units (geo/pilot-units.ts) are known with any set, as the registry knows them.
  const fixed = [...fixedAreas, ...PILOT_AREAS.filter((p) => !fixedAreas.some((a) => a.code === p.code))];
  const rollup = registry ? registry.rollup : makeRollup(fixed);
  const known = new Set(fixed.map((a) => a.code));
  const version = () => (registry ? registry.version() : 1);
  let derived: Derived | null = null;
  const current = (): Derived => {
    if (derived && derived.version === version()) return derived;
    const areas = registry ? registry.areas() : fixed;
    const within = new Map<string, string[]>();
    for (const a of areas)
      for (const above of rollup(a.code)) {
        let list = within.get(above);
        if (!list) within.set(above, (list = []));
        list.push(a.code);
      }
    derived = {
      version: version(),
      areas,
      within,
      // A department under the province is not a district (the pilot Department of ICT).
      districts: areas.filter((a) => a.parent === PROVINCE_CODE && a.kind !== 'agency'),
      tree: areaTreeOf(
        areas.map((a) => a.code),
        rollup,
        version(),
      ),
    };
    return derived;
  };
  return {
    rollup,
    isKnownArea: registry ? registry.isKnownArea : (code) => known.has(code),
    areas: () => current().areas,
    areasWithin: (code) => [...(current().within.get(code) ?? [])],
    districts: () => current().districts,
    tree: () => current().tree,
    onChange: (listener) => (registry ? registry.onAdded(() => listener()) : () => undefined),
  };
}
