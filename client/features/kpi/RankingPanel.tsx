import { lazy, Suspense, useMemo } from 'react';
import { METRIC, type RankingResponse } from '../../../protocol';
import { choroplethScale } from '../../map/colours';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { useAreasLoader } from '../../store/use-areas-loader';
import { formatNumber, formatPercent } from '../../ui/format';
import { ChartCard } from './ChartCard';
import { formatPeriod } from './period';
import { RankingLegend } from './RankingLegend';
import { reviewPaths } from './review-api';
import { useResource } from './review.store';
import { RANKING_METRICS, type RankingMetric, type ReviewViewState } from './url-state';

const MapView = lazy(() => import('../../map/MapView'));
const NO_MARKERS: never[] = [];

export interface RankingPanelProps {
  state: ReviewViewState;
  update: (patch: Partial<ReviewViewState>) => void;
}

/** Districts ranked by one KPI over the period, as a table and as a map coloured by the same values. */
export function RankingPanel({ state, update }: RankingPanelProps) {
  const { t, intl } = useT();
  useAreasLoader();
  const areas = useStore((s) => s.areas);
  const res = useResource<RankingResponse>(reviewPaths.ranking(state.rank, state.period));
  const ratio = METRIC[state.rank].kind === 'ratio';
  const fmt = (v: number | null) => (ratio ? formatPercent(v, intl) : formatNumber(v, intl));
  const rows = res.status === 'ok' ? res.data.rows : [];
  // Shares are drawn in tenths of a percent so the equal-interval classes have room to differ.
  const scaleOf = (v: number) => (ratio ? Math.round(v * 1000) : v);
  const values = useMemo(
    () => Object.fromEntries(rows.map((r) => [r.area, scaleOf(r.value ?? 0)])),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, ratio],
  );
  const scale = useMemo(() => choroplethScale(Object.values(values)), [values]);
  const label = t(`review.rank.${state.rank}`);
  return (
    <div className="review-ranking">
      <label className="review-field no-print">
        {t('review.rank.by')}{' '}
        <select
          value={state.rank}
          onChange={(e) => update({ rank: e.target.value as RankingMetric })}
          data-testid="ranking-metric"
        >
          {RANKING_METRICS.map((m) => (
            <option key={m} value={m}>
              {t(`review.rank.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <ChartCard
        id="ranking"
        title={label}
        resource={res}
        area="80"
        exportParts={[state.rank, formatPeriod(state.period)]}
        empty={rows.every((r) => !r.value)}
        table={() => ({
          header: ['rank', 'area', 'name', state.rank],
          rows: rows.map((r) => [r.rank, r.area, r.name, r.value]),
        })}
      >
        {() => (
          <div className="review-ranking__body">
            <ol className="review-ranking__list" data-testid="ranking-list">
              {rows.map((r) => (
                <li key={r.area} data-area={r.area}>
                  <span>
                    {r.rank}. {r.name}
                  </span>{' '}
                  <strong>{fmt(r.value)}</strong>
                </li>
              ))}
            </ol>
            <div className="review-ranking__map">
              <Suspense fallback={<div className="map-canvas map-canvas--loading">{t('map.loading')}</div>}>
                <MapView
                  areas={areas}
                  values={values}
                  scale={scale}
                  metric={state.rank}
                  markers={NO_MARKERS}
                />
              </Suspense>
              <RankingLegend
                title={label}
                scale={scale}
                formatValue={(v) => (ratio ? formatPercent(v / 1000, intl) : formatNumber(v, intl))}
              />
            </div>
          </div>
        )}
      </ChartCard>
    </div>
  );
}
