import type { SeriesResponse } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { formatNumber } from '../../ui/format';
import { areaColour } from '../../ui/area-colours';
import { areaLabel } from './area-label';
import { ChartCard } from './ChartCard';
import { reviewPaths, TRENDS_FROM } from './review-api';
import { useResources } from './review.store';
import { SeriesPanels } from '../../ui/SeriesPanels';
import { latestRatio, sameSpanTotals } from './year-over-year';

export interface YearOverYearChartProps {
  areas: readonly string[];
  /** Exclusive end of the trend range, `YYYY-MM-DD`. */
  to: string;
  size?: { width: number; height: number };
}

/** Online dossiers per year over the same months, with the latest year's multiple of the one before. */
export function YearOverYearChart({ areas, to, size }: YearOverYearChartProps) {
  const { t, intl } = useT();
  const resource = useResources<SeriesResponse>(
    areas.map((a) => reviewPaths.series('dossier.online_submitted', a, TRENDS_FROM, to, 'month')),
  );
  const spans = resource.status === 'ok' ? resource.data.map((s) => sameSpanTotals(s.points)) : [];
  const lastMonth = spans[0]?.lastMonth ?? 0;
  const years = [...new Set(spans.flatMap((s) => s.years.map((y) => y.year)))].sort();
  const rows = years.map((year) => {
    const row: Record<string, string | number | null> = { t: String(year) };
    spans.forEach((s, i) => (row[areas[i]!] = s.years.find((y) => y.year === year)?.total ?? null));
    return row;
  });
  const summary = spans.map((s, i) => {
    const r = latestRatio(s.years);
    const area = areaLabel(areas[i]!, t);
    const text =
      r && r.ratio !== null
        ? t('review.yoy.ratio', {
            area,
            year: r.year,
            prev: r.year - 1,
            ratio: formatNumber(r.ratio, intl, 2),
          })
        : t('review.yoy.none', { area });
    return { text, colour: areaColour(areas[i]!) };
  });
  return (
    <ChartCard
      id="online-yearly"
      title={t('review.chart.yearly', {
        months: lastMonth ? `01–${String(lastMonth).padStart(2, '0')}` : '—',
      })}
      resource={resource}
      area={areas[0]!}
      exportParts={[areas[0]!, TRENDS_FROM, to]}
      summary={summary}
      empty={rows.length === 0}
      table={() => ({
        header: ['year', ...areas.map((a) => `dossier.online_submitted@${a}`)],
        rows: rows.map((r) => [r.t as string, ...areas.map((a) => r[a] as number | null)]),
      })}
    >
      {(printSize) => (
        // A city's and its province's totals are an order of magnitude apart: a panel and an axis each.
        <SeriesPanels
          kind="bar"
          rows={rows}
          panels={areas.map((a) => ({
            key: a,
            title: `${areaLabel(a, t)} — ${t('unit.dossiers')}`,
            colour: areaColour(a),
            series: [{ key: a, name: areaLabel(a, t), colour: areaColour(a) }],
          }))}
          formatTick={(v) => formatNumber(v, intl)}
          formatValue={(v) => `${formatNumber(v, intl)} ${t('unit.dossiers')}`}
          formatX={(x) => x}
          size={size ?? printSize}
        />
      )}
    </ChartCard>
  );
}
