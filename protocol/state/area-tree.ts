// Types only from the schema module: the browser folds with the tree and never loads zod.
import type { AreaTree } from '../area-tree.schema';
import type { AreaRollup } from './apply-events';

/** The tree before a server has sent one: every code rolls up to nothing, as an unknown code does. */
export const EMPTY_AREA_TREE: AreaTree = { version: 0, chains: {} };

/** The tree of `codes` under `rollup`; codes that roll up to nothing are left out, as the rollup leaves them. */
export function areaTreeOf(codes: Iterable<string>, rollup: AreaRollup, version: number): AreaTree {
  const chains: Record<string, string[]> = {};
  for (const code of codes) {
    const chain = rollup(code);
    if (chain.length > 0) chains[code] = [...chain];
  }
  return { version, chains };
}

const rollups = new WeakMap<AreaTree, AreaRollup>();

/** The rollup a tree describes: exactly the server's for every code it sent; unknown codes roll up to nothing. */
export function rollupOfTree(tree: AreaTree): AreaRollup {
  let r = rollups.get(tree);
  if (!r) {
    const chains = new Map(Object.entries(tree.chains));
    rollups.set(tree, (r = (code) => chains.get(code) ?? []));
  }
  return r;
}

/** The newer of two trees of one server: an update older than the tree held must not undo it. */
export function newerTree(held: AreaTree, got: AreaTree): AreaTree {
  return got.version >= held.version ? got : held;
}
