import { useEffect, type CSSProperties } from 'react';
import { useT } from '../../i18n/use-t';
import { useLocaleStore } from '../../i18n/locale.store';
import { PRINT_PLOT_MM } from '../../ui/print-media';
import { areaLabel } from './area-label';
import { CovidSummary } from './CovidSummary';
import { comparisonPeriod, formatSpan, periodContaining, reviewSpans, spanOf } from './period';
import { PrintHeader } from './PrintHeader';
import { RankingPanel } from './RankingPanel';
import { ReviewToolbar } from './ReviewToolbar';
import { Scorecard } from './Scorecard';
import { TargetsTable } from './TargetsTable';
import { TrendCharts } from './TrendCharts';
import { useReviewUrlState } from './use-review-url-state';

/** The printed plot's box, from the same millimetres the charts are drawn at while printing (review.css). */
const PRINT_PLOT_VARS = {
  '--print-plot-width': `${PRINT_PLOT_MM.width}mm`,
  '--print-plot-height': `${PRINT_PLOT_MM.height}mm`,
} as CSSProperties;

/**
 * The leaders' review: scorecard, trends, targets, ranking and COVID for the period and area in the URL, at
 * `nowMs` (the scenario clock): a period not yet over reads "to date" and is compared like for like.
 */
export function ReviewPage({ todayKey, nowMs }: { todayKey: string; nowMs: number }) {
  const { t } = useT();
  const [state, update] = useReviewUrlState(todayKey);
  const setLocale = useLocaleStore((s) => s.setLocale);
  useEffect(() => setLocale(state.lang), [state.lang, setLocale]);
  const cmp = comparisonPeriod(state.period, state.compare);
  const spans = reviewSpans(state.period, cmp, nowMs);
  const toDate = (date: string) => t('review.toDate', { date });
  const scope = formatSpan(state.period.from, spans.asOfMs, spans.complete, toDate);
  const cmpScope = spans.compared
    ? formatSpan(spans.compared.from, spanOf(spans.compared).toMs, spans.complete, toDate)
    : null;
  const thisMonth = periodContaining('month', todayKey);
  return (
    <main className="review" data-testid="kpi-review" style={PRINT_PLOT_VARS}>
      <header className="review-header">
        <h1>{t('review.title')}</h1>
        <p className="review-header__scope" data-testid="review-scope" data-complete={spans.complete}>
          {areaLabel(state.area, t)} · {scope}
          {cmpScope ? ` · ${t('review.comparedWith', { span: cmpScope })}` : ''}
        </p>
        <PrintHeader scope={`${areaLabel(state.area, t)} · ${scope}`} />
      </header>
      <ReviewToolbar state={state} todayKey={todayKey} update={update} />
      <section className="review-section">
        <h2>{t('review.section.scorecard')}</h2>
        <Scorecard state={state} update={update} compared={spans.compared} />
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
