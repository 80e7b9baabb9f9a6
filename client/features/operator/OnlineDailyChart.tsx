import { useMemo } from 'react';
import { AREAS_2021, PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import { vnDateKey } from '../../../protocol/time';
import { useT } from '../../i18n/use-t';
import { effectiveNowMs, onlineDaily } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { formatDayKey, formatNumber } from '../../ui/format';
import { OnlineDailyChartView, type ChartSeries } from './OnlineDailyChartView';

/** Online submissions per day, last 30 days, from the per-day counts the state already carries. */
export function OnlineDailyChart({ size }: { size?: { width: number; height: number } }) {
  const { t, intl } = useT();
  const state = useStore((s) => s.feed.state);
  const focus = useStore((s) => s.focusArea);
  const scenarioNow = useScenarioNow(1000);
  // Only the day matters here: recompute on a new day or new state, not every clock tick.
  const today = state ? vnDateKey(effectiveNowMs(state, scenarioNow)) : null;
  const data = useMemo(
    () =>
      state && today ? onlineDaily(state, [PROVINCE_CODE, focus], Date.parse(`${today}T12:00:00+07:00`)) : [],
    [state, today, focus],
  );
  const series: ChartSeries[] = [
    { key: PROVINCE_CODE, name: t('area.province'), colour: '#4cc9f0', axis: 'left' },
    {
      key: focus,
      name:
        focus === TAN_AN_CODE ? t('area.tanAn') : (AREAS_2021.find((a) => a.code === focus)?.name ?? focus),
      colour: '#f8961e',
      axis: 'right',
    },
  ];
  const last = data.at(-1);
  const summary = last
    ? series.map(
        (s) =>
          `${s.name} — ${t('chart.latest', { date: formatDayKey(last.day), value: formatNumber(Number(last[s.key]), intl) })}`,
      )
    : [t('chart.empty')];
  return (
    <OnlineDailyChartView
      title={t('chart.title')}
      data={data}
      series={series}
      summary={summary}
      intl={intl}
      size={size}
    />
  );
}
