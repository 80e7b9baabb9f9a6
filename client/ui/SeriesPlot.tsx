import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

export interface PlotSeries {
  key: string;
  name: string;
  colour: string;
  /** Drawn dashed: the provisional part of a series (a period in progress, its value to date). */
  dashed?: boolean;
}

export interface SeriesPlotProps {
  kind: 'line' | 'bar';
  rows: Record<string, string | number | null>[];
  /** The rows' field on the x axis. */
  xKey?: string;
  /** Read from across a room (operator screen, wall): bigger ticks, thicker lines, whole numbers only. */
  large?: boolean;
  series: PlotSeries[];
  formatTick: (v: number) => string;
  /** A value as the tooltip says it, in the locale's format with its unit ("12.756 hồ sơ", "38,12 %"). */
  formatValue?: (v: number) => string;
  formatX: (t: string) => string;
  /** A shaded span of the x axis (e.g. the lockdown), with its label. */
  band?: { from: string; to: string; label: string };
  /** Fixed size for tests (jsdom has no layout); the page fills the card. */
  size?: { width: number; height: number };
}

const AXIS = '#9fb3c8';

/**
 * A band's dates on a category axis: each end moves to the bucket that holds it (the week of 30/09, not a
 * "2021-09-30" no weekly axis has), since recharts draws nothing for an end that is not a category.
 */
export function snapBand(
  keys: readonly string[],
  band: { from: string; to: string },
): { x1: string; x2: string } | null {
  const sorted = [...keys].sort();
  const holding = (d: string) => sorted.filter((k) => k <= d).at(-1);
  const x1 = holding(band.from) ?? sorted[0];
  const x2 = holding(band.to);
  return x1 !== undefined && x2 !== undefined && x1 <= x2 ? { x1, x2 } : null;
}

/**
 * Lines or bars of one measure on one y-axis: series drawn together share the scale, so a taller line is a
 * larger value (a second axis would draw a city's 12.756 above a province's 46.749). Areas whose sizes differ
 * too much to share a scale are drawn as small multiples instead (SeriesPanels). Hovering names each value
 * in the locale's format. No animation: views redraw whenever a filter or the stream changes.
 */
export function SeriesPlot({
  kind,
  rows,
  xKey = 't',
  large = false,
  series,
  formatTick,
  formatValue = formatTick,
  formatX,
  band,
  size,
}: SeriesPlotProps) {
  const TICK = { fill: AXIS, fontSize: large ? 15 : 12 };
  const bandOnAxis = band
    ? snapBand(
        rows.map((r) => String(r[xKey])),
        band,
      )
    : null;
  const axes = (
    <YAxis tick={TICK} stroke={AXIS} tickFormatter={formatTick} allowDecimals={!large} width={64} />
  );
  const tooltip = (
    <Tooltip
      isAnimationActive={false}
      formatter={(v) => (typeof v === 'number' ? formatValue(v) : String(v ?? ''))}
      labelFormatter={(l) => formatX(String(l))}
      contentStyle={{ background: '#0f1b28', border: '1px solid #2b4157', color: '#e6edf3' }}
      labelStyle={{ color: '#e6edf3' }}
    />
  );
  const common = { data: rows, margin: { top: 8, right: 8, bottom: 0, left: 0 }, ...size };
  const x = (
    <XAxis dataKey={xKey} tickFormatter={formatX} tick={TICK} stroke={AXIS} minTickGap={large ? 24 : 16} />
  );
  const grid = <CartesianGrid stroke="#1f3347" vertical={false} />;
  const chart =
    kind === 'bar' ? (
      <BarChart {...common}>
        {grid}
        {x}
        {axes}
        {tooltip}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} isAnimationActive={false} />
        ))}
      </BarChart>
    ) : (
      <LineChart {...common}>
        {grid}
        {x}
        {axes}
        {tooltip}
        {band && bandOnAxis ? (
          <ReferenceArea
            x1={bandOnAxis.x1}
            x2={bandOnAxis.x2}
            fill="#e74c3c"
            fillOpacity={0.15}
            label={{ value: band.label, fill: AXIS, fontSize: 12, position: 'insideTop' }}
          />
        ) : null}
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.colour}
            strokeWidth={large ? 3 : 2}
            strokeDasharray={s.dashed ? '6 4' : undefined}
            legendType={s.dashed ? 'none' : 'line'}
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
