import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { SessionBadge } from '../../ui/SessionBadge';
import { useAdminStore } from './admin.store';
import { AuditPanel } from './AuditPanel';
import { TokensPanel } from './TokensPanel';
import { UsersPanel } from './UsersPanel';
import './admin.css';

/** `/admin`: users, access tokens and the audit log; the access gate lets only admins this far. */
export default function AdminRoute() {
  const { t } = useT();
  const status = useAdminStore((s) => s.status);
  const error = useAdminStore((s) => s.error);
  useEffect(() => {
    void useAdminStore.getState().load();
  }, []);
  return (
    <div className="auth-page admin" data-testid="admin-page">
      <header className="app-header">
        <h1 className="app-header__title">{t('admin.title')}</h1>
        <div className="app-header__right">
          <SessionBadge />
          <LocaleSwitch />
        </div>
      </header>
      {error ? (
        <p className="admin__error" role="alert" data-testid="admin-error">
          {status === 'error'
            ? t('admin.loadError', { message: error.error })
            : t('admin.error', { error: error.error })}
        </p>
      ) : null}
      {status === 'loading' || status === 'idle' ? (
        <p className="route-loading" role="status">
          {t('waiting')}
        </p>
      ) : null}
      {status === 'ready' ? (
        <main className="admin__main">
          <UsersPanel />
          <TokensPanel />
          <AuditPanel />
        </main>
      ) : null}
    </div>
  );
}
