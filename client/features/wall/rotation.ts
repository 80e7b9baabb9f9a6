import type { Playlist, PlaylistItem, SceneId } from './playlists';

/** Where a wall is in its playlist. Times are browser ms: scenes rotate in real time, whatever the scenario speed. */
export interface Rotation {
  index: number;
  startedAtMs: number;
  paused: boolean;
}

/** The items of the playlist's slot that holds `hour` (0–24, Vietnam time); a slot may wrap past midnight. */
export function itemsAt(playlist: Playlist, hour: number): readonly PlaylistItem[] {
  for (const s of playlist.slots) {
    const inSlot =
      s.fromHour <= s.toHour ? hour >= s.fromHour && hour < s.toHour : hour >= s.fromHour || hour < s.toHour;
    if (inSlot) return s.items;
  }
  return playlist.slots[0]!.items;
}

export function startRotation(
  items: readonly PlaylistItem[],
  nowMs: number,
  start: SceneId | null,
  paused: boolean,
): Rotation {
  const i = start ? items.findIndex((it) => it.scene === start) : 0;
  return { index: Math.max(0, i), startedAtMs: nowMs, paused };
}

export function currentItem(rot: Rotation, items: readonly PlaylistItem[]): PlaylistItem {
  return items[rot.index % items.length]!;
}

/** Moves `delta` scenes on (negative: back), restarting the scene's time. */
export function stepRotation(
  rot: Rotation,
  items: readonly PlaylistItem[],
  delta: number,
  nowMs: number,
): Rotation {
  const n = items.length;
  return { ...rot, index: (((rot.index + delta) % n) + n) % n, startedAtMs: nowMs };
}

/** Advances when the current scene's time is up; paused walls stay. Returns the same object when nothing changes. */
export function tickRotation(rot: Rotation, items: readonly PlaylistItem[], nowMs: number): Rotation {
  if (rot.paused) return rot;
  const { durationS } = currentItem(rot, items);
  return nowMs - rot.startedAtMs >= durationS * 1000 ? stepRotation(rot, items, 1, nowMs) : rot;
}

/** Shows a scene by name: its place in the playlist when it has one, else the current place is kept. */
export function showScene(
  rot: Rotation,
  items: readonly PlaylistItem[],
  scene: SceneId,
  nowMs: number,
): Rotation {
  const i = items.findIndex((it) => it.scene === scene);
  return i < 0 ? rot : { ...rot, index: i, startedAtMs: nowMs };
}

/** Seconds left of the current scene, for the progress bar. */
export function secondsLeft(rot: Rotation, items: readonly PlaylistItem[], nowMs: number): number {
  return Math.max(0, currentItem(rot, items).durationS - (nowMs - rot.startedAtMs) / 1000);
}
