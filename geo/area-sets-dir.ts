import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAreaSet, type AreaSet } from './area-set';

/** Suffix of area-set files in the data directory, as `npm run geo:import` writes them. */
export const AREA_SET_SUFFIX = '.geo.json';

/** Where imported sets live: `$DATA_DIR/area-sets`. */
export const areaSetsDir = (dataDir: string) => path.join(dataDir, 'area-sets');

/**
 * Reads every `*.geo.json` in `dir` (a missing directory holds none). A file that does not parse is skipped and
 * reported, so one bad file cannot stop the server; the importer never writes such a file.
 */
export function loadAreaSetsDir(dir: string): { sets: AreaSet[]; errors: string[] } {
  if (!existsSync(dir)) return { sets: [], errors: [] };
  const sets: AreaSet[] = [];
  const errors: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(AREA_SET_SUFFIX))
    .sort()) {
    const full = path.join(dir, file);
    try {
      const result = parseAreaSet(JSON.parse(readFileSync(full, 'utf8')));
      if (result.ok) sets.push(result.set);
      else errors.push(`${full}: ${result.errors.join('; ')}`);
    } catch (err) {
      errors.push(`${full}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { sets, errors };
}
