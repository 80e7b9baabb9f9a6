import { useState, type RefObject } from 'react';
import { useT } from '../../i18n/use-t';
import { useConsoleStore } from './console.store';

/** Up to a shift (ISA-18.2: every shelving expires); the server's `SHELVE_MAX_MIN` may cap it further. */
export const SHELVE_DURATIONS_MIN: readonly number[] = [30, 60, 120, 240, 480];

/** The durations offered under the server's cap; always at least the shortest, so the form never empties. */
export function shelveDurations(maxMin: number | null): number[] {
  if (maxMin === null) return [...SHELVE_DURATIONS_MIN];
  const allowed = SHELVE_DURATIONS_MIN.filter((m) => m <= maxMin);
  return allowed.length > 0 ? allowed : [maxMin];
}

export interface ShelveChoice {
  reason: string;
  setReason: (reason: string) => void;
  /** The duration chosen, brought down to the longest allowed when a cap is learnt after the choice. */
  minutes: number;
  setChosen: (minutes: number) => void;
  durations: number[];
}

/** What a shelving asks for, one alarm or several: a reason (the audit says why) and a duration under the cap. */
export function useShelveChoice(): ShelveChoice {
  const [reason, setReason] = useState('');
  const durations = shelveDurations(useConsoleStore((s) => s.shelveMaxMin));
  const [chosen, setChosen] = useState(60);
  const minutes = durations.includes(chosen) ? chosen : durations[durations.length - 1]!;
  return { reason, setReason, minutes, setChosen, durations };
}

/** The reason and the duration of a shelving form; `testId` prefixes their test ids (`shelve`, `bulk`). */
export function ShelveFields({
  choice: c,
  reasonRef,
  testId,
}: {
  choice: ShelveChoice;
  reasonRef: RefObject<HTMLInputElement | null>;
  testId: string;
}) {
  const { t } = useT();
  const label = (m: number) =>
    m < 60 ? t('console.shelve.minutes', { n: m }) : t('console.shelve.hours', { n: m / 60 });
  return (
    <>
      <input
        ref={reasonRef}
        aria-label={t('console.shelve.reason')}
        placeholder={t('console.shelve.reason')}
        value={c.reason}
        required
        maxLength={200}
        onChange={(e) => c.setReason(e.target.value)}
        data-testid={`${testId}-reason`}
      />
      <select
        aria-label={t('console.shelve.duration')}
        value={c.minutes}
        onChange={(e) => c.setChosen(Number(e.target.value))}
        data-testid={`${testId}-minutes`}
      >
        {c.durations.map((m) => (
          <option key={m} value={m}>
            {label(m)}
          </option>
        ))}
      </select>
    </>
  );
}
