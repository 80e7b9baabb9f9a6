import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { formatClock } from '../../ui/format';

/** Reconnecting for longer than this is shown as OFFLINE: socket.io retries for ever, the wall must not pretend. */
export const OFFLINE_AFTER_MS = 20_000;

/**
 * LIVE, RECONNECTING, or OFFLINE since hh:mm (the wall's own time of the drop). Always on screen, large, and
 * never green unless the feed is live.
 */
export function WallConnectionBanner() {
  const { t, intl } = useT();
  const { connection, since } = useStore(
    useShallow((s) => ({ connection: s.connection, since: s.connectionSinceMs })),
  );
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection === 'live') return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [connection]);
  const shown = connection === 'reconnecting' && now - since > OFFLINE_AFTER_MS ? 'offline' : connection;
  const at = formatClock(since, intl).time.slice(0, 5);
  return (
    <div
      className={`wall-conn wall-conn--${shown}`}
      data-testid="wall-connection"
      data-state={shown}
      role="status"
    >
      <span className="wall-conn__dot" aria-hidden="true" />
      <span className="wall-conn__label">{t(`conn.${shown}`)}</span>
      {shown === 'live' ? null : (
        <span className="wall-conn__since">{t('wall.conn.since', { time: at })}</span>
      )}
    </div>
  );
}
