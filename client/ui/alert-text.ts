import { AREAS_2021 } from '../../geo/areas';
import type { Alert } from '../../protocol/state/alerts';
import type { Translate } from '../i18n';
import { formatNumber } from './format';

const AREA_NAMES = new Map(AREAS_2021.map((a) => [a.code, a.name]));

/** The name of an area for an alert: the 2021 unit's name, or its code for units the product does not name. */
export const areaName = (code: string): string => AREA_NAMES.get(code) ?? code;

/** One sentence saying what the alert is about, in the chosen language; a group alarm says how many members. */
export function alertText(a: Alert, t: Translate, intl: string): string {
  const area = areaName(a.area);
  const num = (v: number) => formatNumber(v, intl, Number.isInteger(v) ? 0 : 2);
  if ((a.memberCount ?? 1) > 1) return groupText(a, t, num);
  switch (a.rule) {
    case 'sensor-threshold':
      return t('alert.text.sensor', {
        kind: a.kind ? t(`sensor.kind.${a.kind}`) : '',
        value: num(a.value),
        unit: a.unit,
        threshold: num(a.threshold),
        site: a.siteId ?? '',
        area,
      });
    case 'sensor-offline':
      return t('alert.text.offline', { site: a.siteId ?? '', minutes: num(a.value), area });
    case 'epidemic-level':
      return t('alert.text.epidemic', { level: a.value, area });
    case 'dossier-late':
      return t('alert.text.late', { n: num(a.value), area });
  }
}

/** "Triều cường: 6 trạm vượt 1,60 m": a group alarm in one line (its members are listed apart). */
function groupText(a: Alert, t: Translate, num: (v: number) => string): string {
  const n = num(a.memberCount);
  switch (a.rule) {
    case 'sensor-threshold':
      return t('alert.text.group.sensor', {
        name: a.kind ? t(`alert.group.${a.kind}`) : '',
        n,
        threshold: num(a.threshold),
        unit: a.unit,
      });
    case 'sensor-offline':
      return t('alert.text.group.offline', { n });
    case 'epidemic-level':
      return t('alert.text.group.epidemic', { n, level: a.threshold });
    case 'dossier-late':
      return t('alert.text.group.late', { n });
  }
}
