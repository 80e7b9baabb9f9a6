import { formulaText } from '../../i18n/formulas';
import { useT } from '../../i18n/use-t';
import { useLocaleStore } from '../../i18n/locale.store';
import { formatClock, formatNumber } from '../../ui/format';
import type { TileModel } from './scorecard-tiles';

export interface ReviewTileProps {
  tile: TileModel;
  open: boolean;
  onToggle: () => void;
}

/** A scorecard figure; its button opens where the figure comes from (formula, stream, events, last event). */
export function ReviewTile({ tile, open, onToggle }: ReviewTileProps) {
  const { t, intl } = useT();
  const locale = useLocaleStore((s) => s.locale);
  const p = tile.provenance;
  const last = p.lastEventTsMs === null ? null : formatClock(p.lastEventTsMs, intl);
  const testId = `review-tile-${tile.id}`;
  return (
    <section className={`review-tile review-tile--${tile.tone}`} data-testid={testId} aria-label={tile.label}>
      <h3 className="review-tile__label">{tile.label}</h3>
      <p className="review-tile__value" data-testid={`${testId}-value`}>
        {tile.value}
      </p>
      {tile.sub ? <p className="review-tile__sub">{tile.sub}</p> : null}
      {tile.delta ? (
        <p
          className={`review-tile__delta review-tile__delta--${tile.verdict ?? 'neutral'}`}
          data-testid={`${testId}-delta`}
          data-verdict={tile.verdict ?? undefined}
        >
          {tile.delta}
        </p>
      ) : null}
      <button
        type="button"
        className="review-tile__why no-print"
        aria-expanded={open}
        onClick={onToggle}
        data-testid={`${testId}-why`}
      >
        {t('review.prov.open')}
      </button>
      {open ? (
        <dl className="review-prov" data-testid={`${testId}-provenance`}>
          <dt>{t('review.prov.formula')}</dt>
          <dd>{p.metric ? formulaText(p.metric, locale, p.formula) : p.formula}</dd>
          <dt>{t('review.prov.source')}</dt>
          <dd>{p.source}</dd>
          <dt>{t('review.prov.events')}</dt>
          <dd data-testid={`${testId}-events`}>
            {p.events === null ? t('review.prov.notEvents') : formatNumber(p.events, intl)}
          </dd>
          <dt>{t('review.prov.last')}</dt>
          <dd>{last ? `${last.date} ${last.time}` : '—'}</dd>
        </dl>
      ) : null}
    </section>
  );
}
