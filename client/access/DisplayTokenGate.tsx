import { useEffect, useState, type ReactNode } from 'react';
import { useCoreT } from '../i18n/use-core-t';
import { ApiError } from '../net/api';
import { formatClock } from '../ui/format';
import { useSessionStore } from './session.store';

type Attempt = { kind: 'busy' } | { kind: 'ok' } | { kind: 'revoked' | 'unreachable'; atMs: number };

/** Long enough not to hammer the server from every wall, short enough that a fixed network shows soon. */
export const DISPLAY_RETRY_MS = 30_000;

/** The address bar without `display=…`: the token must not end up in screenshots or a copied link. */
function stripDisplayToken(): void {
  const url = new URL(window.location.href);
  url.searchParams.delete('display');
  window.history.replaceState(window.history.state, '', url);
}

/**
 * `/wall?display=TOKEN`: a kiosk has no keyboard, so the wall signs itself in with the token in its start URL.
 * Until the server accepts it, the whole screen says why in big type and the wall keeps trying: a display
 * that lost its token is seen from across the room, and one that only lost the network heals by itself.
 */
export function DisplayTokenGate({
  token,
  retryMs = DISPLAY_RETRY_MS,
  children,
}: {
  token: string;
  retryMs?: number;
  children: ReactNode;
}) {
  const { t, intl } = useCoreT();
  const [attempt, setAttempt] = useState<Attempt>({ kind: 'busy' });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tryOnce = async () => {
      try {
        const { redeemToken } = await import('../net/auth-api');
        const principal = await redeemToken(token);
        if (stopped) return;
        useSessionStore.getState().signedIn(principal);
        stripDisplayToken();
        setAttempt({ kind: 'ok' });
      } catch (e) {
        if (stopped) return;
        // 4xx: the server looked at the token and said no; anything else: it could not be asked.
        const refused = e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429;
        setAttempt({ kind: refused ? 'revoked' : 'unreachable', atMs: Date.now() });
        timer = setTimeout(() => void tryOnce(), retryMs);
      }
    };
    void tryOnce();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, retryMs]);

  if (attempt.kind === 'ok') return children;
  return (
    <main className="display-gate" role="alert" data-testid="display-gate" data-state={attempt.kind}>
      {attempt.kind === 'busy' ? (
        <p className="display-gate__body">{t('display.busy')}</p>
      ) : (
        <>
          <h1 className="display-gate__title">{t('display.title')}</h1>
          <p className="display-gate__body">
            {t(attempt.kind === 'revoked' ? 'display.revoked' : 'display.unreachable')}
          </p>
          <p className="display-gate__retry">
            {t('display.retry', {
              seconds: Math.round(retryMs / 1000),
              time: formatClock(attempt.atMs, intl).time,
            })}
          </p>
        </>
      )}
    </main>
  );
}
