import { parseAreaSet, type AreaSet } from './area-set';
import areaData2021 from './data/longan-2021.geo.json';
import areaData2025 from './data/tayninh-2025.schematic.geo.json';

function load(json: unknown): AreaSet {
  const result = parseAreaSet(json);
  // The file is generated and tested, so a failure here means it was edited by hand: fail loudly at start-up.
  if (!result.ok) throw new Error(`bundled area set is invalid:\n${result.errors.join('\n')}`);
  return result.set;
}

/**
 * The default 2021 set, valid 2013-04-01 to 2025-07-01: Long An and its 15 district-level units with their real
 * (open, generalised) outlines from geoBoundaries, and Tân An's wards and communes as schematic cells inside the
 * city (`schematic: true`, they alone). Built by `geo/build-province-2021.ts`. Positions are `[lon, lat]`.
 */
export const LONG_AN_2021: AreaSet = load(areaData2021);

/**
 * Schematic set valid from 2025-07-01: province Tây Ninh (72, which absorbed Long An; no district level), the
 * three wards Tân An became (assumed codes) and each other former district as one schematic unit (see
 * `geo/build-schematic-2025.ts`), so the whole former province is drawn. Labelled `schematic: true`.
 */
export const SCHEMATIC_2025: AreaSet = load(areaData2025);

/** The sets that ship with the product, oldest first. */
export const BUILT_IN_SETS: readonly AreaSet[] = [LONG_AN_2021, SCHEMATIC_2025];

/**
 * The 2021 set's former name, from when it was schematic Voronoi cells; kept so code written against it still
 * builds. Prefer {@link LONG_AN_2021}.
 */
export const SCHEMATIC_2021: AreaSet = LONG_AN_2021;
