import { describe, expect, it } from 'vitest';
import { vnIso } from '../../protocol/time';

describe('vnIso: one writer of Vietnam-time instants', () => {
  const t = Date.UTC(2021, 6, 26, 1, 0, 0, 250);
  it('writes the API form to the second, and the exact form to the millisecond', () => {
    expect(vnIso(t)).toBe('2021-07-26T08:00:00+07:00');
    expect(vnIso(t, 'milliseconds')).toBe('2021-07-26T08:00:00.250+07:00');
    expect(Date.parse(vnIso(t, 'milliseconds'))).toBe(t);
  });
});
