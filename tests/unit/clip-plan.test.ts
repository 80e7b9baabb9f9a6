import { describe, expect, it } from 'vitest';
import { clipFrameTimes, clipSeconds } from '../../client/features/replay/video/clip-plan';
import { clipFileName } from '../../client/features/replay/video/use-clip-export';

const FROM = Date.parse('2021-07-26T08:00:00+07:00');
const HOUR = 3_600_000;

describe('clip plan', () => {
  it('lasts the range over the speed: 24 scenario hours at ×2.880 are 30 s of video', () => {
    expect(clipSeconds({ fromMs: FROM, toMs: FROM + 24 * HOUR, speed: 2880, fps: 10 })).toBe(30);
  });

  it('has one frame per 1/fps of video, the first at the range start, evenly spaced in scenario time', () => {
    const times = clipFrameTimes({ fromMs: FROM, toMs: FROM + HOUR, speed: 720, fps: 10 });
    expect(times).toHaveLength(50);
    expect(times[0]).toBe(FROM);
    expect(times[1]! - times[0]!).toBe(72_000);
    expect(times.at(-1)).toBeLessThan(FROM + HOUR);
  });

  it('rounds a part frame up, so the clip covers the whole range', () => {
    expect(clipFrameTimes({ fromMs: FROM, toMs: FROM + 100_000, speed: 720, fps: 10 })).toHaveLength(2);
    expect(clipFrameTimes({ fromMs: FROM, toMs: FROM, speed: 720, fps: 10 })).toHaveLength(0);
  });

  it('names the file after the range in Vietnam time', () => {
    expect(clipFileName({ fromMs: FROM, toMs: FROM + HOUR, speed: 720, fps: 10 })).toBe(
      'ioc-replay_20210726-0800_20210726-0900.webm',
    );
  });
});
