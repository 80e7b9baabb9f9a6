import { useEffect, useRef } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { sendAlertCommand } from './alert-command';
import { useConsoleStore } from './console.store';
import { ShelveFields, useShelveChoice } from './ShelveFields';

export { SHELVE_DURATIONS_MIN, shelveDurations } from './ShelveFields';

/**
 * Shelve the alert in hand: a reason (required: the audit says why) and a duration. Opened by `s` or the
 * "Tạm gác" button, it takes the focus; Enter in the reason submits, Escape closes it (the list then takes the
 * card back). After the server logged it, `onDone` moves on to the next alert, as an acknowledgement does.
 */
export function ShelveForm({ alert, onDone }: { alert: Alert; onDone?: () => void }) {
  const { t } = useT();
  const choice = useShelveChoice();
  const { reason, minutes } = choice;
  const busy = useConsoleStore((s) => s.busy[alert.id] === true);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => reasonRef.current?.focus(), []);
  const close = () => useConsoleStore.getState().setShelvingId(null);

  return (
    <form
      className="shelve-form"
      data-testid="shelve-form"
      aria-label={t('console.shelve.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (busy || reason.trim() === '') return;
        void sendAlertCommand(alert, 'shelve', { comment: '', reason, minutes }, t).then((ok) => {
          if (!ok) return;
          close();
          onDone?.();
        });
      }}
      onKeyDown={(e) => {
        // Escape closes; the list's own handler then gives the focus back to the card.
        if (e.key === 'Escape') close();
      }}
    >
      <ShelveFields choice={choice} reasonRef={reasonRef} testId="shelve" />
      <button type="submit" disabled={busy || reason.trim() === ''} data-testid="shelve-submit">
        {t('console.shelve.submit')}
      </button>
      <button type="button" onClick={close}>
        {t('console.shelve.cancel')}
      </button>
    </form>
  );
}
