import { useT } from '../../i18n/use-t';
import { areaLabel } from '../kpi/area-label';
import { useStore } from '../../store/store';
import { effectiveNowMs } from '../../store/selectors';
import { useScenarioNow } from '../../store/use-scenario-now';
import { waitingCriticalCount } from './takeover';
import { ScenarioClock } from '../operator/ScenarioClock';
import type { SceneDef } from './playlists';
import { SceneProgress } from './SceneProgress';
import { WallConnectionBanner } from './WallConnectionBanner';
import { useWallStore } from './wall.store';

/**
 * Title, the scene on screen with its time left, critical alerts still waiting on the console, the scenario
 * clock and the connection, all in one band.
 */
export function WallHeader({ scene, takeover }: { scene: SceneDef; takeover: boolean }) {
  const { t } = useT();
  const scenarioNow = useScenarioNow(1000);
  // A shelving ends by the clock, not by an event: the count reads the scenario's now.
  const waiting = useStore((s) =>
    s.feed.state ? waitingCriticalCount(s.feed.state.alerts, effectiveNowMs(s.feed.state, scenarioNow)) : 0,
  );
  const area = useWallStore((s) => s.config.area);
  // A scoped wall names its area in every scene, so a title never names a place whose figures it does not show.
  const title =
    area === null
      ? t(scene.title)
      : t('wall.scene.scoped', { scene: t(scene.scopedTitle), area: areaLabel(area, t) });
  return (
    <header className="wall-header">
      <div className="wall-header__title">
        <h1>{t('wall.title')}</h1>
        <p className="wall-header__scene" data-testid="wall-scene-title">
          {takeover ? t('wall.takeover.scene', { scene: title }) : title}
        </p>
        <SceneProgress />
      </div>
      {!takeover && waiting > 0 ? (
        <p className="wall-header__waiting" data-testid="critical-waiting">
          {t('wall.waiting', { n: waiting })}
        </p>
      ) : null}
      <ScenarioClock />
      <WallConnectionBanner />
    </header>
  );
}
