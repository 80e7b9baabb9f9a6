import { create } from 'zustand';
import type { WallControl } from '../../../protocol/live.schema';
import type { PlaylistItem } from './playlists';
import { itemsAt, showScene, startRotation, stepRotation, tickRotation, type Rotation } from './rotation';
import type { WallConfig } from './wall-url';
import { parseWallUrl } from './wall-url';

/**
 * The wall's own state: where it is in its playlist, and the samples behind the sensor sparklines. Not server
 * data (that is the main store's feed); a store anyway, so the keyboard, the console's remote control and the
 * views act on one place.
 */
export interface WallState {
  config: WallConfig;
  items: readonly PlaylistItem[];
  rotation: Rotation;
  /** By `sampleKey(area, tile)`. */
  samples: Partial<Record<string, readonly number[]>>;
  /** The alert holding the wall and since when (browser ms), so it can be parked after a while. */
  holding: { id: string; sinceMs: number } | null;
  /** Alerts that held the wall for their time and now wait on the console (newest last, bounded). */
  parked: readonly string[];
  /** True once the browser refused to play the chime without a gesture; a key or a touch enables it. */
  soundBlocked: boolean;
  init: (config: WallConfig, nowMs: number, hour: number) => void;
  /** Called every second: follows the playlist's time-of-day slot and moves on when a scene's time is up. */
  tick: (nowMs: number, hour: number) => void;
  control: (cmd: WallControl, nowMs: number) => void;
  setSamples: (samples: Partial<Record<string, readonly number[]>>) => void;
  /** Notes which alert holds the wall now (null: none), parking it once it has held it `maxMs`. */
  hold: (id: string | null, nowMs: number, maxMs: number) => void;
  setSoundBlocked: (blocked: boolean) => void;
}

const initial = parseWallUrl('');
const MAX_PARKED = 200;

export const useWallStore = create<WallState>()((set) => ({
  config: initial,
  items: itemsAt(initial.playlist, 12),
  rotation: { index: 0, startedAtMs: 0, paused: false },
  samples: {},
  holding: null,
  parked: [],
  soundBlocked: false,
  init: (config, nowMs, hour) => {
    const items = itemsAt(config.playlist, hour);
    set({
      config,
      items,
      rotation: startRotation(items, nowMs, config.startScene, config.paused),
      samples: {},
    });
  },
  tick: (nowMs, hour) =>
    set((s) => {
      const items = itemsAt(s.config.playlist, hour);
      // A new time-of-day slot starts from its first scene.
      if (items !== s.items) return { items, rotation: startRotation(items, nowMs, null, s.rotation.paused) };
      const rotation = tickRotation(s.rotation, items, nowMs);
      return rotation === s.rotation ? s : { rotation };
    }),
  control: (cmd, nowMs) =>
    set((s) => {
      switch (cmd.action) {
        case 'pause':
          return { rotation: { ...s.rotation, paused: true } };
        case 'resume':
          return { rotation: { ...s.rotation, paused: false, startedAtMs: nowMs } };
        case 'next':
          return { rotation: stepRotation(s.rotation, s.items, 1, nowMs) };
        case 'previous':
          return { rotation: stepRotation(s.rotation, s.items, -1, nowMs) };
        case 'show':
          return cmd.scene
            ? { rotation: showScene(s.rotation, s.items, cmd.scene as PlaylistItem['scene'], nowMs) }
            : s;
      }
    }),
  setSamples: (samples) => set({ samples }),
  hold: (id, nowMs, maxMs) =>
    set((s) => {
      if (id === null) return s.holding ? { holding: null } : s;
      if (s.holding?.id !== id) return { holding: { id, sinceMs: nowMs } };
      if (nowMs - s.holding.sinceMs < maxMs) return s;
      return { holding: null, parked: [...s.parked, id].slice(-MAX_PARKED) };
    }),
  setSoundBlocked: (soundBlocked) => set((s) => (s.soundBlocked === soundBlocked ? s : { soundBlocked })),
}));
