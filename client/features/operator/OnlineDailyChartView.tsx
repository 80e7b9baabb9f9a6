import type { DailyPoint } from '../../store/selectors';
import { SeriesPlot, type PlotSeries } from '../../ui/SeriesPlot';
import { formatDayKey, formatNumber } from '../../ui/format';

/** Province totals dwarf the city's: each series gets its own axis so both shapes stay readable. */
export type ChartSeries = PlotSeries;

export interface OnlineDailyChartViewProps {
  title: string;
  data: DailyPoint[];
  series: ChartSeries[];
  /** One line per series with its latest value, in the series' colour: the legend and no hover needed. */
  summary: string[];
  intl: string;
  /** Fixed size for tests (jsdom has no layout); the page fills its panel. */
  size?: { width: number; height: number };
}

export function OnlineDailyChartView({
  title,
  data,
  series,
  summary,
  intl,
  size,
}: OnlineDailyChartViewProps) {
  const chart = (
    <SeriesPlot
      kind="line"
      large
      rows={data}
      xKey="day"
      series={series}
      formatTick={(v) => formatNumber(v, intl)}
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
