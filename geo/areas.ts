import type { LonLat } from '../protocol';

export type AreaKind = 'province' | 'city' | 'town' | 'district' | 'ward' | 'commune' | 'agency';

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
 * Tân An's 9 wards and 5 communes in 2021, with their codes from the national list (GSO, 01/11/2021). The seats
 * are schematic placements (roughly where each unit lies in the city, to 0.005°, inside the real city outline),
 * from which the schematic ward cells are drawn: not surveyed positions. In December 2024 Phường 2 merged into Phường 1; in July 2025 the
 * 2025 reform re-used three of these codes (27694, 27712, 27715) for the wards Tân An became.
 */
export const TAN_AN_WARDS_2021: readonly AreaInfo[] = [
  { code: '27685', name: 'Phường 5', kind: 'ward', parent: TAN_AN_CODE, seat: [106.4, 10.55] },
  { code: '27688', name: 'Phường 2', kind: 'ward', parent: TAN_AN_CODE, seat: [106.405, 10.53] },
  { code: '27691', name: 'Phường 4', kind: 'ward', parent: TAN_AN_CODE, seat: [106.435, 10.545] },
  { code: '27692', name: 'Phường Tân Khánh', kind: 'ward', parent: TAN_AN_CODE, seat: [106.385, 10.53] },
  { code: '27694', name: 'Phường 1', kind: 'ward', parent: TAN_AN_CODE, seat: [106.42, 10.54] },
  { code: '27697', name: 'Phường 3', kind: 'ward', parent: TAN_AN_CODE, seat: [106.425, 10.525] },
  { code: '27698', name: 'Phường 7', kind: 'ward', parent: TAN_AN_CODE, seat: [106.445, 10.53] },
  { code: '27700', name: 'Phường 6', kind: 'ward', parent: TAN_AN_CODE, seat: [106.42, 10.56] },
  { code: '27703', name: 'Xã Hướng Thọ Phú', kind: 'commune', parent: TAN_AN_CODE, seat: [106.385, 10.565] },
  { code: '27706', name: 'Xã Nhơn Thạnh Trung', kind: 'commune', parent: TAN_AN_CODE, seat: [106.42, 10.5] },
  { code: '27709', name: 'Xã Lợi Bình Nhơn', kind: 'commune', parent: TAN_AN_CODE, seat: [106.355, 10.535] },
  { code: '27712', name: 'Xã Bình Tâm', kind: 'commune', parent: TAN_AN_CODE, seat: [106.448, 10.562] },
  { code: '27715', name: 'Phường Khánh Hậu', kind: 'ward', parent: TAN_AN_CODE, seat: [106.37, 10.5] },
  { code: '27718', name: 'Xã An Vĩnh Ngãi', kind: 'commune', parent: TAN_AN_CODE, seat: [106.431, 10.515] },
];

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
