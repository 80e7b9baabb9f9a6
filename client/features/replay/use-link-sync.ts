import { useEffect } from 'react';
import { useStore } from '../../store/store';
import { currentReplayLink } from './current-link';
import { formatReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';

/**
 * Keeps the address bar on the current moment, area and scene whenever the replay stands still, so a reload
 * lands there (while playing, the position would rewrite the history entry several times a second).
 */
export function useLinkSync(): void {
  useEffect(() => {
    const write = () => {
      const link = currentReplayLink();
      if (!link || link.playing) return;
      window.history.replaceState(null, '', formatReplayLink(link, window.location.origin));
    };
    const offReplay = useReplayStore.subscribe((s, prev) => {
      if (s.position !== prev.position || s.speed !== prev.speed) write();
    });
    const offView = useStore.subscribe((s, prev) => {
      if (
        s.focusArea !== prev.focusArea ||
        s.choropleth !== prev.choropleth ||
        s.showSensors !== prev.showSensors
      )
        write();
    });
    return () => {
      offReplay();
      offView();
    };
  }, []);
}
