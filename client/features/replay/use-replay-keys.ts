import { useEffect } from 'react';
import { REPLAY_SPEEDS } from '../../../protocol/replay.schema';
import { BOOKMARK_NOTE_ID } from './BookmarkPanel';
import { useBookmarks } from './bookmarks';
import { useReplayConnection } from './replay-context';
import { useReplayStore } from './replay.store';

/**
 * Keyboard: Space play/pause, → one event (Shift: 100), N / P next / previous alert, 1–5 the speeds, B a
 * bookmark at the cursor (the note field takes focus; Enter saves). Ignored while typing in a field.
 */
export function useReplayKeys(): void {
  const conn = useReplayConnection();
  useEffect(() => {
    if (!conn) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      const playing = useReplayStore.getState().position?.playing ?? false;
      const speed = REPLAY_SPEEDS[Number(e.key) - 1];
      if (e.key === ' ') void (playing ? conn.pause() : conn.play());
      else if (e.key === 'ArrowRight') void conn.step(e.shiftKey ? 100 : 1);
      else if (e.key === 'n' || e.key === 'N') void conn.jump('next');
      else if (e.key === 'p' || e.key === 'P') void conn.jump('previous');
      else if (e.key === 'b' || e.key === 'B') {
        const at = useReplayStore.getState().position?.cursorMs;
        if (at === undefined) return;
        useBookmarks.setState({ pendingAtMs: at });
        document.getElementById(BOOKMARK_NOTE_ID)?.focus();
      } else if (speed) {
        useReplayStore.setState({ speed });
        if (playing) void conn.play();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conn]);
}
