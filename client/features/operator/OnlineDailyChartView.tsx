import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { DailyPoint } from '../../store/selectors';
import { formatDayKey, formatNumber } from '../../ui/format';

export interface ChartSeries {
  key: string;
  name: string;
  colour: string;
  /** Province totals dwarf the city's: each series gets its own axis so both shapes stay readable. */
  axis: 'left' | 'right';
}

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

const AXIS_COLOUR = '#9fb3c8';
const TICK = { fill: AXIS_COLOUR, fontSize: 15 } as const;

export function OnlineDailyChartView({
  title,
  data,
  series,
  summary,
  intl,
  size,
}: OnlineDailyChartViewProps) {
  const chart = (
    <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} {...size}>
      <CartesianGrid stroke="#1f3347" vertical={false} />
      <XAxis dataKey="day" tickFormatter={formatDayKey} tick={TICK} stroke={AXIS_COLOUR} minTickGap={24} />
      {(['left', 'right'] as const).map((side) => (
        <YAxis
          key={side}
          yAxisId={side}
          orientation={side}
          // Each axis in its series' colour, so the reader knows which scale a line is read against.
          tick={{ ...TICK, fill: series.find((s) => s.axis === side)?.colour ?? AXIS_COLOUR }}
          stroke={AXIS_COLOUR}
          tickFormatter={(v: number) => formatNumber(v, intl)}
          allowDecimals={false}
          width={64}
        />
      ))}
      {series.map((s) => (
        <Line
          key={s.key}
          yAxisId={s.axis}
          dataKey={s.key}
          name={s.name}
          stroke={s.colour}
          strokeWidth={3}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
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
      <div className="chart__plot">
        {size ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            {chart}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
