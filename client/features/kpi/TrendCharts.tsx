import { useT } from '../../i18n/use-t';
import { companionArea } from './area-label';
import { TRENDS_FROM } from './review-api';
import { SeriesChart } from './SeriesChart';
import { YearOverYearChart } from './YearOverYearChart';

export interface TrendChartsProps {
  area: string;
  /** Exclusive end of the trends: the first day of the month after the scenario's now. */
  to: string;
  /** First day of the scenario's current month: years are compared over complete months only. */
  completeTo: string;
}

/**
 * Lockdown of 2021 (Directive 16 in Long An): counters closed, the post and the portal carried dossiers. The
 * postal share is drawn per week (Monday to Sunday): a day's share falls to 0 every weekend and holiday,
 * when counters and post offices are closed by the calendar, which a reader would take for a collapse.
 */
const LOCKDOWN = { from: '2021-07-19', to: '2021-09-30' };
const POSTAL_WINDOW = { from: '2021-06-01', to: '2021-11-01' };

/** The long view: 2019 to now, the chosen area beside its companion (the province, or Tân An). */
export function TrendCharts({ area, to, completeTo }: TrendChartsProps) {
  const { t } = useT();
  const areas = [area, companionArea(area)];
  return (
    <div className="review-charts">
      <SeriesChart
        id="online-monthly"
        title={t('review.chart.monthly')}
        metric="dossier.online_submitted"
        areas={areas}
        from={TRENDS_FROM}
        to={to}
        bucket="month"
        format="count"
        unit={t('unit.dossiers')}
      />
      <YearOverYearChart areas={areas} to={completeTo} />
      <SeriesChart
        id="online-share"
        title={t('review.chart.share')}
        metric="dossier.online_share"
        areas={areas}
        from={TRENDS_FROM}
        to={to}
        bucket="month"
        format="percent"
      />
      {to > POSTAL_WINDOW.from ? (
        <SeriesChart
          id="postal-lockdown"
          title={t('review.chart.postal')}
          metric="dossier.postal_share"
          areas={areas}
          from={POSTAL_WINDOW.from}
          to={POSTAL_WINDOW.to < to ? POSTAL_WINDOW.to : to}
          bucket="week"
          format="percent"
          band={{ ...LOCKDOWN, label: t('review.chart.lockdown') }}
        />
      ) : null}
    </div>
  );
}
