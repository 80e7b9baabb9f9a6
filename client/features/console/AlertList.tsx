import { useRef, type KeyboardEvent } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { AlertCard } from './AlertCard';
import { sendAlertCommand } from './alert-command';
import { useConsoleStore } from './console.store';
import { shortcutFor } from './shortcuts';

/** The alerts of the list that are the same condition as `alert` (one rule, one sensor kind): its group. */
export function sameGroup(alerts: readonly Alert[], alert: Alert): string[] {
  return alerts.filter((a) => a.rule === alert.rule && a.kind === alert.kind).map((a) => a.id);
}

/**
 * The open alerts as one roving-tabindex list (WAI-ARIA APG): Tab enters it once, on the alert in hand; the
 * shortcuts of `shortcuts.ts` move, acknowledge, shelve, pick (for shelving several at once) and open it. After an action the next alert is taken in
 * hand, so working down a backlog never sends focus back to the top.
 */
export function AlertList({ alerts, actions }: { alerts: readonly Alert[]; actions: boolean }) {
  const { t } = useT();
  const selectedId = useConsoleStore((s) => s.selectedId);
  const cards = useRef(new Map<string, HTMLElement>());
  const current = alerts.find((a) => a.id === selectedId) ?? alerts[0];

  const focusAt = (index: number) => {
    const target = alerts[Math.max(0, Math.min(alerts.length - 1, index))];
    if (!target) return;
    useConsoleStore.getState().select(target.id);
    cards.current.get(target.id)?.focus();
  };
  /** The alert after `alert` (or before it, at the end of the list): where focus goes once it is dealt with. */
  const moveOnFrom = (alert: Alert) => {
    const i = alerts.findIndex((a) => a.id === alert.id);
    focusAt(i + 1 < alerts.length ? i + 1 : i - 1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="console-alert"]');
    const id = card?.dataset.alertId;
    const alert = alerts.find((a) => a.id === id);
    if (!card || !alert) return;
    if (e.target !== card) {
      // Inside the actions: Escape gives the keyboard back to the list, everything else is typing.
      if (e.key === 'Escape') {
        e.preventDefault();
        card.focus();
      }
      return;
    }
    const action = shortcutFor(e);
    if (action === null || action === 'help') return;
    e.preventDefault();
    const index = alerts.indexOf(alert);
    if (action === 'next') focusAt(index + 1);
    else if (action === 'previous') focusAt(index - 1);
    else if (action === 'details') card.querySelector<HTMLElement>('[data-testid="alert-comment"]')?.focus();
    else if (!actions) return;
    else if (action === 'ack') {
      if (alert.ack) return;
      void sendAlertCommand(alert, 'ack', { comment: '' }, t).then((ok) => ok && moveOnFrom(alert));
    } else if (action === 'shelve') {
      const { shelve, setError } = useConsoleStore.getState();
      if (shelve) shelve(alert);
      else setError(t('console.shelveUnavailable'));
    } else if (action === 'pick') useConsoleStore.getState().togglePicked(alert.id);
    else if (action === 'pickGroup') useConsoleStore.getState().pickAll(sameGroup(alerts, alert));
    else if (action === 'bulkShelve') {
      const { picked, togglePicked, setBulkFocus } = useConsoleStore.getState();
      // Nothing picked yet: the alert in hand is the one to shelve with the bulk form.
      if (!alerts.some((a) => picked.includes(a.id))) togglePicked(alert.id);
      setBulkFocus(true);
    }
  };

  return (
    <div className="alert-list" role="list" aria-label={t('console.listLabel')} onKeyDown={onKeyDown}>
      {alerts.map((a) => (
        <div role="listitem" key={a.id}>
          <AlertCard
            alert={a}
            actions={actions}
            roving={{
              selected: a.id === current?.id,
              cardRef: (el) => {
                if (el) cards.current.set(a.id, el);
                else cards.current.delete(a.id);
              },
              onSelect: () => useConsoleStore.getState().select(a.id),
              onDone: () => moveOnFrom(a),
            }}
          />
        </div>
      ))}
    </div>
  );
}
