import { useMemo } from 'react';
import { emptyAlertsState, type Alert } from '../../../protocol/state/alerts';
import { effectiveNowMs } from '../../store/selectors';
import { useStore } from '../../store/store';
import { useScenarioNow } from '../../store/use-scenario-now';
import { ALERT_SCENE, SCENES, scopeScene, type SceneDef } from './playlists';
import { currentItem } from './rotation';
import { takeoverCandidate } from './takeover';
import { useWallStore } from './wall.store';

export interface WallScene {
  scene: SceneDef;
  /** The critical alert holding the wall, or null when the playlist runs. */
  takeover: Alert | null;
}

/** The scene of an alert: the environment scene for sensors (traffic for road sensors), else by rule. */
export function sceneOfAlert(a: Alert): SceneDef {
  if (a.kind === 'traffic_flow' || a.kind === 'noise') return SCENES.traffic;
  return SCENES[ALERT_SCENE[a.rule]];
}

/**
 * What the wall shows now: a recent critical alert that is active and not yet acknowledged takes the wall to
 * its scene; once acknowledged (on the console), cleared or resolved — or after it held the wall for its time —
 * the playlist goes on where it was.
 */
export function useWallScene(): WallScene {
  const state = useStore((s) => s.feed.state);
  const alerts = state?.alerts ?? EMPTY_ALERTS;
  const scenarioNow = useScenarioNow(1000);
  const now = state ? effectiveNowMs(state, scenarioNow) : 0;
  const parked = useWallStore((s) => s.parked);
  // Recency is judged to the minute, so the takeover does not re-evaluate every second.
  const minute = Math.floor(now / 60_000);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const takeover = useMemo(() => takeoverCandidate(alerts, now, parked), [alerts, minute, parked]);
  const item = useWallStore((s) => currentItem(s.rotation, s.items));
  const area = useWallStore((s) => s.config.area);
  // A takeover frames its alert; its tiles still count the wall's own area.
  const scene = takeover ? sceneOfAlert(takeover) : SCENES[item.scene];
  return { scene: scopeScene(scene, area), takeover };
}

const EMPTY_ALERTS = emptyAlertsState();
