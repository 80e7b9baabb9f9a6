import { useStore } from '../../store/store';
import type { ReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';

/** The link of what the page shows now (range, cursor, speed, playing, area, scene); null before a position. */
export function currentReplayLink(): ReplayLink | null {
  const { fromMs, toMs, position, speed } = useReplayStore.getState();
  if (!position) return null;
  const { focusArea, choropleth, showSensors } = useStore.getState();
  return {
    fromMs,
    toMs,
    atMs: position.cursorMs,
    speed,
    playing: position.playing,
    area: focusArea,
    scene: choropleth,
    sensors: showSensors,
  };
}
