import { lazy, Suspense } from 'react';
import { useT } from '../../i18n/use-t';
import { useStore } from '../../store/store';
import { ProtocolBanner } from '../operator/ProtocolBanner';
import { AlertFeed } from './AlertFeed';
import { AlertTakeover } from './AlertTakeover';
import { useWallScene } from './use-wall-scene';
import { WallHeader } from './WallHeader';
import { WallTiles } from './WallTiles';

// maplibre + deck.gl load apart, so the tiles, clock and alerts draw first.
const WallMap = lazy(() => import('./WallMap'));

/** The kiosk layout: header, the map with its legend, the scene's tiles and the alert feed; the takeover on top. */
export function WallScreen() {
  const { t } = useT();
  const { scene, takeover } = useWallScene();
  // The last seq folded in: checks (and people) can see that a reconnect filled the gap.
  const seq = useStore((s) => s.feed.lastSeq);
  return (
    <div
      className="wall"
      data-testid="wall"
      data-scene={scene.id}
      data-takeover={takeover ? 'on' : 'off'}
      data-seq={seq}
    >
      <ProtocolBanner />
      <WallHeader scene={scene} takeover={takeover !== null} />
      <main className="wall__main">
        <Suspense fallback={<div className="wall-map wall-map--loading">{t('map.loading')}</div>}>
          <WallMap scene={scene} takeover={takeover} />
        </Suspense>
        <aside className="wall__side">
          <WallTiles scene={scene} />
          <AlertFeed takeover={takeover !== null} />
        </aside>
        {/* In the main area, so the band starts under the header however many lines its type needs. */}
        {takeover ? <AlertTakeover alert={takeover} /> : null}
      </main>
    </div>
  );
}
