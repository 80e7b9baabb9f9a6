import type { Bucket, MetricName, SeriesResponse } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { formatNumber, formatPercent } from '../../ui/format';
import { areaColour } from '../../ui/area-colours';
import { areaLabel } from './area-label';
import { ChartCard } from './ChartCard';
import { toDateLabel } from '../../../protocol/compare';
import { provisionalKey } from '../../ui/provisional';
import { joinSeries, reviewPaths, splitProvisional } from './review-api';
import { useResources } from './review.store';
import { SeriesPanels } from '../../ui/SeriesPanels';
import { SeriesPlot, type PlotSeries } from '../../ui/SeriesPlot';

export interface SeriesChartProps {
  id: string;
  title: string;
  metric: MetricName;
  /** The chosen area first, then its companion. */
  areas: readonly string[];
  from: string;
  to: string;
  bucket: Bucket;
  format: 'count' | 'percent';
  /** What a count counts ("hồ sơ", "ca"): names each small multiple's axis. */
  unit?: string;
  kind?: 'line' | 'bar';
  band?: { from: string; to: string; label: string };
  size?: { width: number; height: number };
}

/** A bucket's label: its year, month, or first day (a week is named by its Monday). */
export const formatBucket = (bucket: Bucket) => (t: string) =>
  bucket === 'year'
    ? t.slice(0, 4)
    : bucket === 'month'
      ? `${t.slice(5, 7)}/${t.slice(0, 4)}`
      : `${t.slice(8, 10)}/${t.slice(5, 7)}`;

/** One metric for the chosen area and its companion over a range, from `GET /api/series`. */
export function SeriesChart(p: SeriesChartProps) {
  const { t, intl } = useT();
  const resource = useResources<SeriesResponse>(
    p.areas.map((a) => reviewPaths.series(p.metric, a, p.from, p.to, p.bucket)),
  );
  const data = resource.status === 'ok' ? resource.data : [];
  const rows = joinSeries(p.areas, data);
  const drawn = splitProvisional(p.areas, data, rows);
  const hasProvisional = data.some((s) => s.points.some((x) => x.complete === false));
  const fmt = (v: number | null) => (p.format === 'percent' ? formatPercent(v, intl) : formatNumber(v, intl));
  const xLabel = formatBucket(p.bucket);
  const summary = data.map((s, i) => {
    const name = areaLabel(p.areas[i]!, t);
    const colour = areaColour(p.areas[i]!);
    if (p.format === 'count') {
      const total = s.points.reduce((a, x) => a + (x.value ?? 0), 0);
      return { text: t('review.chart.total', { area: name, value: fmt(total) }), colour };
    }
    const last = [...s.points].reverse().find((x) => x.value !== null);
    // A bucket in progress says so: "10/2021 (đến 01/10, chưa trọn kỳ)", never a bare figure of a few hours.
    const when = last
      ? last.complete !== false
        ? xLabel(last.t)
        : t('review.chart.provisional', { when: xLabel(last.t), date: toDateLabel(Date.parse(s.asOf)) })
      : '';
    const text = last
      ? t('review.chart.latest', { area: name, when, value: fmt(last.value) })
      : `${name}: ${t('review.noData')}`;
    return { text, colour };
  });
  const empty = data.every((s) => s.points.every((x) => !x.value));
  return (
    <ChartCard
      id={p.id}
      title={p.title}
      resource={resource}
      area={p.areas[0]!}
      exportParts={[p.areas[0]!, p.from, p.to]}
      summary={summary}
      empty={empty}
      table={() => ({
        header: ['t', ...p.areas.map((a) => `${p.metric}@${a}`)],
        rows: rows.map((r) => [r.t as string, ...p.areas.map((a) => (r[a] ?? null) as number | null)]),
      })}
    >
      {(printSize) => {
        const linesOf = (a: string): PlotSeries[] => {
          const line = { key: a, name: areaLabel(a, t), colour: areaColour(a) };
          return hasProvisional ? [line, { ...line, key: provisionalKey(a), dashed: true }] : [line];
        };
        const plot = {
          kind: p.kind ?? 'line',
          rows: drawn,
          formatTick: (v: number) =>
            p.format === 'percent' ? `${formatNumber(v * 100, intl)} %` : formatNumber(v, intl),
          formatValue: (v: number) => (p.unit ? `${fmt(v)} ${p.unit}` : fmt(v)),
          formatX: xLabel,
          band: p.band,
          size: p.size ?? printSize,
        } as const;
        // Shares compare on one axis. Counts of a city and its province are an order of magnitude apart: each
        // area gets its own panel and axis rather than a second axis on one plot.
        return p.format === 'percent' ? (
          <SeriesPlot {...plot} series={p.areas.flatMap(linesOf)} />
        ) : (
          <SeriesPanels
            {...plot}
            panels={p.areas.map((a) => ({
              key: a,
              title: `${areaLabel(a, t)} — ${p.unit ?? ''}`.replace(/ — $/, ''),
              colour: areaColour(a),
              series: linesOf(a),
            }))}
          />
        );
      }}
    </ChartCard>
  );
}
