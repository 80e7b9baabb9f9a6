import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bucketFor,
  formatPeriod,
  parsePeriod,
  periodContaining,
  previousPeriod,
  sameLastYear,
} from '../../client/features/kpi/period';
import { assessTarget, fitLine, relativeChange } from '../../client/features/kpi/projection';
import { formatViewState, parseViewState } from '../../client/features/kpi/url-state';
import { latestRatio, sameSpanTotals } from '../../client/features/kpi/year-over-year';
import { toCsv } from '../../client/features/kpi/export';
import { joinSeries, splitProvisional } from '../../client/features/kpi/review-api';

describe('review periods', () => {
  it('reads every URL form into whole days, `to` exclusive', () => {
    expect(parsePeriod('2021-09')).toEqual({ kind: 'month', from: '2021-09-01', to: '2021-10-01' });
    expect(parsePeriod('2021-Q3')).toEqual({ kind: 'quarter', from: '2021-07-01', to: '2021-10-01' });
    expect(parsePeriod('2020')).toEqual({ kind: 'year', from: '2020-01-01', to: '2021-01-01' });
    expect(parsePeriod('2021-01-01..2021-09-30')).toEqual({
      kind: 'custom',
      from: '2021-01-01',
      to: '2021-10-01',
    });
  });

  it('refuses what is not a period', () => {
    for (const bad of ['', '2021-13', '2021-Q5', '2021-09-30..2021-01-01', 'x..y', '21'])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it('round-trips any period through its URL form', () => {
    const day = fc
      .date({
        min: new Date('2019-01-01T00:00:00Z'),
        max: new Date('2026-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom('month', 'quarter', 'year') as fc.Arbitrary<'month'>, day, (kind, key) => {
        const p = periodContaining(kind, key);
        expect(parsePeriod(formatPeriod(p))).toEqual(p);
      }),
    );
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, last] = a <= b ? [a, b] : [b, a];
        const p = parsePeriod(`${from}..${last}`)!;
        expect(parsePeriod(formatPeriod(p))).toEqual(p);
      }),
    );
  });

  it('steps back one period, and one year for the same period last year', () => {
    expect(previousPeriod(parsePeriod('2021-01')!)).toEqual(parsePeriod('2020-12'));
    expect(previousPeriod(parsePeriod('2021-Q1')!)).toEqual(parsePeriod('2020-Q4'));
    expect(previousPeriod(parsePeriod('2021-07-19..2021-09-30')!)).toEqual(
      parsePeriod('2021-05-06..2021-07-18'),
    );
    expect(sameLastYear(parsePeriod('2021-01-01..2021-09-30')!)).toEqual(
      parsePeriod('2020-01-01..2020-09-30'),
    );
    expect(sameLastYear(parsePeriod('2021-Q3')!)).toEqual(parsePeriod('2020-Q3'));
  });

  it('keeps a daily chart within 2,000 points', () => {
    expect(bucketFor(parsePeriod('2019-01-01..2024-06-22')!)).toBe('day');
    expect(bucketFor(parsePeriod('2019-01-01..2024-06-23')!)).toBe('month');
  });
});

describe('view state in the URL', () => {
  it('round-trips every choice', () => {
    const s = parseViewState(
      '?p=2021-Q3&area=794&cmp=yoy&rank=dossier.on_time_rate&why=late&lang=en',
      '2021-10-01',
    );
    expect(s).toEqual({
      period: parsePeriod('2021-Q3'),
      area: '794',
      compare: 'yoy',
      rank: 'dossier.on_time_rate',
      why: 'late',
      lang: 'en',
    });
    expect(parseViewState(`?${formatViewState(s)}`, '2030-01-01')).toEqual(s);
  });

  it('falls back to defaults for anything missing or unknown', () => {
    expect(parseViewState('?area=999&cmp=x&rank=drop&p=bad', '2021-10-01')).toEqual({
      period: parsePeriod('2021'),
      area: '80',
      compare: 'none',
      rank: 'dossier.online_submitted',
      why: null,
      lang: 'vi',
    });
  });
});

describe('projection to 2025', () => {
  it('fits the least-squares line', () => {
    expect(
      fitLine([
        { year: 2019, value: 1 },
        { year: 2020, value: 3 },
        { year: 2021, value: 5 },
      ]),
    ).toEqual({
      slope: 2,
      intercept: 1 - 2 * 2019,
    });
    expect(fitLine([{ year: 2021, value: 1 }])).toBeNull();
  });

  it('is met once reached, on track when the line reaches the target by the target year, at risk when not', () => {
    const level4 = [310, 894, 1421].map((n, i) => ({ year: 2019 + i, value: n / 1860 }));
    const on = assessTarget(level4, 1, 2025);
    expect(on.status).toBe('on_track');
    expect(on.projected!).toBeGreaterThan(1);
    const slow = assessTarget(
      [
        { year: 2020, value: 0.5 },
        { year: 2021, value: 0.55 },
      ],
      1,
      2025,
    );
    expect(slow).toMatchObject({ status: 'at_risk' });
    expect(slow.projected).toBeCloseTo(0.75, 10);
    expect(assessTarget([], 1, 2025).status).toBe('no_data');
    expect(assessTarget([{ year: 2021, value: 1 }], 1, 2025).status).toBe('met');
  });

  it('compares with nothing as null, not as infinity', () => {
    expect(relativeChange(10, 0)).toBeNull();
    expect(relativeChange(15, 10)).toBeCloseTo(0.5, 12);
  });
});

describe('year over year', () => {
  const month = (y: number, m: number, value: number) => ({
    t: `${y}-${String(m).padStart(2, '0')}-01T00:00:00+07:00`,
    value,
    complete: true,
  });
  it('compares a year under way with the same months of the years before', () => {
    const points = [
      ...Array.from({ length: 12 }, (_, i) => month(2020, i + 1, 100)),
      ...Array.from({ length: 12 }, (_, i) => month(2021, i + 1, i < 9 ? 250 : 0)),
    ];
    const span = sameSpanTotals(points);
    expect(span).toEqual({
      lastMonth: 9,
      years: [
        { year: 2020, total: 900 },
        { year: 2021, total: 2250 },
      ],
    });
    expect(latestRatio(span.years)).toEqual({ year: 2021, ratio: 2.5 });
    expect(latestRatio([{ year: 2021, total: 5 }])).toEqual({ year: 2021, ratio: null });
  });
});

describe('CSV export', () => {
  it('quotes what needs quoting and leaves nulls empty', () => {
    expect(
      toCsv(
        ['t', 'name'],
        [
          ['2021-01-01', 'Tân An, "city"'],
          ['2021-01-02', null],
        ],
      ),
    ).toBe('t,name\r\n2021-01-01,"Tân An, ""city"""\r\n2021-01-02,\r\n');
  });
});

describe('the bucket in progress on a chart', () => {
  it('moves to a dashed segment that starts at the last complete bucket, the line itself stops there', () => {
    const pt = (t: string, value: number, complete = true) => ({ t: `${t}T00:00:00+07:00`, value, complete });
    const series = [{ points: [pt('2021-08-01', 0.3), pt('2021-09-01', 0.32), pt('2021-10-01', 1, false)] }];
    const rows = splitProvisional(['80'], series, joinSeries(['80'], series));
    expect(rows).toEqual([
      { t: '2021-08-01', '80': 0.3 },
      { t: '2021-09-01', '80': 0.32, '80~': 0.32 },
      { t: '2021-10-01', '80': null, '80~': 1 },
    ]);
  });
});
