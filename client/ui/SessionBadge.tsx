import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { signInUrl } from '../access/access';
import { navigation } from '../access/navigation';
import { useSessionStore } from '../access/session.store';
import { useCoreT } from '../i18n/use-core-t';

/** Who is signed in, with their role in words and a way out; or, for a visitor, the way in. */
export function SessionBadge() {
  const { t } = useCoreT();
  const { status, principal } = useSessionStore(
    useShallow((s) => ({ status: s.status, principal: s.principal })),
  );
  const [failed, setFailed] = useState(false);
  // Before the server answered, say nothing rather than a "sign in" that may be wrong a moment later.
  if (status !== 'ready') return null;
  if (!principal)
    return (
      <a
        className="session-badge__sign-in"
        href={signInUrl(window.location.pathname, window.location.search)}
        data-testid="sign-in-link"
      >
        {t('session.signIn')}
      </a>
    );
  const signOut = async () => {
    setFailed(false);
    try {
      await useSessionStore.getState().signOut();
      navigation.go('/login');
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="session-badge" data-testid="session-badge" data-role={principal.role}>
      <span className="session-badge__who">
        <strong data-testid="session-name">{principal.name}</strong>
        <span className="session-badge__role">{t(`role.${principal.role}`)}</span>
      </span>
      {/* A wall has no one at it to sign back in. */}
      {principal.role === 'display' ? null : (
        <button type="button" onClick={() => void signOut()} data-testid="sign-out">
          {t('session.signOut')}
        </button>
      )}
      {failed ? <span role="alert">{t('session.signOutFailed')}</span> : null}
    </div>
  );
}
