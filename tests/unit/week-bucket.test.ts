import { describe, expect, it } from 'vitest';
import { vnBucketStart, vnIso, vnNextBucket } from '../../protocol';
import { snapBand } from '../../client/ui/SeriesPlot';

const vn = (s: string) => Date.parse(`${s}+07:00`);

describe('week buckets', () => {
  it('start on Monday 00:00 Vietnam time and hold seven days', () => {
    // 25/07/2021 was a Sunday; 23:30 in Vietnam is already Sunday 16:30 UTC.
    expect(vnIso(vnBucketStart(vn('2021-07-25T23:30:00'), 'week'))).toBe('2021-07-19T00:00:00+07:00');
    expect(vnIso(vnBucketStart(vn('2021-07-19T00:00:00'), 'week'))).toBe('2021-07-19T00:00:00+07:00');
    // A Monday 06:00 Vietnam time is still Sunday in UTC: the week is Vietnam's.
    expect(vnIso(vnBucketStart(vn('2021-07-26T06:00:00'), 'week'))).toBe('2021-07-26T00:00:00+07:00');
    expect(vnIso(vnNextBucket(vn('2021-07-19T00:00:00'), 'week'))).toBe('2021-07-26T00:00:00+07:00');
    // Across a month and a year.
    expect(vnIso(vnBucketStart(vn('2021-01-01T12:00:00'), 'week'))).toBe('2020-12-28T00:00:00+07:00');
  });

  it('move a shaded band onto the buckets that hold its ends', () => {
    const weeks = ['2021-07-12', '2021-07-19', '2021-07-26', '2021-09-20', '2021-09-27', '2021-10-04'];
    // The lockdown, 19/07–30/09: 30/09 is in the week of 27/09, which the axis has.
    expect(snapBand(weeks, { from: '2021-07-19', to: '2021-09-30' })).toEqual({
      x1: '2021-07-19',
      x2: '2021-09-27',
    });
    expect(snapBand(weeks, { from: '2021-01-01', to: '2021-07-20' })).toEqual({
      x1: '2021-07-12',
      x2: '2021-07-19',
    });
    expect(snapBand(weeks, { from: '2020-01-01', to: '2020-02-01' })).toBeNull();
  });
});
