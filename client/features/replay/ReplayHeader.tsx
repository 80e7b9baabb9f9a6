import { useT } from '../../i18n/use-t';
import { LocaleSwitch } from '../../ui/LocaleSwitch';
import { SessionBadge } from '../../ui/SessionBadge';
import { formatClock, formatNumber } from '../../ui/format';
import { useReplayStore } from './replay.store';

/** A replay must never pass for live: a loud badge, the replayed instant and a way back to live. */
export function ReplayHeader() {
  const { t, intl } = useT();
  const position = useReplayStore((s) => s.position);
  const pendingAtMs = useReplayStore((s) => s.pendingAtMs);
  // A link's instant is known before its state arrives: the clock says where the page is going, never "waiting".
  const shownMs = position?.cursorMs ?? pendingAtMs;
  const clock = shownMs === null ? null : formatClock(shownMs, intl);
  return (
    <header className="app-header replay-header">
      <h1 className="app-header__title">{t('appTitle')}</h1>
      <span className="replay-badge" data-testid="replay-badge">
        {t('replay.badge')}
      </span>
      <div
        className={position ? 'clock' : 'clock clock--pending'}
        data-testid="replay-clock"
        data-ms={position?.cursorMs ?? ''}
        aria-busy={!position}
      >
        <span className="clock__label">{t('replay.time')}</span>
        <span className="clock__date">{clock?.date ?? t('clockWaiting')}</span>
        <span className="clock__time">{clock?.time ?? ''}</span>
        <span className="clock__speed" data-testid="replay-state">
          {position?.playing ? `×${formatNumber(position.speed, intl)}` : t('clockPaused')}
        </span>
      </div>
      <div className="app-header__right">
        <a className="replay-header__live" href="/" data-testid="replay-back-live">
          {t('replay.backToLive')}
        </a>
        <SessionBadge />
        <LocaleSwitch />
      </div>
    </header>
  );
}
