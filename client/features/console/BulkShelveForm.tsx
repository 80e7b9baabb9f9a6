import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { shelveAll } from './bulk-shelve';
import { useConsoleStore } from './console.store';
import { ShelveFields, useShelveChoice } from './ShelveFields';

/**
 * Back to the list, on the alert in hand unless it was just shelved (its card goes once the feed says so): then on
 * the first alert still open, which the list takes in hand.
 */
function focusList(except: readonly string[] = []) {
  const cards = [
    ...document.querySelectorAll<HTMLElement>('[data-testid="handover-list"] [data-testid="console-alert"]'),
  ];
  const inHand = cards.find((c) => c.tabIndex === 0 && !except.includes(c.dataset.alertId ?? ''));
  const target = inHand ?? cards.find((c) => !except.includes(c.dataset.alertId ?? ''));
  if (!target) return;
  useConsoleStore.getState().select(target.dataset.alertId ?? null);
  // The roving tabindex moves with the selection on the next render; focus then.
  requestAnimationFrame(() => target.focus());
}

/**
 * Shelve the picked alerts at once (`x` picks, `g` picks a whole group, `b` comes here): one reason and one
 * duration for all, each alarm shelved and audited on its own. Shown only while something is picked.
 */
export function BulkShelveForm({ alerts }: { alerts: readonly Alert[] }) {
  const { t } = useT();
  const choice = useShelveChoice();
  const { reason, setReason, minutes } = choice;
  const ready = useConsoleStore((s) => s.commands !== null && s.operator.trim() !== '');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const focus = useConsoleStore((s) => s.bulkFocus);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focus) return;
    reasonRef.current?.focus();
    useConsoleStore.getState().setBulkFocus(false);
  }, [focus]);
  if (alerts.length === 0 && outcome === null) return null;
  const n = alerts.length;

  return (
    <form
      className="shelve-form bulk-shelve"
      data-testid="bulk-shelve"
      aria-label={t('console.bulk.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (sending || !ready || n === 0 || reason.trim() === '') return;
        setSending(true);
        void shelveAll(alerts, { reason, minutes }).then(({ shelved, refused }) => {
          setSending(false);
          useConsoleStore.getState().unpick(shelved);
          setOutcome(
            refused.length === 0
              ? t('console.bulk.done', { n: shelved.length })
              : t('console.bulk.partly', {
                  done: shelved.length,
                  n: shelved.length + refused.length,
                  refused: refused.length,
                  error: refused[0]!.error,
                }),
          );
          if (refused.length === 0) {
            setReason('');
            focusList(shelved);
          }
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') focusList();
      }}
    >
      <strong data-testid="bulk-count">{t('console.bulk.count', { n })}</strong>
      <ShelveFields choice={choice} reasonRef={reasonRef} testId="bulk" />
      <button
        type="submit"
        disabled={sending || !ready || n === 0 || reason.trim() === ''}
        data-testid="bulk-submit"
      >
        {t('console.bulk.submit', { n })}
      </button>
      <button
        type="button"
        disabled={n === 0}
        onClick={() => {
          useConsoleStore.getState().unpick('all');
          setOutcome(null);
        }}
        data-testid="bulk-clear"
      >
        {t('console.bulk.clear')}
      </button>
      {outcome ? (
        <p role="status" data-testid="bulk-outcome">
          {outcome}
        </p>
      ) : null}
    </form>
  );
}
