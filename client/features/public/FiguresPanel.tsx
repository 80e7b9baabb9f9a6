import type { PublicSummary } from '../../../protocol/public.schema';
import { vnDateKey } from '../../../protocol/time';
import { useCoreT } from '../../i18n/use-core-t';
import { formatNumber, formatPercent } from '../../ui/format';

/** "08/2021" from a `YYYY-MM-DD` day key. */
const monthOf = (day: string) => `${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The public-service figures of the province: online dossiers this month and year, on-time rate. */
export function FiguresPanel({ summary }: { summary: PublicSummary | null }) {
  const { t, intl } = useCoreT();
  if (!summary) return <p className="public-muted">{t('waiting')}</p>;
  const { month, year } = summary;
  const y = year.fromDay.slice(0, 4);
  // This month and this year are always in progress: their figures run to the summary's instant, and say so.
  const asOf = vnDateKey(summary.asOfMs);
  const toDate = ` ${t('public.services.toDate', { day: `${asOf.slice(8, 10)}/${asOf.slice(5, 7)}` })}`;
  return (
    <div className="public-figures" data-testid="public-figures">
      <div className="public-figure">
        <span className="public-figure__label">
          {t('public.services.month', { month: monthOf(month.fromDay) })}
          {toDate}
        </span>
        <strong data-testid="public-online-month">{formatNumber(month.onlineSubmitted, intl)}</strong>
        <span className="public-muted">
          {t('public.services.ofTotal', { total: formatNumber(month.submitted, intl) })}
        </span>
      </div>
      <div className="public-figure">
        <span className="public-figure__label">
          {t('public.services.year', { year: y })}
          {toDate}
        </span>
        <strong data-testid="public-online-year">{formatNumber(year.onlineSubmitted, intl)}</strong>
        <span className="public-muted">
          {t('public.services.ofTotal', { total: formatNumber(year.submitted, intl) })}
        </span>
      </div>
      <div className="public-figure">
        <span className="public-figure__label">
          {t('public.services.onTime', { year: y })}
          {toDate}
        </span>
        <strong data-testid="public-on-time">{formatPercent(year.onTimeRate, intl)}</strong>
        <span className="public-muted">
          {t('public.services.resolved', { n: formatNumber(year.resolved, intl) })}
        </span>
      </div>
    </div>
  );
}
