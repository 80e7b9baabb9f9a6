import type { LonLat } from '../protocol';

export type AreaKind = 'province' | 'city' | 'town' | 'district' | 'ward' | 'commune';

/** An administrative unit as the product knows it, independent of any geometry. */
export interface AreaInfo {
  code: string;
  name: string;
  kind: AreaKind;
  /** Code of the unit above, or null for the province. */
  parent: string | null;
  /** Approximate position of the unit's seat, `[lon, lat]` to 0.01°. */
  seat: LonLat;
}

export const PROVINCE_CODE = '80';
export const TAN_AN_CODE = '794';

/** Long An and its 15 district-level units, national administrative-unit codes valid in 2021. */
export const AREAS_2021: readonly AreaInfo[] = [
  { code: '80', name: 'Long An', kind: 'province', parent: null, seat: [106.42, 10.54] },
  { code: '794', name: 'Tân An', kind: 'city', parent: '80', seat: [106.42, 10.54] },
  { code: '795', name: 'Kiến Tường', kind: 'town', parent: '80', seat: [105.94, 10.75] },
  { code: '796', name: 'Tân Hưng', kind: 'district', parent: '80', seat: [105.66, 10.84] },
  { code: '797', name: 'Vĩnh Hưng', kind: 'district', parent: '80', seat: [105.79, 10.89] },
  { code: '798', name: 'Mộc Hóa', kind: 'district', parent: '80', seat: [106.08, 10.74] },
  { code: '799', name: 'Tân Thạnh', kind: 'district', parent: '80', seat: [106.04, 10.61] },
  { code: '800', name: 'Thạnh Hóa', kind: 'district', parent: '80', seat: [106.18, 10.65] },
  { code: '801', name: 'Đức Huệ', kind: 'district', parent: '80', seat: [106.3, 10.9] },
  { code: '802', name: 'Đức Hòa', kind: 'district', parent: '80', seat: [106.39, 10.91] },
  { code: '803', name: 'Bến Lức', kind: 'district', parent: '80', seat: [106.49, 10.63] },
  { code: '804', name: 'Thủ Thừa', kind: 'district', parent: '80', seat: [106.4, 10.61] },
  { code: '805', name: 'Tân Trụ', kind: 'district', parent: '80', seat: [106.51, 10.51] },
  { code: '806', name: 'Cần Đước', kind: 'district', parent: '80', seat: [106.6, 10.51] },
  { code: '807', name: 'Cần Giuộc', kind: 'district', parent: '80', seat: [106.67, 10.6] },
  { code: '808', name: 'Châu Thành', kind: 'district', parent: '80', seat: [106.47, 10.44] },
];

export const DISTRICTS_2021 = AREAS_2021.filter((a) => a.parent === PROVINCE_CODE);

/**
 * Builds the rollup the reducers need (an area and every unit above it) from a list of areas.
 * Unknown codes roll up to nothing, so the caller must have validated the area first.
 */
export function makeRollup(areas: readonly AreaInfo[]): (code: string) => readonly string[] {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const cache = new Map<string, readonly string[]>();
  return (code) => {
    let chain = cache.get(code);
    if (!chain) {
      const out: string[] = [];
      for (let a = byCode.get(code); a; a = a.parent ? byCode.get(a.parent) : undefined) out.push(a.code);
      chain = out;
      cache.set(code, chain);
    }
    return chain;
  };
}

/** True when `code` is `ancestor` or lies under it. */
export function isWithin(areas: readonly AreaInfo[], code: string, ancestor: string): boolean {
  return makeRollup(areas)(code).includes(ancestor);
}
