import { useT } from '../../i18n/use-t';
import { areaLabel } from '../kpi/area-label';
import { ScenarioClock } from '../operator/ScenarioClock';
import type { SceneDef } from './playlists';
import { SceneProgress } from './SceneProgress';
import { WallConnectionBanner } from './WallConnectionBanner';
import { useWallStore } from './wall.store';

/**
 * The scene on screen with its time left, the scenario clock and the connection, all in one band (critical
 * alerts still waiting on the console head the alert feed).
 */
export function WallHeader({ scene, takeover }: { scene: SceneDef; takeover: boolean }) {
  const { t } = useT();
  const area = useWallStore((s) => s.config.area);
  // A scoped wall names its area in every scene, so a title never names a place whose figures it does not show.
  const title =
    area === null
      ? t(scene.title)
      : t('wall.scene.scoped', { scene: t(scene.scopedTitle), area: areaLabel(area, t) });
  return (
    <header className="wall-header">
      <div className="wall-header__title">
        {/* The centre's name is the page's title, not a line of the wall: the room knows where it is, and the
            seat-legible type leaves no height for it (see docs/wall.md, legibility). */}
        <h1 className="wall-header__scene" data-testid="wall-scene-title">
          {takeover ? t('wall.takeover.scene', { scene: title }) : title}
        </h1>
        <SceneProgress />
      </div>
      <ScenarioClock />
      <WallConnectionBanner />
    </header>
  );
}
