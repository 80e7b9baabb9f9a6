import { AREAS_2021, PROVINCE_CODE, TAN_AN_CODE } from '../../geo/areas';

/**
 * One colour per area wherever a chart draws it, so the province is the same blue whether it is the chosen
 * area or the one beside it, and Tân An the same amber. Districts take a qualitative palette (Tableau 10,
 * without the blue and orange the two above use) in the order of the 2021 list; any other code hashes into
 * it, so it is stable too.
 */
const FIXED: Readonly<Record<string, string>> = {
  [PROVINCE_CODE]: '#4cc9f0',
  [TAN_AN_CODE]: '#f5b041',
};
const PALETTE = ['#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];
const ORDER = new Map(
  AREAS_2021.filter((a) => !(a.code in FIXED)).map((a, i) => [a.code, PALETTE[i % PALETTE.length]!]),
);

/** The colour of an area's series, CSS hex. */
export function areaColour(code: string): string {
  const fixed = FIXED[code] ?? ORDER.get(code);
  if (fixed) return fixed;
  let h = 0;
  for (const c of code) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
