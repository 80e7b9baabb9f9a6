import { describe, expect, it } from 'vitest';
import { parseReplayLink, formatReplayLink, type ReplayLink } from '../../client/features/replay/replay-link';
import { vnIso } from '../../protocol/time';
import { MAX_TICK_ELAPSED_MS, playTarget } from '../../server/replay/play-target';

describe('replay clock', () => {
  it('advances speed × elapsed real time', () => {
    expect(playTarget(1_000, 600, 200, 10_000_000)).toBe(1_000 + 120_000);
  });
  it('stops at the limit and never goes back', () => {
    expect(playTarget(1_000, 3600, 1000, 5_000)).toBe(5_000);
    expect(playTarget(9_000, 3600, 1000, 5_000)).toBe(9_000);
    expect(playTarget(1_000, 60, -50, 1e9)).toBe(1_000);
  });
  it('a client that acknowledges late gets a slower replay, not one huge batch', () => {
    expect(playTarget(0, 3600, 30_000, 1e12)).toBe(3600 * MAX_TICK_ELAPSED_MS);
  });
});

describe('replay deep link', () => {
  const NOW = Date.parse('2021-08-01T08:00:00+07:00');

  it('round-trips range, position, speed, playing, area and scene to the millisecond', () => {
    const link: ReplayLink = {
      fromMs: Date.parse('2021-07-15T00:00:00+07:00'),
      toMs: NOW,
      atMs: Date.parse('2021-07-26T09:13:27.123+07:00'),
      speed: 600,
      playing: true,
      area: '27715',
      scene: 'covidCumulative',
      sensors: false,
    };
    const url = new URL(formatReplayLink(link, 'http://ioc.example'));
    expect(url.pathname).toBe('/replay');
    expect(url.searchParams.get('at')).toBe('2021-07-26T09:13:27.123+07:00');
    expect(url.searchParams.get('area')).toBe('27715');
    expect(parseReplayLink(url.search, 0)).toEqual(link);
    const paused = { ...link, playing: false, area: '802', scene: 'onlineToday' as const, sensors: true };
    expect(parseReplayLink(new URL(formatReplayLink(paused, 'http://x')).search, 0)).toEqual(paused);
  });

  it('refuses an area outside the drill-down (unknown code, a 2025 unit) and an unknown scene', () => {
    const l = parseReplayLink('?area=99999&scene=heatmap&sensors=maybe', NOW);
    expect([l.area, l.scene, l.sensors, l.playing]).toEqual(['794', 'onlineToday', true, false]);
    expect(parseReplayLink('?area=27703', NOW).area).toBe('27703');
  });

  it('falls back to three weeks before now at 60× for a bare /replay', () => {
    expect(parseReplayLink('', NOW)).toEqual({
      fromMs: NOW - 21 * 86_400_000,
      toMs: NOW,
      atMs: NOW - 21 * 86_400_000,
      speed: 60,
      playing: false,
      area: '794',
      scene: 'onlineToday',
      sensors: true,
    });
  });

  it('accepts dates in Vietnam time, keeps the position in the range, refuses unknown speeds', () => {
    const l = parseReplayLink('?from=2021-07-19&to=2021-07-20&at=2021-07-25&speed=7', NOW);
    expect(vnIso(l.fromMs, 'milliseconds')).toBe('2021-07-19T00:00:00.000+07:00');
    expect(l.atMs).toBe(l.toMs);
    expect(l.speed).toBe(60);
  });
});
