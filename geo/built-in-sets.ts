import { parseAreaSet, type AreaSet } from './area-set';
import areaData2021 from './data/longan-2021.schematic.geo.json';
import areaData2025 from './data/tayninh-2025.schematic.geo.json';

function load(json: unknown): AreaSet {
  const result = parseAreaSet(json);
  // The file is generated and tested, so a failure here means it was edited by hand: fail loudly at start-up.
  if (!result.ok) throw new Error(`bundled area set is invalid:\n${result.errors.join('\n')}`);
  return result.set;
}

/**
 * The product's own schematic boundaries of Long An and its 15 district-level units, valid 2013-04-01 to
 * 2025-07-01. Approximations labelled `schematic: true`, not official boundaries. Positions are `[lon, lat]`.
 */
export const SCHEMATIC_2021: AreaSet = load(areaData2021);

/**
 * Schematic set valid from 2025-07-01: province Tây Ninh (72, which absorbed Long An; no district level) and
 * the three wards Tân An became, with assumed codes (see `geo/build-schematic-2025.ts`). Only the former Long An
 * part is drawn. Labelled `schematic: true`.
 */
export const SCHEMATIC_2025: AreaSet = load(areaData2025);

/** The sets that ship with the product, oldest first. */
export const BUILT_IN_SETS: readonly AreaSet[] = [SCHEMATIC_2021, SCHEMATIC_2025];
