import type { Principal } from '../../protocol/auth.schema';
import { useCoreT } from '../i18n/use-core-t';
import { LocaleSwitch } from '../ui/LocaleSwitch';
import { SessionBadge } from '../ui/SessionBadge';
import { HOME_OF } from './access';

/** A signed-in user on a page of another role (with reads not open): say so, and offer their own page. */
export function Forbidden({ principal }: { principal: Principal }) {
  const { t } = useCoreT();
  return (
    <div className="auth-page">
      <header className="app-header">
        <h1 className="app-header__title">{t('appTitle')}</h1>
        <div className="app-header__right">
          <SessionBadge />
          <LocaleSwitch />
        </div>
      </header>
      <main className="auth-card" data-testid="forbidden">
        <h2>{t('forbidden.title')}</h2>
        <p>{t('forbidden.body', { role: t(`role.${principal.role}`) })}</p>
        <a className="auth-button" href={HOME_OF[principal.role]}>
          {t('forbidden.home')}
        </a>
      </main>
    </div>
  );
}
