import { DAY_MS, vnDayStartMs } from '../../../protocol/time';
import type { Translate } from '../../i18n';
import type { AreaKpis } from '../../store/selectors';
import { formatAge, formatDayKey, formatNumber, formatPercent } from '../../ui/format';
import type { KpiTileProps } from '../../ui/KpiTile';

/** The tiles of one area column, formatted for the locale; `prefix` makes ids like `kpi-province-online-today`. */
/**
 * Beyond this age a stream's last figure says nothing about the instant shown (a replay after 2025 of a stream
 * that stopped in 2021): the tile says there is no data then rather than "updated 1,431 days ago". Every stream
 * here reports at least daily, so a week without data is not a delay.
 */
export const NO_DATA_AFTER_MS = 7 * 86_400_000;

export function kpiTiles(
  k: AreaKpis,
  prefix: string,
  nowMs: number,
  t: Translate,
  intl: string,
  /** False for a ward: dossiers and COVID reports name districts, so the ward has none of its own. */
  ownFigures = true,
): KpiTileProps[] {
  const noDataThen = (tsMs: number) => tsMs > 0 && nowMs - tsMs > NO_DATA_AFTER_MS;
  const ageOf = (tsMs: number) =>
    tsMs <= 0
      ? t('age.none')
      : noDataThen(tsMs)
        ? t('age.noDataThen')
        : t('age.updated', { age: formatAge(nowMs - tsMs, intl) });
  const dossierAge = ageOf(k.dossierTsMs);
  // A figure of a stream that stopped long before the instant (2021 figures in a 2025 replay) is no figure of
  // that instant: the tile shows none rather than the old one under "no data".
  const dossierValue = (v: string) => (noDataThen(k.dossierTsMs) ? '—' : v);
  // A report covers its whole day: it says nothing of an instant a week after that day ended.
  const covidStale = k.covidLastDate !== null && noDataThen(vnDayStartMs(k.covidLastDate) + DAY_MS);
  const tiles = [
    {
      testId: `${prefix}-online-today`,
      label: t('kpi.onlineToday'),
      value: dossierValue(formatNumber(k.onlineToday, intl)),
      unit: t('unit.dossiers'),
      age: dossierAge,
    },
    {
      testId: `${prefix}-on-time-rate`,
      label: t('kpi.onTimeRate'),
      value: dossierValue(formatPercent(k.onTimeRate, intl)),
      age: dossierAge,
    },
    {
      testId: `${prefix}-open-dossiers`,
      label: t('kpi.open'),
      value: dossierValue(formatNumber(k.openDossiers, intl)),
      unit: t('unit.dossiers'),
      age: dossierAge,
    },
    {
      testId: `${prefix}-covid-new-cases`,
      label: t('kpi.covidNew'),
      value: k.covidLastDate && !covidStale ? formatNumber(k.covidNewCases, intl) : '—',
      unit: t('unit.cases'),
      age: !k.covidLastDate ? t('age.none') : covidStale ? t('age.noDataThen') : covidAge(k, t, intl),
    },
    {
      testId: `${prefix}-sensor-alarm`,
      label: t('kpi.sensorAlarm'),
      value: formatNumber(k.sensorAlarm, intl),
      unit: t('unit.sites'),
      age:
        k.sensorTotal > 0
          ? `${t('age.sensors', { ok: formatNumber(k.sensorOk, intl), total: formatNumber(k.sensorTotal, intl) })} · ${ageOf(k.sensorTsMs)}`
          : t('age.none'),
      tone: k.sensorAlarm > 0 ? 'alert' : 'normal',
    },
  ] satisfies KpiTileProps[];
  if (ownFigures) return tiles;
  // Say there is no ward-level data rather than show zeros that read as "nothing happened here".
  return tiles.map((tile) =>
    tile.testId.endsWith('-sensor-alarm')
      ? tile
      : { ...tile, value: '—', unit: undefined, age: t('kpi.noWardData'), noData: true },
  );
}

/**
 * The COVID tile's line under its figure: the report day, then what the figure rests on — "số liệu mô phỏng"
 * when it is the simulator's, and for an area that reported itself beside its districts, their sum and the
 * part not allocated to a district, so the two figures are never read as one contradicting the other.
 */
function covidAge(k: AreaKpis, t: Translate, intl: string): string {
  const parts = [t('age.report', { date: formatDayKey(k.covidLastDate!) })];
  if (k.covidSimulated) parts.push(t('covid.simulated'));
  if (k.covidDay) {
    const n = formatNumber(k.covidDay.childrenCases, intl);
    parts.push(t(k.covidDay.childrenSimulated ? 'covid.childrenSumSimulated' : 'covid.childrenSum', { n }));
    parts.push(t('covid.unallocated', { n: formatNumber(k.covidDay.unallocatedCases, intl) }));
  }
  return parts.join(' · ');
}
