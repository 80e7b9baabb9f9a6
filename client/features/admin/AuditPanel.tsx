import { useT } from '../../i18n/use-t';
import { formatDateTime } from '../../ui/format';
import { AUDIT_LIMIT, useAdminStore } from './admin.store';

/** Who did what, newest first; names and targets come from users and sources, so they are shown as text only. */
export function AuditPanel() {
  const { t, intl } = useT();
  const audit = useAdminStore((s) => s.audit);
  return (
    <section className="admin-section admin-section--wide" aria-labelledby="admin-audit">
      <h2 id="admin-audit">
        {t('admin.audit')} <small>({audit.length === AUDIT_LIMIT ? `≤ ${AUDIT_LIMIT}` : audit.length})</small>
      </h2>
      {audit.length === 0 ? <p>{t('admin.audit.empty')}</p> : null}
      <table className="admin-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.time')}</th>
            <th scope="col">{t('admin.audit.actor')}</th>
            <th scope="col">{t('admin.audit.action')}</th>
            <th scope="col">{t('admin.audit.target')}</th>
            <th scope="col">{t('admin.audit.ip')}</th>
          </tr>
        </thead>
        <tbody>
          {audit.map((a) => (
            <tr key={a.id} data-testid="audit-row" data-action={a.action}>
              <td>{formatDateTime(a.atMs, intl)}</td>
              <td className="admin-table__text">{a.actor}</td>
              <td>{t(`audit.${a.action}`)}</td>
              <td className="admin-table__text">{a.target}</td>
              <td>{a.ip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
