import { useEffect } from 'react';
import { formatReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';

/** Keeps the address bar on the current moment whenever the replay stands still, so reload lands there. */
export function useLinkSync(): void {
  useEffect(
    () =>
      useReplayStore.subscribe((s, prev) => {
        if (!s.position || s.position.playing) return;
        if (s.position === prev.position && s.speed === prev.speed) return;
        const link = formatReplayLink(
          { fromMs: s.fromMs, toMs: s.toMs, atMs: s.position.cursorMs, speed: s.speed },
          window.location.origin,
        );
        window.history.replaceState(null, '', link);
      }),
    [],
  );
}
