import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';

export interface PlotSeries {
  key: string;
  name: string;
  colour: string;
  axis: 'left' | 'right';
}

export interface SeriesPlotProps {
  kind: 'line' | 'bar';
  rows: Record<string, string | number | null>[];
  series: PlotSeries[];
  formatTick: (v: number) => string;
  formatX: (t: string) => string;
  /** A shaded span of the x axis (e.g. the lockdown), with its label. */
  band?: { from: string; to: string; label: string };
  /** Fixed size for tests (jsdom has no layout); the page fills the card. */
  size?: { width: number; height: number };
}

const AXIS = '#9fb3c8';
const TICK = { fill: AXIS, fontSize: 12 } as const;

/** Lines or bars of one or two series; no animation, since the review redraws whenever a filter changes. */
export function SeriesPlot({ kind, rows, series, formatTick, formatX, band, size }: SeriesPlotProps) {
  const sides = [...new Set(series.map((s) => s.axis))];
  const axes = sides.map((side) => (
    <YAxis
      key={side}
      yAxisId={side}
      orientation={side}
      tick={{ ...TICK, fill: series.find((s) => s.axis === side)?.colour ?? AXIS }}
      stroke={AXIS}
      tickFormatter={formatTick}
      width={64}
    />
  ));
  const common = { data: rows, margin: { top: 8, right: 8, bottom: 0, left: 0 }, ...size };
  const x = <XAxis dataKey="t" tickFormatter={formatX} tick={TICK} stroke={AXIS} minTickGap={16} />;
  const grid = <CartesianGrid stroke="#1f3347" vertical={false} />;
  const chart =
    kind === 'bar' ? (
      <BarChart {...common}>
        {grid}
        {x}
        {axes}
        {series.map((s) => (
          <Bar
            key={s.key}
            yAxisId={s.axis}
            dataKey={s.key}
            name={s.name}
            fill={s.colour}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    ) : (
      <LineChart {...common}>
        {grid}
        {x}
        {axes}
        {band ? (
          <ReferenceArea
            yAxisId={series[0]!.axis}
            x1={band.from}
            x2={band.to}
            fill="#e74c3c"
            fillOpacity={0.15}
            label={{ value: band.label, fill: AXIS, fontSize: 12, position: 'insideTop' }}
          />
        ) : null}
        {series.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.axis}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    );
  return size ? (
    chart
  ) : (
    <ResponsiveContainer width="100%" height="100%">
      {chart}
    </ResponsiveContainer>
  );
}
