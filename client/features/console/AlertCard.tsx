import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { alertText, areaName } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { AlertActions } from './AlertActions';

/**
 * One alert with its history (raised, cleared, acknowledged, assigned, resolved) and, when open and the viewer
 * may act, its actions.
 */
export function AlertCard({
  alert: a,
  compact = false,
  actions = false,
}: {
  alert: Alert;
  compact?: boolean;
  actions?: boolean;
}) {
  const { t, intl } = useT();
  const time = (ms: number) => {
    const c = formatClock(ms, intl);
    return `${c.time.slice(0, 5)} ${c.date}`;
  };
  return (
    <article
      className={`alert-card alert-card--${a.severity}`}
      data-testid="console-alert"
      data-alert-id={a.id}
      data-acked={a.ack !== null}
      data-resolved={a.resolved !== null}
      data-severity={a.severity}
      data-priority={a.priority}
      data-cleared={a.clearedTsMs !== null}
    >
      <header>
        <span className="alert-card__sev">
          <PriorityBadge priority={a.priority ?? 'low'} />
        </span>
        <strong>{alertText(a, t, intl)}</strong>
      </header>
      {(a.memberCount ?? 1) > 1 ? (
        <p className="alert-card__members" data-testid="alarm-members">
          {a.members.map((m) => m.siteId ?? areaName(m.area)).join(', ')}
        </p>
      ) : null}
      <ul className="alert-card__history">
        <li>{t('console.raised', { time: time(a.raisedTsMs), area: areaName(a.area) })}</li>
        {a.clearedTsMs !== null ? <li>{t('console.cleared', { time: time(a.clearedTsMs) })}</li> : null}
        {a.ack ? (
          <li>
            {t('console.acked', {
              who: a.ack.operator,
              time: time(a.ack.tsMs),
              comment: a.ack.comment || '—',
            })}
          </li>
        ) : null}
        {a.assignee ? <li>{t('console.assigned', { who: a.assignee })}</li> : null}
        {a.resolved ? (
          <li>
            {t('console.resolved', {
              who: a.resolved.operator,
              time: time(a.resolved.tsMs),
              comment: a.resolved.comment || '—',
            })}
          </li>
        ) : null}
      </ul>
      {compact || a.resolved || !actions ? null : <AlertActions alert={a} />}
    </article>
  );
}
