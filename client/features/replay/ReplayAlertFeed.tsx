import { AREAS_2021 } from '../../../geo/areas';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { formatClock } from '../../ui/format';
import { useReplayStore } from './replay.store';

const SHOWN = 6;
const AREA_NAMES = new Map(AREAS_2021.map((a) => [a.code, a.name]));

/** The newest alerts of the replayed state, as the wall listed them; the one jumped to is highlighted. */
export function ReplayAlertFeed() {
  const { t, intl } = useT();
  const alerts = useStore((s) => s.feed.state?.alerts.recent);
  const jumpedTo = useReplayStore((s) => s.lastAlert?.id);
  const newest = (alerts ?? []).slice(-SHOWN).reverse();
  return (
    <section className="replay-alerts" data-testid="replay-alerts" aria-label={t('replay.alerts')}>
      <h2 className="replay-alerts__title">{t('replay.alerts')}</h2>
      {newest.length === 0 ? <p className="replay-alerts__none">{t('replay.noAlerts')}</p> : null}
      <ul>
        {newest.map((a) => {
          const { date, time } = formatClock(a.raisedTsMs, intl);
          return (
            <li
              key={a.id}
              className={`replay-alert replay-alert--${a.severity}${a.id === jumpedTo ? ' replay-alert--current' : ''}`}
              data-testid="replay-alert"
              data-alert-id={a.id}
            >
              <span className="replay-alert__when">
                {date} {time}
              </span>{' '}
              <span className="replay-alert__what">
                {t(`replay.rule.${a.rule}`, { area: AREA_NAMES.get(a.area) ?? a.area })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
