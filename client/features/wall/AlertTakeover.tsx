import { useEffect } from 'react';
import type { Alert } from '../../../protocol/state/alerts';
import { useT } from '../../i18n/use-t';
import { alertText, areaName } from '../../ui/alert-text';
import { formatClock } from '../../ui/format';
import { playChime } from './chime';
import { useWallStore } from './wall.store';

/**
 * A critical alert across the wall: what, where, since when, and that it waits for the console. The map behind
 * has already flown to the place. The chime sounds once per alert when the wall allows it; when the browser
 * blocks audio, the band says how to enable it (a key press or a touch on the wall).
 */
export function AlertTakeover({ alert }: { alert: Alert }) {
  const { t, intl } = useT();
  const chime = useWallStore((s) => s.config.chime);
  const soundBlocked = useWallStore((s) => s.soundBlocked);
  useEffect(() => {
    if (!chime) return;
    let cancelled = false;
    void playChime().then((ok) => {
      if (!cancelled) useWallStore.getState().setSoundBlocked(!ok);
    });
    return () => {
      cancelled = true;
    };
  }, [alert.id, chime]);
  const when = formatClock(alert.raisedTsMs, intl);
  return (
    <div className="takeover" role="alert" data-testid="alert-takeover" data-alert-id={alert.id}>
      <p className="takeover__kicker">{t('wall.takeover.kicker')}</p>
      <h2 className="takeover__text">{alertText(alert, t, intl)}</h2>
      <p className="takeover__where">
        {areaName(alert.area)} · {when.date} {when.time}
      </p>
      <p className="takeover__hint">{t('wall.takeover.hint')}</p>
      {chime && soundBlocked ? (
        <p className="takeover__sound" data-testid="sound-blocked">
          {t('wall.sound.blocked')}
        </p>
      ) : null}
    </div>
  );
}
