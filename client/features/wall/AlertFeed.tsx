import { useMemo } from 'react';
import { emptyAlertsState, type Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { alertText } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { PriorityBadge } from '../../ui/PriorityBadge';

/** Alerts on the wall at most: the newest; the console has them all. */
const SHOWN = 6;

/** The newest alerts, each with its severity, what happened, when, and whether an operator has it in hand. */
export function AlertFeed() {
  const { t } = useT();
  const alerts = useStore((s) => s.feed.state?.alerts) ?? EMPTY;
  const newest = useMemo(() => alerts.recent.slice(-SHOWN).reverse(), [alerts]);
  return (
    <section className="alert-feed" data-testid="alert-feed">
      <h2>{t('wall.alerts.title')}</h2>
      {newest.length === 0 ? <p className="alert-feed__none">{t('wall.alerts.none')}</p> : null}
      <ol>
        {newest.map((a) => (
          <AlertRow key={a.id} alert={a} />
        ))}
      </ol>
    </section>
  );
}

function AlertRow({ alert: a }: { alert: Alert }) {
  const { t, intl } = useT();
  const when = formatClock(a.raisedTsMs, intl);
  const status = a.resolved
    ? t('alert.status.resolved', { who: a.resolved.operator })
    : a.ack
      ? t('alert.status.acked', { who: a.ack.operator })
      : a.clearedTsMs !== null
        ? t('alert.status.cleared')
        : t('alert.status.new');
  return (
    <li
      className={`alert-row alert-row--${a.severity}${a.clearedTsMs !== null || a.resolved ? ' alert-row--ended' : ''}`}
      data-testid="alert-item"
      data-alert-id={a.id}
      data-acked={a.ack !== null}
      data-priority={a.priority}
    >
      <span className="alert-row__sev">
        <PriorityBadge priority={a.priority ?? 'low'} />
      </span>
      <span className="alert-row__text">{alertText(a, t, intl)}</span>
      <span className="alert-row__when">
        {when.time.slice(0, 5)} · {status}
      </span>
    </li>
  );
}

const EMPTY = emptyAlertsState();
