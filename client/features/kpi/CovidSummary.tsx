import type { PeriodKpisResponse } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { CovidRemainder } from '../../ui/CovidRemainder';
import { formatNumber } from '../../ui/format';
import { areaLabel, companionArea } from './area-label';
import { bucketFor } from './period';
import { reviewPaths } from './review-api';
import { useResource } from './review.store';
import { SeriesChart } from './SeriesChart';
import type { ReviewViewState } from './url-state';

const FIGURES = [
  ['covid.new_cases', 'review.covid.cases'],
  ['covid.recovered', 'review.covid.recovered'],
  ['covid.deaths', 'review.covid.deaths'],
  ['covid.vaccine_doses', 'review.covid.doses'],
] as const;

/**
 * COVID-19 over the chosen period: totals of the daily reports and the daily new cases; for an area that
 * reports itself beside its districts, the two side by side with the remainder not allocated to a district.
 */
export function CovidSummary({ state }: { state: ReviewViewState }) {
  const { t, intl } = useT();
  const res = useResource<PeriodKpisResponse>(reviewPaths.period(state.area, state.period));
  const reports = res.status === 'ok' ? res.data.kpis['covid.reports'].value : null;
  return (
    <div className="review-covid">
      <div>
        <dl className="review-covid__figures" data-testid="covid-summary" data-area={state.area}>
          {FIGURES.map(([metric, label]) => (
            <div key={metric}>
              <dt>{t(label)}</dt>
              <dd data-testid={`covid-${metric.slice(6)}`}>
                {res.status === 'ok'
                  ? formatNumber(res.data.kpis[metric].value, intl)
                  : res.status === 'error'
                    ? '—'
                    : '…'}
              </dd>
            </div>
          ))}
          <p className="review-note">
            {t('review.covid.reports', { area: areaLabel(state.area, t), n: formatNumber(reports, intl) })}
          </p>
        </dl>
        {res.status === 'ok' && res.data.covidReconciliation && (
          <CovidRemainder
            figures={res.data.covidReconciliation}
            area={areaLabel(state.area, t)}
            scope="period"
          />
        )}
      </div>
      <SeriesChart
        id="covid-daily"
        title={t('review.chart.covid')}
        metric="covid.new_cases"
        areas={[state.area, companionArea(state.area)]}
        from={state.period.from}
        to={state.period.to}
        bucket={bucketFor(state.period)}
        format="count"
        unit={t('unit.cases')}
      />
    </div>
  );
}
