import { useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCoreT } from '../i18n/use-core-t';
import { operatorToken } from '../net/operator-token';
import { accessFor, isOpenPath } from './access';
import { Forbidden } from './Forbidden';
import { navigation } from './navigation';
import { useSessionStore } from './session.store';

/**
 * Shows a view once the session is known and the visitor may see it: sends anonymous visitors to the login
 * page when the server wants reads signed in, and tells a signed-in user whose role does not fit. Open pages
 * (`/public`, `/login`) render at once and never ask the server who is there.
 */
export function AccessGate({
  pathname,
  search,
  children,
}: {
  pathname: string;
  search: string;
  children: ReactNode;
}) {
  const { t } = useCoreT();
  const open = isOpenPath(pathname);
  const { status, principal, readAccess } = useSessionStore(
    useShallow((s) => ({ status: s.status, principal: s.principal, readAccess: s.readAccess })),
  );
  // Read once, first: it also moves a token from the address bar into the tab's storage.
  const [hasOperatorToken] = useState(() => !open && operatorToken() !== undefined);
  useEffect(() => {
    if (!open) void useSessionStore.getState().load();
  }, [open]);
  const access =
    open || status !== 'ready' ? null : accessFor(pathname, search, principal, readAccess, hasOperatorToken);
  const signInTo = access?.kind === 'sign-in' ? access.to : null;
  useEffect(() => {
    if (signInTo) navigation.go(signInTo);
  }, [signInTo]);

  if (open) return children;
  if (!access)
    return (
      <p className="route-loading" role="status" data-testid="session-checking">
        {t('session.checking')}
      </p>
    );
  if (access.kind === 'sign-in')
    return (
      <p className="route-loading" role="status" data-testid="sign-in-redirect">
        {t('session.redirecting')}
      </p>
    );
  if (access.kind === 'forbidden' && principal) return <Forbidden principal={principal} />;
  return children;
}
