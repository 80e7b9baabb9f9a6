import { useMemo } from 'react';
import { emptyAlertsState, takeoverAlert, type Alert } from '../../../protocol/state/alerts';
import { useStore } from '../../store/store';
import { ALERT_SCENE, SCENES, type SceneDef } from './playlists';
import { currentItem } from './rotation';
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
 * What the wall shows now: a critical alert that is active and not yet acknowledged takes the wall to its
 * scene; once acknowledged (on the console), cleared or resolved, the playlist goes on where it was.
 */
export function useWallScene(): WallScene {
  const alerts = useStore((s) => s.feed.state?.alerts) ?? EMPTY_ALERTS;
  const takeover = useMemo(() => takeoverAlert(alerts), [alerts]);
  const item = useWallStore((s) => currentItem(s.rotation, s.items));
  return { scene: takeover ? sceneOfAlert(takeover) : SCENES[item.scene], takeover };
}

const EMPTY_ALERTS = emptyAlertsState();
