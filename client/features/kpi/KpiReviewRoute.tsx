import type { HealthResponse } from '../../../protocol';
import { vnDateKey } from '../../../protocol/time';
import { useT } from '../../i18n/use-t';
import { reviewPaths } from './review-api';
import { useResource } from './review.store';
import { ReviewPage } from './ReviewPage';
import './review.css';

/** `/kpi`: waits for the server's clock, since "this year" is the scenario's year, not the browser's. */
export default function KpiReviewRoute() {
  const { t } = useT();
  const health = useResource<HealthResponse>(reviewPaths.health());
  if (health.status === 'ok')
    return <ReviewPage todayKey={vnDateKey(health.data.nowMs)} nowMs={health.data.nowMs} />;
  return (
    <main className="review">
      <h1>{t('review.title')}</h1>
      {health.status === 'loading' ? (
        <p className="review-state" role="status" data-testid="review-loading">
          {t('review.loading')}
        </p>
      ) : (
        <p className="review-state review-error" role="alert" data-testid="review-error">
          {t('review.loadError', { message: health.message })}
        </p>
      )}
    </main>
  );
}
