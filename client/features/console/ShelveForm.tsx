import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { sendAlertCommand } from './alert-command';
import { useConsoleStore } from './console.store';

/** Up to a shift (ISA-18.2: every shelving expires); the server's `SHELVE_MAX_MIN` may cap it further. */
export const SHELVE_DURATIONS_MIN: readonly number[] = [30, 60, 120, 240, 480];

/** The durations offered under the server's cap; always at least the shortest, so the form never empties. */
export function shelveDurations(maxMin: number | null): number[] {
  if (maxMin === null) return [...SHELVE_DURATIONS_MIN];
  const allowed = SHELVE_DURATIONS_MIN.filter((m) => m <= maxMin);
  return allowed.length > 0 ? allowed : [maxMin];
}

/**
 * Shelve the alert in hand: a reason (required: the audit says why) and a duration. Opened by `s` or the
 * "Tạm gác" button, it takes the focus; Enter in the reason submits, Escape closes it (the list then takes the
 * card back). After the server logged it, `onDone` moves on to the next alert, as an acknowledgement does.
 */
export function ShelveForm({ alert, onDone }: { alert: Alert; onDone?: () => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const maxMin = useConsoleStore((s) => s.shelveMaxMin);
  const durations = shelveDurations(maxMin);
  const [chosen, setChosen] = useState(60);
  // A cap learnt after the choice (a refusal) brings the choice down to the longest allowed.
  const minutes = durations.includes(chosen) ? chosen : durations[durations.length - 1]!;
  const busy = useConsoleStore((s) => s.busy[alert.id] === true);
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => reasonRef.current?.focus(), []);
  const close = () => useConsoleStore.getState().setShelvingId(null);
  const label = (m: number) =>
    m < 60 ? t('console.shelve.minutes', { n: m }) : t('console.shelve.hours', { n: m / 60 });

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
      <input
        ref={reasonRef}
        aria-label={t('console.shelve.reason')}
        placeholder={t('console.shelve.reason')}
        value={reason}
        required
        maxLength={200}
        onChange={(e) => setReason(e.target.value)}
        data-testid="shelve-reason"
      />
      <select
        aria-label={t('console.shelve.duration')}
        value={minutes}
        onChange={(e) => setChosen(Number(e.target.value))}
        data-testid="shelve-minutes"
      >
        {durations.map((m) => (
          <option key={m} value={m}>
            {label(m)}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy || reason.trim() === ''} data-testid="shelve-submit">
        {t('console.shelve.submit')}
      </button>
      <button type="button" onClick={close}>
        {t('console.shelve.cancel')}
      </button>
    </form>
  );
}
