import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';

/** The sites' alarms, newest first: when each was raised, how severe, and when it ended. */
export function SiteStatusHistory(p: {
  alerts: readonly Alert[];
  siteName: (id: string) => string;
  formatTime: (tMs: number) => string;
}) {
  const { t } = useT();
  const rows = [...p.alerts].sort((a, b) => b.raisedTsMs - a.raisedTsMs).slice(0, 12);
  return (
    <section className="site-panel__history" data-testid="site-status-history">
      <h3>{t('site.history')}</h3>
      {rows.length === 0 ? (
        <p>{t('site.historyNone')}</p>
      ) : (
        <ol>
          {rows.map((a) => (
            <li key={a.id} data-severity={a.severity}>
              {p.formatTime(a.raisedTsMs)} — {p.siteName(a.siteId ?? '')}:{' '}
              {t(a.severity === 'critical' ? 'site.alarm' : 'site.warning')}
              {a.clearedTsMs !== null ? ` → ${t('site.cleared', { time: p.formatTime(a.clearedTsMs) })}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
