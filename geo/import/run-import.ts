import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AREAS_2021 } from '../areas';
import { AREA_SET_SUFFIX, loadAreaSetsDir } from '../area-sets-dir';
import { parseAreaSet } from '../area-set';
import { BUILT_IN_SETS } from '../built-in-sets';
import siteData from '../data/sensor-sites.json';
import type { SensorSite } from '../sensor-site';
import { sitesOutside, type OutsideSite } from '../sites-outside';
import {
  DEFAULT_IMPORT_OPTIONS,
  importAreaSet,
  type ImportOptions,
  type ImportSummary,
  type KnownArea,
} from './import-area-set';
import type { ImportProblem } from './problem';

export interface RunImportOptions extends Partial<Omit<ImportOptions, 'known' | 'name'>> {
  file: string;
  /** Directory the set is written to (and whose sets count as installed). */
  outDir: string;
  /** Set name; defaults to the input file's base name. */
  name?: string;
}

export type RunImportResult =
  | { ok: true; path: string; summary: ImportSummary; outsideSites: OutsideSite[] }
  | { ok: false; problems: ImportProblem[] };

const SET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const collectionProblem = (message: string): RunImportResult => ({
  ok: false,
  problems: [{ feature: null, code: null, at: null, message }],
});

/**
 * Units the product knows: the 2021 list, the built-in sets and the sets already installed in `outDir`. A code
 * the 2021 list has keeps its 2021 meaning: the built-in 2025 set re-uses the former districts' codes for its
 * schematic "(cũ)" units, and an imported 2021 file must not inherit their 2025 parent.
 */
export function knownAreas(outDir: string): Map<string, KnownArea> {
  const known = new Map<string, KnownArea>();
  const add = (a: KnownArea & { code: string }) =>
    known.set(a.code, { name: a.name, kind: a.kind, parent: a.parent });
  const fixed = new Set(AREAS_2021.map((a) => a.code));
  AREAS_2021.forEach(add);
  for (const set of [...BUILT_IN_SETS, ...loadAreaSetsDir(outDir).sets])
    set.areas.filter((a) => !fixed.has(a.code)).forEach(add);
  return known;
}

/**
 * Reads `file`, imports it (see `importAreaSet`) and writes `<outDir>/<name>.geo.json`. The file is written to a
 * temporary name and renamed, so a failure at any point leaves the directory as it was.
 */
export function runImport(opts: RunImportOptions): RunImportResult {
  const name =
    opts.name ??
    path
      .basename(opts.file)
      .replace(/\.(geo)?json$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-');
  if (!SET_NAME.test(name)) return collectionProblem(`set name "${name}" must match ${SET_NAME.source}`);
  for (const [flag, v] of [
    ['--valid-from', opts.validFrom],
    ['--valid-to', opts.validTo],
  ] as const)
    if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))))
      return collectionProblem(`${flag} must be a date YYYY-MM-DD, got "${v}"`);
  if (opts.validFrom && opts.validTo && opts.validFrom >= opts.validTo)
    return collectionProblem('--valid-from must be before --valid-to');

  let json: unknown;
  try {
    json = JSON.parse(readFileSync(opts.file, 'utf8'));
  } catch (err) {
    return collectionProblem(`cannot read ${opts.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { file: _file, outDir, ...rest } = opts;
  const result = importAreaSet(json, {
    ...DEFAULT_IMPORT_OPTIONS,
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    props: { ...DEFAULT_IMPORT_OPTIONS.props, ...opts.props },
    name,
    known: knownAreas(outDir),
  });
  if (!result.ok) return result;

  mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, `${name}${AREA_SET_SUFFIX}`);
  const temp = path.join(outDir, `.${name}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, JSON.stringify(result.collection) + '\n');
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    return collectionProblem(`cannot write ${target}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = parseAreaSet(result.collection);
  // The sites the server will re-assign to this set: those it cannot place are named now, not found later.
  const outsideSites = parsed.ok ? sitesOutside(siteData as SensorSite[], parsed.set) : [];
  return { ok: true, path: target, summary: result.summary, outsideSites };
}
