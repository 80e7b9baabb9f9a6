import { useMemo, useRef } from 'react';
import { emptyAlertsState, type Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { effectiveNowMs } from '../../store/selectors';
import { useScenarioNow } from '../../store/use-scenario-now';
import { alertText } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { useFitChildren } from './use-fit-children';
import { waitingCriticalCount } from './takeover';
import { wallFeedAlerts } from './feed-order';
import { PriorityBadge } from '../../ui/PriorityBadge';

/** Alerts on the wall at most, fewer when the type is large (only whole rows); the console has them all. */
const SHOWN = 6;

/**
 * What needs action first (the urgent ones the heading counts ahead of all), then the newest, each with its severity, what happened, when, and whether an operator has it in hand; above
 * them, how many critical alerts wait on the console (not while one of them holds the wall).
 */
export function AlertFeed({ takeover }: { takeover: boolean }) {
  const { t } = useT();
  const scenarioNow = useScenarioNow(1000);
  const state = useStore((s) => s.feed.state);
  // A shelving ends by the clock, not by an event: the count and the order read the scenario's now.
  const now = state ? effectiveNowMs(state, scenarioNow) : (scenarioNow ?? 0);
  const alerts = state?.alerts ?? EMPTY;
  const waiting = waitingCriticalCount(alerts, now);
  // Re-ordered once a minute of scenario time at most, besides on new alerts: a shelving's end moves a row.
  const minute = Math.floor(now / 60_000);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const newest = useMemo(() => wallFeedAlerts(alerts, now, SHOWN), [alerts, minute]);
  const list = useRef<HTMLOListElement>(null);
  useFitChildren(list);
  return (
    <section className="alert-feed" data-testid="alert-feed">
      <h2>{t('wall.alerts.title')}</h2>
      {!takeover && waiting > 0 ? (
        <p className="alert-feed__waiting" data-testid="critical-waiting">
          {t('wall.waiting', { n: waiting })}
        </p>
      ) : null}
      {newest.length === 0 ? <p className="alert-feed__none">{t('wall.alerts.none')}</p> : null}
      <ol ref={list}>
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
