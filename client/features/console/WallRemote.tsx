import type { WallControl } from '../../../protocol';
import { useT } from '../../i18n/use-t';
import { SCENE_IDS, SCENES } from '../wall/playlists';
import { useConsoleStore } from './console.store';

/** Steers every wall: pause, resume, step, or show a scene now. */
export function WallRemote() {
  const { t } = useT();
  const ready = useConsoleStore((s) => s.commands !== null);
  const send = (cmd: WallControl) => {
    const { commands, setError } = useConsoleStore.getState();
    void commands?.controlWalls(cmd).then((r) => {
      if (!r.ok) setError(t('console.refused', { error: r.error, details: '' }));
    });
  };
  return (
    // The skip link's target: focusable by script (tabIndex -1) without becoming a tab stop of its own.
    <section className="wall-remote" id="wall-remote" tabIndex={-1} data-testid="wall-remote">
      <h2>{t('console.walls')}</h2>
      <div className="wall-remote__buttons">
        <button type="button" disabled={!ready} onClick={() => send({ action: 'previous' })}>
          ◀ {t('console.wall.previous')}
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => send({ action: 'pause' })}
          data-testid="wall-pause"
        >
          ❚❚ {t('console.wall.pause')}
        </button>
        <button type="button" disabled={!ready} onClick={() => send({ action: 'resume' })}>
          ▶ {t('console.wall.resume')}
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => send({ action: 'next' })}
          data-testid="wall-next"
        >
          {t('console.wall.next')} ▶
        </button>
      </div>
      <div className="wall-remote__scenes">
        {SCENE_IDS.map((id) => (
          <button
            key={id}
            type="button"
            disabled={!ready}
            onClick={() => send({ action: 'show', scene: id })}
          >
            {t(SCENES[id].title)}
          </button>
        ))}
      </div>
    </section>
  );
}
