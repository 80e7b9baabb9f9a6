import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { alertText } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { sendAlertCommand } from './alert-command';
import { useConsoleStore } from './console.store';

/**
 * Alarms an operator put aside ("Đang tạm gác (n)"): who, why and until when, each with an unshelve action. They
 * come back to the open list by themselves at expiry (the state derivation says so, this list only shows it).
 */
export function ShelvedList({
  alerts,
  count,
  actions,
}: {
  alerts: readonly Alert[];
  count: number;
  actions: boolean;
}) {
  const { t, intl } = useT();
  const ready = useConsoleStore((s) => s.commands !== null && s.operator.trim() !== '');
  const busy = useConsoleStore((s) => s.busy);
  const time = (ms: number) => {
    const c = formatClock(ms, intl);
    return `${c.time.slice(0, 5)} ${c.date}`;
  };
  return (
    <section className="console__shelved" data-testid="shelved-list" aria-labelledby="shelved-title">
      <h2 id="shelved-title">{t('console.shelved', { n: count })}</h2>
      {alerts.length === 0 ? <p>{t('console.shelved.none')}</p> : null}
      <ul>
        {alerts.map((a) => (
          <li key={a.id} className="shelved-item" data-testid="shelved-alert" data-alert-id={a.id}>
            <strong>{alertText(a, t, intl)}</strong>
            {a.shelved ? (
              <span>
                {t('console.shelved.by', {
                  who: a.shelved.operator,
                  reason: a.shelved.reason,
                  until: time(a.shelved.untilMs),
                })}
              </span>
            ) : null}
            {actions ? (
              <button
                type="button"
                disabled={!ready || busy[a.id] === true}
                onClick={() => void sendAlertCommand(a, 'unshelve', { comment: '' }, t)}
                data-testid="alert-unshelve"
              >
                {t('console.unshelve')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
