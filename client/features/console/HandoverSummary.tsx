import { useState } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { alertText, areaName } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';

/** The open alerts as plain text for the shift log, with a copy button: what the next shift must take over. */
export function HandoverSummary({ alerts }: { alerts: readonly Alert[] }) {
  const { t, intl } = useT();
  const [copied, setCopied] = useState(false);
  const lines = alerts.map((a) => {
    const c = formatClock(a.raisedTsMs, intl);
    const who = a.assignee ? ` → ${a.assignee}` : '';
    const ack = a.ack ? ` (${t('alert.status.acked', { who: a.ack.operator })})` : '';
    return `[${t(`alert.severity.${a.severity}`)}] ${c.time.slice(0, 5)} ${c.date} · ${areaName(a.area)} · ${alertText(a, t, intl)}${who}${ack}`;
  });
  const text = lines.length ? lines.join('\n') : t('console.none');
  return (
    <section className="handover" data-testid="handover-summary">
      <h2>{t('console.handover')}</h2>
      <pre>{text}</pre>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? t('console.copied') : t('console.copy')}
      </button>
    </section>
  );
}
