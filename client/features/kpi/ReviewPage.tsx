import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { areaLabel } from './area-label';
import { CovidSummary } from './CovidSummary';
import { addDays, comparisonPeriod, periodContaining, type Period } from './period';
import { RankingPanel } from './RankingPanel';
import { ReviewToolbar } from './ReviewToolbar';
import { Scorecard } from './Scorecard';
import { TargetsTable } from './TargetsTable';
import { TrendCharts } from './TrendCharts';
import { useReviewUrlState } from './use-review-url-state';

const span = (p: Period) => {
  const d = (k: string) => `${k.slice(8, 10)}/${k.slice(5, 7)}/${k.slice(0, 4)}`;
  return `${d(p.from)} – ${d(addDays(p.to, -1))}`;
};

/** The leaders' review: scorecard, trends, targets, ranking and COVID for the period and area in the URL. */
export function ReviewPage({ todayKey }: { todayKey: string }) {
  const { t } = useT();
  const [state, update] = useReviewUrlState(todayKey);
  const setLocale = useStore((s) => s.setLocale);
  useEffect(() => setLocale(state.lang), [state.lang, setLocale]);
  const cmp = comparisonPeriod(state.period, state.compare);
  const thisMonth = periodContaining('month', todayKey);
  return (
    <main className="review" data-testid="kpi-review">
      <header className="review-header">
        <h1>{t('review.title')}</h1>
        <p className="review-header__scope" data-testid="review-scope">
          {areaLabel(state.area, t)} · {span(state.period)}
          {cmp ? ` · ${t('review.comparedWith', { span: span(cmp) })}` : ''}
        </p>
      </header>
      <ReviewToolbar state={state} todayKey={todayKey} update={update} />
      <section className="review-section">
        <h2>{t('review.section.scorecard')}</h2>
        <Scorecard state={state} update={update} />
      </section>
      <section className="review-section">
        <h2>{t('review.section.trends')}</h2>
        <TrendCharts area={state.area} to={thisMonth.to} completeTo={thisMonth.from} />
      </section>
      <section className="review-section review-section--break">
        <h2>{t('review.section.targets')}</h2>
        <TargetsTable />
      </section>
      <section className="review-section">
        <h2>{t('review.section.ranking')}</h2>
        <RankingPanel state={state} update={update} />
      </section>
      <section className="review-section">
        <h2>{t('review.section.covid')}</h2>
        <CovidSummary state={state} />
      </section>
    </main>
  );
}
