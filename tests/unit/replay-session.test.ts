import { describe, expect, it } from 'vitest';
import { parseReplayLink, formatReplayLink, vnIso } from '../../client/features/replay/replay-link';
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

  it('round-trips range, position and speed to the millisecond', () => {
    const link = {
      fromMs: Date.parse('2021-07-15T00:00:00+07:00'),
      toMs: NOW,
      atMs: Date.parse('2021-07-26T09:13:27.123+07:00'),
      speed: 600 as const,
    };
    const url = new URL(formatReplayLink(link, 'http://ioc.example'));
    expect(url.pathname).toBe('/replay');
    expect(url.searchParams.get('at')).toBe('2021-07-26T09:13:27.123+07:00');
    expect(parseReplayLink(url.search, 0)).toEqual(link);
  });

  it('falls back to three weeks before now at 60× for a bare /replay', () => {
    expect(parseReplayLink('', NOW)).toEqual({
      fromMs: NOW - 21 * 86_400_000,
      toMs: NOW,
      atMs: NOW - 21 * 86_400_000,
      speed: 60,
    });
  });

  it('accepts dates in Vietnam time, keeps the position in the range, refuses unknown speeds', () => {
    const l = parseReplayLink('?from=2021-07-19&to=2021-07-20&at=2021-07-25&speed=7', NOW);
    expect(vnIso(l.fromMs)).toBe('2021-07-19T00:00:00.000+07:00');
    expect(l.atMs).toBe(l.toMs);
    expect(l.speed).toBe(60);
  });
});
