import { AREAS_2021, PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import type { Translate } from '../../i18n';
import { pilotLabel } from '../../ui/pilot-label';

const NAMES = new Map(AREAS_2021.map((a) => [a.code, a.name]));

/** The province, Tân An and the pilot units by their dictionary names; other units by their own. */
export function areaLabel(code: string, t: Translate): string {
  if (code === PROVINCE_CODE) return t('area.province');
  if (code === TAN_AN_CODE) return t('area.tanAn');
  return pilotLabel(code, t) ?? NAMES.get(code) ?? code;
}

/**
 * The line drawn beside the chosen area: the province for a district, and Tân An for the province, so the
 * city and the province always appear side by side.
 */
export function companionArea(code: string): string {
  return code === PROVINCE_CODE ? TAN_AN_CODE : PROVINCE_CODE;
}
