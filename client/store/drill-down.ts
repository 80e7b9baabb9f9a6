import { AREAS_2021, DISTRICTS_2021, TAN_AN_CODE, TAN_AN_WARDS_2021 } from '../../geo/areas';
import type { AreasCollection } from '../net/api';

const KNOWN = new Map([...AREAS_2021, ...TAN_AN_WARDS_2021].map((a) => [a.code, a]));

/** Codes a view may focus on: a district-level unit, or a ward or commune of Tân An (the drill-down's end). */
export function isFocusable(code: string | null): code is string {
  return (
    !!code && (DISTRICTS_2021.some((d) => d.code === code) || TAN_AN_WARDS_2021.some((w) => w.code === code))
  );
}

/** The district-level unit a focus lies in: itself, or the city of a ward. */
export function districtOf(code: string): string {
  return KNOWN.get(code)?.parent === TAN_AN_CODE ? TAN_AN_CODE : code;
}

/** True for a ward or commune (the drill-down's lowest level). */
export function isWard(code: string): boolean {
  return KNOWN.get(code)?.parent === TAN_AN_CODE;
}

/** The unit's name as the 2021 list spells it ("Phường 1", "Xã Bình Tâm", "Bến Lức"), or the code. */
export function areaName(code: string): string {
  return KNOWN.get(code)?.name ?? code;
}

/** The units directly under `parent` in the set drawn, by name: Tân An's wards where the set has them. */
export function childrenIn(areas: AreasCollection | null, parent: string): { code: string; name: string }[] {
  return (areas?.features ?? [])
    .filter((f) => f.properties.parent === parent)
    .map((f) => ({ code: f.properties.code, name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi', { numeric: true }));
}
