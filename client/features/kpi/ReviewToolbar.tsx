import { AREAS_2021 } from '../../../geo/areas';
import { useT } from '../../i18n/use-t';
import { SessionBadge } from '../../ui/SessionBadge';
import { PILOT_OPTIONS } from '../../ui/pilot-label';
import { areaLabel } from './area-label';
import type { Comparison } from './period';
import { PeriodPicker } from './PeriodPicker';
import type { ReviewViewState } from './url-state';

export interface ReviewToolbarProps {
  state: ReviewViewState;
  todayKey: string;
  update: (patch: Partial<ReviewViewState>) => void;
}

const COMPARISONS: readonly Comparison[] = ['none', 'previous', 'yoy'];

/** Every control of the view; each writes to the URL state, never to a component of its own. */
export function ReviewToolbar({ state, todayKey, update }: ReviewToolbarProps) {
  const { t } = useT();
  return (
    <div className="review-toolbar no-print" data-testid="review-toolbar">
      <PeriodPicker period={state.period} todayKey={todayKey} onChange={(period) => update({ period })} />
      <label className="review-field">
        {t('review.area')}{' '}
        <select
          value={state.area}
          onChange={(e) => update({ area: e.target.value })}
          data-testid="area-select"
        >
          {AREAS_2021.map((a) => (
            <option key={a.code} value={a.code}>
              {areaLabel(a.code, t)}
            </option>
          ))}
          <optgroup label={t('area.pilots')} data-testid="area-select-pilots">
            {PILOT_OPTIONS.map((p) => (
              <option key={p.code} value={p.code}>
                {t(p.key)}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      <label className="review-field">
        {t('review.compare')}{' '}
        <select
          value={state.compare}
          onChange={(e) => update({ compare: e.target.value as Comparison })}
          data-testid="compare-select"
        >
          {COMPARISONS.map((c) => (
            <option key={c} value={c}>
              {t(`review.compare.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="locale-switch" role="group" aria-label="Ngôn ngữ / Language">
        {(['vi', 'en'] as const).map((l) => (
          <button key={l} type="button" aria-pressed={state.lang === l} onClick={() => update({ lang: l })}>
            {l.toUpperCase()}
          </button>
        ))}
      </div>
      <button type="button" onClick={() => window.print()} data-testid="print-button">
        {t('review.print')}
      </button>
      <SessionBadge />
    </div>
  );
}
