import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartRow } from './site-series';

export interface SiteChartProps {
  rows: ChartRow[];
  /** One line per site, in its colour; `band` draws its min–max (bucketed answers). */
  lines: { siteId: string; name: string; colour: string; band: boolean }[];
  fromMs: number;
  toMs: number;
  thresholds: { value: number; label: string; colour: string }[];
  /** Alarms raised in the range, marked on the time axis. */
  alarms: { tsMs: number; colour: string }[];
  formatTime: (tMs: number) => string;
  formatValue: (v: number) => string;
  /** Fixed size for tests (jsdom has no layout); the panel fills its width. */
  size?: { width: number; height: number };
}

const AXIS = '#9fb3c8';

/** Readings over time: lines (mean or value), min–max bands, threshold lines and alarm marks. No animation. */
export function SiteChart(p: SiteChartProps) {
  const chart = (
    <ComposedChart data={p.rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} {...(p.size ?? {})}>
      <CartesianGrid stroke="#24364a" strokeDasharray="3 3" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={[p.fromMs, p.toMs]}
        tickFormatter={p.formatTime}
        tick={{ fill: AXIS, fontSize: 11 }}
        stroke={AXIS}
      />
      <YAxis tickFormatter={p.formatValue} tick={{ fill: AXIS, fontSize: 11 }} stroke={AXIS} width={52} />
      {p.lines
        .filter((l) => l.band)
        .map((l) => (
          <Area
            key={`${l.siteId}:band`}
            dataKey={`${l.siteId}:band`}
            stroke="none"
            fill={l.colour}
            fillOpacity={0.2}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      {p.lines.map((l) => (
        <Line
          key={l.siteId}
          dataKey={l.siteId}
          name={l.name}
          stroke={l.colour}
          dot={false}
          strokeWidth={1.6}
          isAnimationActive={false}
          connectNulls={false}
        />
      ))}
      {p.thresholds.map((th) => (
        <ReferenceLine
          key={th.label}
          y={th.value}
          stroke={th.colour}
          strokeDasharray="6 3"
          label={{ value: th.label, fill: th.colour, fontSize: 11, position: 'insideTopRight' }}
        />
      ))}
      {p.alarms.map((a, i) => (
        <ReferenceLine key={`${a.tsMs}:${i}`} x={a.tsMs} stroke={a.colour} strokeWidth={1.5} />
      ))}
    </ComposedChart>
  );
  if (p.size) return chart;
  return (
    <ResponsiveContainer width="100%" height={260}>
      {chart}
    </ResponsiveContainer>
  );
}
