import { useMemo } from 'react';
import { PROVINCE_CODE, TAN_AN_CODE } from '../../../geo/areas';
import { areaName, isWard } from '../../store/drill-down';
import { vnDateKey } from '../../../protocol/time';
import { useT } from '../../i18n/use-t';
import { effectiveNowMs, hasOwnFigures, onlineDaily, type DailyPoint } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { formatClock, formatDayKey, formatNumber } from '../../ui/format';
import { areaColour } from '../../ui/area-colours';
import { splitRows } from '../../ui/provisional';
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
  // A ward has no dossier series of its own: its line would be a flat zero, so it is left out and said so.
  const noWardData = !!state && isWard(focus) && !hasOwnFigures(state, focus);
  const focusName = focus === TAN_AN_CODE ? t('area.tanAn') : areaName(focus);
  // Today is not over: its point is "so far", drawn as a dashed segment rather than a fall every morning.
  const drawn = useMemo(
    () => splitRows(data, noWardData ? [PROVINCE_CODE] : [PROVINCE_CODE, focus], (r) => r.day === today),
    [data, today, focus, noWardData],
  );
  const series: ChartSeries[] = [
    { key: PROVINCE_CODE, name: t('area.province'), colour: areaColour(PROVINCE_CODE) },
    ...(noWardData ? [] : [{ key: focus, name: focusName, colour: areaColour(focus) } satisfies ChartSeries]),
  ];
  const soFar = state
    ? t('chart.soFar', { time: formatClock(effectiveNowMs(state, scenarioNow), intl).time.slice(0, 5) })
    : '';
  const last = data.at(-1);
  const summary = last
    ? series.map(
        (s) =>
          `${s.name} — ${t('chart.latest', { date: formatDayKey(last.day), value: formatNumber(Number(last[s.key]), intl) })}${last.day === today ? ` ${soFar}` : ''}`,
      )
    : [t('chart.empty')];
  if (noWardData) summary.push(`${focusName} — ${t('kpi.noWardData')}`);
  return (
    <OnlineDailyChartView
      title={t('chart.title')}
      data={drawn as DailyPoint[]}
      series={series}
      unit={t('unit.dossiers')}
      summary={summary}
      intl={intl}
      size={size}
    />
  );
}
