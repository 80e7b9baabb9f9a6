import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { alertText, areaName } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { PriorityBadge } from '../../ui/PriorityBadge';
import type { Ref } from 'react';
import { AlertActions } from './AlertActions';
import type { AlertAction } from './alert-command';
import { useConsoleStore } from './console.store';
import { ShelveForm } from './ShelveForm';

/**
 * One alert with its history (raised, cleared, acknowledged, assigned, resolved) and, when open and the viewer
 * may act, its actions.
 */
export function AlertCard({
  alert: a,
  compact = false,
  actions = false,
  roving,
}: {
  alert: Alert;
  compact?: boolean;
  actions?: boolean;
  /**
   * Set when the card is an item of the roving-tabindex list: only the selected card is a tab stop and only it
   * shows its actions, so the list costs one Tab plus the actions of the alert in hand.
   */
  roving?: {
    selected: boolean;
    cardRef: Ref<HTMLElement>;
    onSelect: () => void;
    onDone: (action: AlertAction) => void;
  };
}) {
  const { t, intl } = useT();
  const shelving = useConsoleStore((s) => s.shelvingId === a.id);
  const picked = useConsoleStore((s) => s.picked.includes(a.id));
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
      data-selected={roving?.selected}
      data-picked={roving && actions ? picked : undefined}
      ref={roving?.cardRef}
      tabIndex={roving ? (roving.selected ? 0 : -1) : undefined}
      aria-current={roving?.selected ? 'true' : undefined}
      onFocus={(e) => {
        if (e.target === e.currentTarget) roving?.onSelect();
      }}
      onClick={roving?.selected ? undefined : roving?.onSelect}
    >
      <header>
        {roving && actions ? (
          // Not a tab stop: the keyboard picks with `x`, so the list stays one Tab long.
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label={t('console.pick')}
            checked={picked}
            onChange={() => useConsoleStore.getState().togglePicked(a.id)}
            data-testid="alert-pick"
          />
        ) : null}
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
      {compact || a.resolved || !actions || (roving && !roving.selected) ? null : (
        <>
          <AlertActions alert={a} onDone={roving?.onDone} />
          {shelving ? <ShelveForm alert={a} onDone={() => roving?.onDone('shelve')} /> : null}
        </>
      )}
    </article>
  );
}
