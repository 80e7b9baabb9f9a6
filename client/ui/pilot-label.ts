import { PILOT_UNITS } from '../../geo/pilot-units';
import type { MessageKey, Translate } from '../i18n';

/** The pilots' names in the dictionary: the seed names none of the three places, so they say what they are. */
const KEYS: Readonly<Record<string, MessageKey>> = {
  '99101': 'area.pilot.canGiuoc',
  '99102': 'area.pilot.chauThanh',
  '99103': 'area.pilot.tanAn',
  '99104': 'area.pilot.department',
};

/** The pilot units in the group's order, with their dictionary names. */
export const PILOT_OPTIONS: readonly { code: string; key: MessageKey }[] = PILOT_UNITS.map((u) => ({
  code: u.code,
  key: KEYS[u.code]!,
}));

/** A pilot unit's name in the UI's language, or null when `code` is not a pilot. */
export function pilotLabel(code: string, t: Translate): string | null {
  const key = KEYS[code];
  return key ? t(key) : null;
}
