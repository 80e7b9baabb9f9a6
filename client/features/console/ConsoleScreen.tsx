import { useEffect, useMemo } from 'react';
import {
  alarmState,
  alertIsOpen,
  countAlarmStates,
  emptyAlertsState,
  type Alert,
} from '../../../protocol/state/alerts';
import { useCanOperate } from '../../access/use-can-operate';
import { useSessionStore } from '../../access/session.store';
import { useT } from '../../i18n/use-t';
import { effectiveNowMs } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { SessionBadge } from '../../ui/SessionBadge';
import { ConnectionStatus } from '../operator/ConnectionStatus';
import { ProtocolBanner } from '../operator/ProtocolBanner';
import { ScenarioClock } from '../operator/ScenarioClock';
import { AlertCard } from './AlertCard';
import { AlertList } from './AlertList';
import { BulkShelveForm } from './BulkShelveForm';
import { ShortcutHelp } from './ShortcutHelp';
import { isTypingTarget, shortcutFor } from './shortcuts';
import { HandoverSummary } from './HandoverSummary';
import { OperatorName } from './OperatorName';
import { RulesPanel } from './rules/RulesPanel';
import { ShelvedList } from './ShelvedList';
import { WallRemote } from './WallRemote';
import { useConsoleStore } from './console.store';

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Open alerts first (critical, then newest), then what ended recently; the wall remote on the side, then the
 * alarms returned to normal but not acknowledged and the shelved ones, each apart (ISA-18.2 states).
 */
export function ConsoleScreen() {
  const { t } = useT();
  const feedState = useStore((s) => s.feed.state);
  const alerts = feedState?.alerts ?? EMPTY;
  const scenarioNow = useScenarioNow();
  const nowMs = feedState ? effectiveNowMs(feedState, scenarioNow) : 0;
  const error = useConsoleStore((s) => s.error);
  // The last seq folded in, as on the wall: a check can tell which batch the list shows.
  const seq = useStore((s) => s.feed.lastSeq);
  const operate = useCanOperate();
  const picked = useConsoleStore((s) => s.picked);
  const principal = useSessionStore((s) => s.principal);
  useEffect(() => {
    // A signed-in operator is on duty under their own name unless they typed another one.
    const { operator, setOperator } = useConsoleStore.getState();
    if (principal && operator === '') setOperator(principal.name);
  }, [principal]);
  useEffect(() => {
    // `?` anywhere but in a field opens the help; the list handles its own keys.
    const onKey = (e: KeyboardEvent) => {
      if (shortcutFor(e) !== 'help' || isTypingTarget(e.target)) return;
      e.preventDefault();
      useConsoleStore.getState().setHelpOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    // `s` and the "Tạm gác" button open the shelve form on the alert in hand.
    if (!operate) return;
    const { setShelve, select, setShelvingId } = useConsoleStore.getState();
    setShelve((alert) => {
      select(alert.id);
      setShelvingId(alert.id);
    });
    return () => setShelve(null);
  }, [operate]);
  const { all, open, returned, shelved, counts, ended } = useMemo(() => {
    const all = [...alerts.recent].reverse();
    const inState = (a: Alert) => alarmState(a, alerts, nowMs);
    const open = all
      .filter((a) => alertIsOpen(a) && inState(a) !== 'shelved' && inState(a) !== 'rtn-unack')
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    return {
      all,
      open,
      returned: all.filter((a) => inState(a) === 'rtn-unack'),
      shelved: all.filter((a) => inState(a) === 'shelved'),
      counts: countAlarmStates(alerts, nowMs),
      ended: all.filter((a) => !alertIsOpen(a)).slice(0, 20),
    };
  }, [alerts, nowMs]);
  return (
    <div className="console" data-testid="console" data-seq={seq}>
      {operate ? (
        <a
          className="skip-link"
          href="#wall-remote"
          data-testid="skip-to-wall-remote"
          onClick={(e) => {
            // Focus, not only scroll: the next Tab then continues inside the remote.
            e.preventDefault();
            document.getElementById('wall-remote')?.focus();
          }}
        >
          {t('console.skipToWalls')}
        </a>
      ) : null}
      <ProtocolBanner />
      <header className="app-header">
        <h1 className="app-header__title">{t('console.title')}</h1>
        <ScenarioClock />
        <div className="app-header__right">
          {operate ? <OperatorName /> : null}
          <ConnectionStatus />
          <SessionBadge />
          <LocaleSwitch />
        </div>
      </header>
      {operate ? null : (
        <p className="console__read-only" role="note" data-testid="read-only-note">
          {t('session.readOnly')}
        </p>
      )}
      {error ? (
        <p className="console__error" role="alert" data-testid="console-error">
          {error}
        </p>
      ) : null}
      <main className="console__main">
        <section className="console__open" data-testid="handover-list">
          <h2>{t('console.open', { n: open.length })}</h2>
          {open.length === 0 ? <p>{t('console.none')}</p> : null}
          <p className="console__keys-hint">{t('console.key.hint')}</p>
          {operate ? (
            <BulkShelveForm alerts={[...open, ...returned].filter((a) => picked.includes(a.id))} />
          ) : null}
          <AlertList alerts={open} actions={operate} />
        </section>
        <aside className="console__side">
          {operate ? <WallRemote /> : null}
          {returned.length > 0 ? (
            <section className="console__returned" data-testid="returned-list">
              <h2>{t('console.returned', { n: counts['rtn-unack'] })}</h2>
              <AlertList alerts={returned} actions={operate} />
            </section>
          ) : null}
          <ShelvedList alerts={shelved} count={counts.shelved} actions={operate} />
          <HandoverSummary alerts={all} />
          <section className="console__ended">
            <h2>{t('console.ended')}</h2>
            {ended.map((a) => (
              <AlertCard key={a.id} alert={a} compact />
            ))}
          </section>
        </aside>
      </main>
      {operate ? <RulesPanel /> : null}
      <ShortcutHelp />
    </div>
  );
}

const EMPTY = emptyAlertsState();
