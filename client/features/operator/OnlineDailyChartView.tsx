import type { DailyPoint } from '../../store/selectors';
import type { PlotSeries } from '../../ui/SeriesPlot';
import { SeriesPanels } from '../../ui/SeriesPanels';
import { formatDayKey, formatNumber } from '../../ui/format';
import { provisionalKey } from '../../ui/provisional';

/** One area's line; today's part of it is drawn dashed under its provisional key. */
export type ChartSeries = Omit<PlotSeries, 'dashed'>;

export interface OnlineDailyChartViewProps {
  title: string;
  data: DailyPoint[];
  series: ChartSeries[];
  /** One line per series with its latest value, in the series' colour: the legend and no hover needed. */
  summary: string[];
  intl: string;
  /** What the values count, naming each panel's axis ("hồ sơ"). */
  unit: string;
  /** Fixed size for tests (jsdom has no layout); the page fills its panel. */
  size?: { width: number; height: number };
}

export function OnlineDailyChartView({
  title,
  data,
  series,
  summary,
  intl,
  unit,
  size,
}: OnlineDailyChartViewProps) {
  // Province totals dwarf the city's: small multiples, a panel and an axis per area, never a second axis.
  const chart = (
    <SeriesPanels
      kind="line"
      large
      rows={data}
      xKey="day"
      panels={series.map((s) => ({
        key: s.key,
        title: `${s.name} — ${unit}`,
        colour: s.colour,
        series: [s, { ...s, key: provisionalKey(s.key), dashed: true }],
      }))}
      formatTick={(v) => formatNumber(v, intl)}
      formatValue={(v) => `${formatNumber(v, intl)} ${unit}`}
      formatX={formatDayKey}
      size={size}
    />
  );
  return (
    <figure className="chart" data-testid="chart-online-daily">
      <figcaption className="chart__title">{title}</figcaption>
      <ul className="chart__summary" data-testid="chart-online-daily-summary">
        {summary.map((line, i) => (
          <li key={series[i]?.key ?? i} style={{ color: series[i]?.colour }}>
            {line}
          </li>
        ))}
      </ul>
      <div className="chart__plot">{chart}</div>
    </figure>
  );
}
