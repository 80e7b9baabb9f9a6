import { useMemo, useState } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import type { Translate } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { useScenarioNow } from '../../store/use-scenario-now';
import { alertText, areaName } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { handoverAlerts, shiftStartMs, shiftStartsFrom } from './shift';

/**
 * The handover as plain text for the shift log: a heading with the shift start, then one line per alert. NFC,
 * so that a pasted "hồ sơ" is the same precomposed letters everywhere: names typed on another keyboard may
 * arrive decomposed, and loose combining marks are what some editors and chat tools show as "hô`sơ".
 */
export function handoverText(
  alerts: readonly Alert[],
  shiftStart: number,
  t: Translate,
  intl: string,
): string {
  const at = (ms: number) => {
    const c = formatClock(ms, intl);
    return `${c.time.slice(0, 5)} ${c.date}`;
  };
  const head = t('console.handoverSince', { time: at(shiftStart) });
  const lines = alerts.map((a) => {
    const who = a.assignee ? ` → ${a.assignee}` : '';
    const status = a.resolved
      ? ` (${t('alert.status.resolved', { who: a.resolved.operator })})`
      : a.ack
        ? ` (${t('alert.status.acked', { who: a.ack.operator })})`
        : '';
    return `[${t(`alert.severity.${a.severity}`)}] ${at(a.raisedTsMs)} · ${areaName(a.area)} · ${alertText(a, t, intl)}${who}${status}`;
  });
  return [head, ...(lines.length ? lines : [t('console.none')])].join('\n').normalize('NFC');
}

/** What the next shift must take over, with a copy button; shift hours from `?shifts=` (shift.ts). */
export function HandoverSummary({ alerts }: { alerts: readonly Alert[] }) {
  const { t, intl } = useT();
  const [copied, setCopied] = useState(false);
  // A minute is fine enough for a shift boundary, and keeps the summary from redrawing every second.
  const nowMs = useScenarioNow(60_000);
  const starts = useMemo(() => shiftStartsFrom(window.location.search), []);
  const shiftStart = nowMs === null ? null : shiftStartMs(nowMs, starts);
  const items = useMemo(
    () => (shiftStart === null ? [] : handoverAlerts(alerts, shiftStart)),
    [alerts, shiftStart],
  );
  const text = shiftStart === null ? t('clockWaiting') : handoverText(items, shiftStart, t, intl);
  return (
    <section className="handover" data-testid="handover-summary" data-count={items.length}>
      <h2>{t('console.handover')}</h2>
      {/* Not <pre>: monospace fallbacks lack stacked Vietnamese marks; the app's font has them. */}
      <p className="handover__text" data-testid="handover-text">
        {text}
      </p>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
        data-testid="handover-copy"
      >
        {copied ? t('console.copied') : t('console.copy')}
      </button>
    </section>
  );
}
