import { describe, expect, it } from 'vitest';
import {
  arcminForHeight,
  DEFAULT_PROFILE_ID,
  DISPLAY_PROFILES,
  heightForArcminMm,
  minFontPx,
  parseDisplayProfile,
  screenWidthMm,
} from '../../client/features/wall/display-profile';

describe('display profile', () => {
  it('knows a 55″ 16:9 screen is 1,218 mm wide and a 65″ one 1,439 mm', () => {
    expect(screenWidthMm(DISPLAY_PROFILES['55-1080p-4m'])).toBeCloseTo(1217.7, 0);
    expect(screenWidthMm(DISPLAY_PROFILES['65-4k-6m'])).toBeCloseTo(1439.1, 0);
  });

  it('takes 16′ at 4 m for 18.6 mm, and back', () => {
    expect(heightForArcminMm(4, 16)).toBeCloseTo(18.62, 2);
    expect(arcminForHeight(heightForArcminMm(6, 20), 6)).toBeCloseTo(20, 6);
  });

  it('asks about 40 px of DejaVu Sans at 1080p from 4 m, and the same of a 4K viewport at twice the px', () => {
    const p = DISPLAY_PROFILES['55-1080p-4m'];
    // 18.6 mm over 0.634 mm per px is 29.4 px of capital height; DejaVu Sans's capitals are 0.729 em.
    expect(minFontPx(p, 1920, 0.729)).toBeCloseTo(40.3, 1);
    expect(minFontPx(p, 3840, 0.729)).toBeCloseTo(2 * minFontPx(p, 1920, 0.729), 6);
    // Farther and relatively smaller: 65″ from 6 m needs more of the screen than 55″ from 4 m.
    expect(minFontPx(DISPLAY_PROFILES['65-4k-6m'], 1920, 0.729)).toBeGreaterThan(minFontPx(p, 1920, 0.729));
  });

  it('reads ?profile= with overrides and falls back to the default on anything else', () => {
    expect(parseDisplayProfile('').id).toBe(DEFAULT_PROFILE_ID);
    expect(parseDisplayProfile('?profile=nope').id).toBe(DEFAULT_PROFILE_ID);
    expect(parseDisplayProfile('?profile=65-4k-6m')).toEqual(DISPLAY_PROFILES['65-4k-6m']);
    expect(parseDisplayProfile('?profile=65-4k-6m&distance=5')).toMatchObject({
      id: '65-4k-6m+custom',
      distanceM: 5,
      diagonalIn: 65,
    });
    expect(parseDisplayProfile('?distance=0.1&diagonal=abc').id).toBe(DEFAULT_PROFILE_ID);
  });
});
