import { describe, expect, it } from 'vitest';
import { PLAYLISTS, SCENE_IDS, SCENES } from '../../client/features/wall/playlists';
import {
  itemsAt,
  secondsLeft,
  showScene,
  startRotation,
  stepRotation,
  tickRotation,
} from '../../client/features/wall/rotation';
import { parseWallUrl } from '../../client/features/wall/wall-url';

describe('wall URL', () => {
  it('reproduces a wall from its URL alone, Vietnamese by default', () => {
    const c = parseWallUrl('?playlist=shift&scene=covid&paused=1&chime=0');
    expect(c).toMatchObject({
      lang: 'vi',
      startScene: 'covid',
      paused: true,
      chime: false,
      unknownPlaylist: null,
    });
    expect(c.playlist).toBe(PLAYLISTS.shift);
    expect(parseWallUrl('?lang=en').lang).toBe('en');
  });

  it('builds an ad-hoc playlist from `scenes`, skipping what is not a scene', () => {
    const c = parseWallUrl('?scenes=covid:12,nope:5,province');
    expect(itemsAt(c.playlist, 3)).toEqual([
      { scene: 'covid', durationS: 12 },
      { scene: 'province', durationS: SCENES.province.durationS },
    ]);
  });

  it('falls back to the default playlist for an unknown name and says so; refuses script URLs for the basemap', () => {
    const c = parseWallUrl('?playlist=nope&basemap=javascript:alert(1)');
    expect(c.playlist).toBe(PLAYLISTS.default);
    expect(c.unknownPlaylist).toBe('nope');
    expect(c.basemap).toBeNull();
    expect(parseWallUrl('?basemap=/styles/pmtiles.json').basemap).toBe('/styles/pmtiles.json');
  });
});

describe('playlist rotation', () => {
  const items = itemsAt(PLAYLISTS.default!, 12);

  it('shows every scene in the default playlist', () => {
    expect(items.map((i) => i.scene)).toEqual(SCENE_IDS);
  });

  it('moves on when the scene time is up, wraps round, and stays while paused', () => {
    let r = startRotation(items, 0, null, false);
    expect(tickRotation(r, items, 1000)).toBe(r);
    r = tickRotation(r, items, items[0]!.durationS * 1000);
    expect(r.index).toBe(1);
    expect(stepRotation(r, items, -2, 0).index).toBe(items.length - 1);
    const paused = { ...r, paused: true };
    expect(tickRotation(paused, items, 10 ** 9)).toBe(paused);
    expect(secondsLeft(r, items, r.startedAtMs + 5000)).toBe(items[1]!.durationS - 5);
  });

  it('shows a scene by name and starts where the URL says', () => {
    const r = startRotation(items, 0, 'traffic', false);
    expect(items[r.index]!.scene).toBe('traffic');
    expect(items[showScene(r, items, 'covid', 5).index]!.scene).toBe('covid');
  });

  it('switches slot by the time of day, across midnight', () => {
    const shift = PLAYLISTS.shift!;
    expect(itemsAt(shift, 9)).toBe(shift.slots[0]!.items);
    expect(itemsAt(shift, 22)).toBe(shift.slots[1]!.items);
    expect(itemsAt(shift, 3)).toBe(shift.slots[1]!.items);
  });
});
