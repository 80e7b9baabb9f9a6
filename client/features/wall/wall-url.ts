import type { Locale } from '../../i18n';
import { parseDisplayProfile, type DisplayProfile } from './display-profile';
import { isFocusable } from '../../store/drill-down';
import { PLAYLISTS, SCENES, SCENE_IDS, type Playlist, type PlaylistItem, type SceneId } from './playlists';

/** Everything that makes a wall what it is, read from its URL alone, so a wall can be set up by a link. */
export interface WallConfig {
  playlist: Playlist;
  /** Set when the URL named a playlist that does not exist (the default runs instead, and the wall says so). */
  unknownPlaylist: string | null;
  lang: Locale;
  startScene: SceneId | null;
  paused: boolean;
  chime: boolean;
  /** A MapLibre style URL for a basemap (remote or a local PMTiles-backed style); none: the offline style. */
  basemap: string | null;
  /**
   * The one district (or Tân An ward) the wall is about (`?area=802`), or null for the province: every scene
   * then frames and counts that area.
   */
  area: string | null;
  /** The screen and the seats' distance that size the type (`?profile=65-4k-6m`, see `display-profile.ts`). */
  profile: DisplayProfile;
}

const isScene = (s: string): s is SceneId => (SCENE_IDS as string[]).includes(s);

/** `covid:30,environment:20` → an ad-hoc playlist; entries that are not scenes are skipped. */
function inlinePlaylist(spec: string): Playlist | null {
  const items: PlaylistItem[] = [];
  for (const part of spec.split(',')) {
    const [name = '', secs] = part.split(':');
    if (!isScene(name)) continue;
    const d = Number(secs);
    items.push({ scene: name, durationS: Number.isFinite(d) && d >= 5 ? d : SCENES[name].durationS });
  }
  return items.length ? { id: `custom:${spec}`, slots: [{ fromHour: 0, toHour: 24, items }] } : null;
}

/**
 * `/wall?playlist=shift&lang=vi&scene=covid&paused=1&chime=0&basemap=…&area=802` or `?scenes=covid:30,province:20`.
 * Vietnamese unless `lang=en`.
 */
export function parseWallUrl(search: string): WallConfig {
  const q = new URLSearchParams(search);
  const name = q.get('playlist');
  const inline = q.get('scenes') ? inlinePlaylist(q.get('scenes')!) : null;
  const named = name ? PLAYLISTS[name] : undefined;
  const start = q.get('scene');
  const basemap = q.get('basemap');
  return {
    playlist: inline ?? named ?? PLAYLISTS.default!,
    unknownPlaylist: !inline && name && !named ? name : null,
    lang: q.get('lang') === 'en' ? 'en' : 'vi',
    startScene: start && isScene(start) ? start : null,
    paused: q.get('paused') === '1',
    chime: q.get('chime') !== '0',
    // Only same-origin paths or http(s) URLs: the parameter must not become a way to run script.
    basemap: basemap && /^(https?:\/\/|\/)[^\s]*$/.test(basemap) ? basemap : null,
    area: isFocusable(q.get('area')) ? q.get('area') : null,
    profile: parseDisplayProfile(search),
  };
}
