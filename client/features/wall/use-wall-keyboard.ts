import { useEffect } from 'react';
import { useLocaleStore } from '../../i18n/locale.store';
import { unlockAudio } from './chime';
import { SCENE_IDS } from './playlists';
import { useWallStore } from './wall.store';

/**
 * A wall has a keyboard at most: Space pauses or resumes, ← and → step scenes, 1–6 show a scene, L switches
 * the language. Any key (or touch) also lets the browser play the alert chime.
 */
export function useWallKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      unlockAudio();
      useWallStore.getState().setSoundBlocked(false);
      const wall = useWallStore.getState();
      const now = Date.now();
      if (e.key === ' ') wall.control({ action: wall.rotation.paused ? 'resume' : 'pause' }, now);
      else if (e.key === 'ArrowRight') wall.control({ action: 'next' }, now);
      else if (e.key === 'ArrowLeft') wall.control({ action: 'previous' }, now);
      else if (/^[1-9]$/.test(e.key) && SCENE_IDS[Number(e.key) - 1])
        wall.control({ action: 'show', scene: SCENE_IDS[Number(e.key) - 1] }, now);
      else if (e.key === 'l' || e.key === 'L') {
        const { locale, setLocale } = useLocaleStore.getState();
        setLocale(locale === 'vi' ? 'en' : 'vi');
      } else return;
      e.preventDefault();
    };
    const onPointer = () => {
      unlockAudio();
      useWallStore.getState().setSoundBlocked(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, []);
}
