/** One thing wrong with an input file, located as precisely as the check allows. */
export interface ImportProblem {
  /** Index of the feature in the input collection, or null for the collection itself. */
  feature: number | null;
  /** The feature's code when it has one. */
  code: string | null;
  /** A position at or near the fault, `[lon, lat]` as found in the file (so possibly swapped). */
  at: readonly [number, number] | null;
  message: string;
}

const fmt = (v: number) => String(Number(v.toFixed(6)));

/** `feature 3 (code 794) at [106.1, 10.5]: …` — one line a person can act on. */
export function formatProblem(p: ImportProblem): string {
  const where =
    p.feature === null ? 'collection' : `feature ${p.feature}${p.code ? ` (code ${p.code})` : ''}`;
  const at = p.at ? ` at [${fmt(p.at[0])}, ${fmt(p.at[1])}]` : '';
  return `${where}${at}: ${p.message}`;
}
