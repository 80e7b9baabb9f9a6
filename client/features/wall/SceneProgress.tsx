import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { secondsLeft } from './rotation';
import { useWallStore } from './wall.store';

/** A thin bar of the current scene's time left, and a PAUSED mark when the playlist is held. */
export function SceneProgress() {
  const { t } = useT();
  const rotation = useWallStore((s) => s.rotation);
  const items = useWallStore((s) => s.items);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const item = items[rotation.index % items.length]!;
  const left = secondsLeft(rotation, items, now);
  return (
    <div className="scene-progress" data-testid="scene-progress" data-paused={rotation.paused}>
      <span className="scene-progress__pos">
        {rotation.index + 1}/{items.length}
      </span>
      {rotation.paused ? (
        <span className="scene-progress__paused">{t('wall.paused')}</span>
      ) : (
        <span className="scene-progress__bar">
          <span style={{ width: `${(100 * left) / item.durationS}%` }} />
        </span>
      )}
    </div>
  );
}
