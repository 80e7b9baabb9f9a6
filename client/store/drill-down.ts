import { AREAS_2021, DISTRICTS_2021, TAN_AN_CODE, TAN_AN_WARDS_2021 } from '../../geo/areas';
import { PILOT_AREAS, isPilotUnit } from '../../geo/pilot-units';
import type { AreasCollection } from '../net/api';

const KNOWN = new Map([...AREAS_2021, ...TAN_AN_WARDS_2021, ...PILOT_AREAS].map((a) => [a.code, a]));

/**
 * Codes a view may focus on: a district-level unit, a ward or commune of Tân An (the drill-down's end), or a
 * pilot unit (geo/pilot-units.ts).
 */
export function isFocusable(code: string | null): code is string {
  return (
    !!code &&
    (DISTRICTS_2021.some((d) => d.code === code) ||
      TAN_AN_WARDS_2021.some((w) => w.code === code) ||
      isPilotUnit(code))
  );
}

/** The district-level unit a focus lies in: itself, or the city of a ward; a pilot unit is picked as itself. */
export function districtOf(code: string): string {
  return !isPilotUnit(code) && KNOWN.get(code)?.parent === TAN_AN_CODE ? TAN_AN_CODE : code;
}

/** True for a ward or commune of Tân An's set (the drill-down's lowest level); a pilot has figures of its own. */
export function isWard(code: string): boolean {
  return !isPilotUnit(code) && KNOWN.get(code)?.parent === TAN_AN_CODE;
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
