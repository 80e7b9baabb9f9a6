import { useEffect, useState } from 'react';
import type { Principal } from '../../../protocol/auth.schema';
import { HOME_OF, safeNext } from '../../access/access';
import { navigation } from '../../access/navigation';
import { useSessionStore } from '../../access/session.store';
import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { LoginForm } from './LoginForm';
import { redeemOnceLink, removeFromAddressBar } from './once-link';
import './login.css';

/**
 * `/login`: the sign-in page, Vietnamese first. `?next=/kpi` brings the user back where they were sent from;
 * `?once=TOKEN` is the one-time link the server prints on first run, redeemed without typing anything and
 * leading to the admin page.
 */
export default function LoginRoute() {
  const { t } = useT();
  const [{ next, once }] = useState(() => {
    const params = new URLSearchParams(window.location.search);
    return { next: safeNext(params.get('next')), once: params.get('once') };
  });
  const [onceState, setOnceState] = useState<'busy' | 'failed' | null>(once ? 'busy' : null);

  const enter = (principal: Principal, fallback: string) => {
    useSessionStore.getState().signedIn(principal);
    navigation.go(next ?? fallback);
  };

  useEffect(() => {
    if (!once) return;
    removeFromAddressBar('once');
    let live = true;
    redeemOnceLink(once).then(
      (principal) => {
        if (!live) return;
        useSessionStore.getState().signedIn(principal);
        navigation.go(next ?? '/admin');
      },
      () => live && setOnceState('failed'),
    );
    return () => {
      live = false;
    };
  }, [once, next]);

  return (
    <div className="auth-page login-page">
      <header className="app-header">
        <h1 className="app-header__title">{t('appTitle')}</h1>
        <div className="app-header__right">
          <LocaleSwitch />
        </div>
      </header>
      <main className="auth-card" data-testid="login-page">
        <h2 className="auth-card__title">{t('login.title')}</h2>
        <p className="auth-card__subtitle">{t('login.subtitle')}</p>
        {onceState === 'busy' ? (
          <p className="login-once" role="status" data-testid="login-once">
            {t('login.once.busy')}
          </p>
        ) : (
          <>
            {onceState === 'failed' ? (
              <p className="login-form__error" role="alert" data-testid="login-once-failed">
                {t('login.once.invalid')}
              </p>
            ) : null}
            <LoginForm onSignedIn={(p) => enter(p, HOME_OF[p.role])} />
          </>
        )}
        <a className="login-page__public" href="/public">
          {t('login.public')}
        </a>
      </main>
    </div>
  );
}
