import type { DeadlineKpis, PeriodKpisResponse, ReviewReferenceResponse } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { formatClock } from '../../ui/format';
import type { Bounds } from './period';
import { reviewPaths } from './review-api';
import { useResource, useResources } from './review.store';
import { ReviewTile } from './ReviewTile';
import { buildTiles } from './scorecard-tiles';
import type { ReviewViewState } from './url-state';

export interface ScorecardProps {
  state: ReviewViewState;
  update: (patch: Partial<ReviewViewState>) => void;
  /** The comparison's bounds, already cut like for like when the period is in progress; null: none. */
  compared: Bounds | null;
}

/** The public-service scorecard of the chosen area and period, compared when the view asks for it. */
export function Scorecard({ state, update, compared: cmp }: ScorecardProps) {
  const { t, intl } = useT();
  const res = useResources<PeriodKpisResponse | ReviewReferenceResponse | null>([
    reviewPaths.period(state.area, state.period),
    reviewPaths.reference(),
    cmp ? reviewPaths.period(state.area, cmp) : null,
  ]);
  const deadlines = useResource<DeadlineKpis>(reviewPaths.deadlines(state.area, state.period));
  if (res.status === 'loading')
    return (
      <p className="review-state" role="status" data-testid="scorecard-loading">
        {t('review.loading')}
      </p>
    );
  if (res.status === 'error')
    return (
      <p className="review-state review-error" role="alert" data-testid="scorecard-error">
        {t('review.loadError', { message: res.message })}
      </p>
    );
  const [now, ref, before] = res.data as [
    PeriodKpisResponse,
    ReviewReferenceResponse,
    PeriodKpisResponse | null,
  ];
  const tiles = buildTiles(t, intl, now, before, ref, Number(state.period.from.slice(0, 4)), deadlines);
  const asOf = formatClock(Date.parse(now.asOf), intl);
  return (
    <>
      {now.complete ? null : (
        <p className="review-note review-note--to-date" data-testid="scorecard-to-date">
          {t('review.toDateNote', { time: asOf.time.slice(0, 5), date: asOf.date })}
        </p>
      )}
      <div className="review-tiles" data-testid="scorecard" data-area={state.area}>
        {tiles.map((tile) => (
          <ReviewTile
            key={tile.id}
            tile={tile}
            open={state.why === tile.id}
            onToggle={() => update({ why: state.why === tile.id ? null : tile.id })}
          />
        ))}
      </div>
    </>
  );
}
