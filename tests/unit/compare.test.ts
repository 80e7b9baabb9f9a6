import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  change,
  emptyDashboardState,
  likeForLike,
  mapMetricValues,
  monthSoFar,
  onlineInSpan,
  onlineTodayComparison,
  periodProgress,
  todaySoFar,
  toDateLabel,
  type DossierSubmitted,
  type LoggedEvent,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { submitted } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);
const vn = (iso: string) => Date.parse(`${iso}+07:00`);

/** Online submissions in Tân An at the given Vietnam-time instants. */
function onlineAt(isoTimes: readonly string[]): LoggedEvent[] {
  return isoTimes.map((iso, i) => {
    const e: DossierSubmitted = { ...submitted, id: `s-${i}`, dossierCode: `HS-${i}`, tsMs: vn(iso) };
    return { ...e, seq: i + 1 };
  });
}

describe('likeForLike: the one comparison rule', () => {
  it('at 08:05 compares today with yesterday from 00:00 to 08:05, Vietnam time', () => {
    const c = todaySoFar(vn('2021-08-16T08:05:00'));
    expect(c.complete).toBe(false);
    expect(c.current).toEqual({ fromMs: vn('2021-08-16T00:00:00'), toMs: vn('2021-08-16T08:05:00') });
    expect(c.previous).toEqual({ fromMs: vn('2021-08-15T00:00:00'), toMs: vn('2021-08-15T08:05:00') });
  });

  it('compares a month in progress with the same number of days (and hours) of the month before', () => {
    const c = monthSoFar(vn('2021-08-10T08:00:00'));
    expect(c.previous).toEqual({ fromMs: vn('2021-07-01T00:00:00'), toMs: vn('2021-07-10T08:00:00') });
    // 31 March so far against February: February ends first.
    const march = monthSoFar(vn('2021-03-31T12:00:00'));
    expect(march.previous).toEqual({ fromMs: vn('2021-02-01T00:00:00'), toMs: vn('2021-03-01T00:00:00') });
  });

  it('compares a complete period with the whole of the other', () => {
    const aug = { fromMs: vn('2021-08-01T00:00:00'), toMs: vn('2021-09-01T00:00:00') };
    const jul = { fromMs: vn('2021-07-01T00:00:00'), toMs: vn('2021-08-01T00:00:00') };
    expect(likeForLike(aug, jul, vn('2021-09-03T00:00:00'))).toEqual({
      current: aug,
      previous: jul,
      complete: true,
      asOfMs: aug.toMs,
    });
    expect(periodProgress(aug, vn('2021-08-01T08:00:00'))).toMatchObject({ complete: false });
    expect(toDateLabel(vn('2021-08-01T08:00:00'))).toBe('01/08');
    expect(toDateLabel(aug.toMs)).toBe('31/08');
  });

  it('judges a change by what is good for the KPI, not by its direction', () => {
    expect(change(12, 10, 'higherIsBetter')).toEqual({ delta: 2, direction: 'up', verdict: 'better' });
    expect(change(12, 10, 'lowerIsBetter')).toEqual({ delta: 2, direction: 'up', verdict: 'worse' });
    expect(change(8, 10, 'lowerIsBetter').verdict).toBe('better');
    expect(change(10, 10, 'lowerIsBetter').verdict).toBe('same');
    expect(change(10, null, 'higherIsBetter').verdict).toBeNull();
  });
});

describe('online submissions so far', () => {
  const events = onlineAt([
    '2021-08-15T07:00:00',
    '2021-08-15T08:04:59',
    '2021-08-15T08:05:00',
    '2021-08-15T20:00:00',
    '2021-08-15T21:00:00',
    '2021-08-16T01:00:00',
  ]);
  const state = applyEvents(emptyDashboardState(), events, rollup);

  it('at 08:05 compares today with yesterday until 08:05, not with the whole of yesterday', () => {
    const c = onlineTodayComparison(state.areas['794'], vn('2021-08-16T08:05:30'));
    expect(c).toEqual({ today: 1, current: 1, previous: 2, asOfMs: vn('2021-08-16T08:05:00') });
    // Between slot boundaries both days are cut at the last one: 08:07 compares 00:00–08:05 with 00:00–08:05.
    expect(onlineTodayComparison(state.areas['794'], vn('2021-08-16T08:07:00'))).toMatchObject({
      previous: 2,
      asOfMs: vn('2021-08-16T08:05:00'),
    });
    // The province counts the same dossiers.
    expect(onlineTodayComparison(state.areas['80'], vn('2021-08-16T08:05:30')).previous).toBe(2);
  });

  it('sums whole days from the daily counts and parts of days from the 5-minute slots', () => {
    const a = state.areas['794'];
    expect(onlineInSpan(a, { fromMs: vn('2021-08-15T00:00:00'), toMs: vn('2021-08-16T00:00:00') })).toBe(5);
    expect(onlineInSpan(a, { fromMs: vn('2021-08-15T08:00:00'), toMs: vn('2021-08-16T02:00:00') })).toBe(5);
  });

  it('keeps the slots of today and yesterday only, and says when a part of an older day is unknown', () => {
    const later = applyEvents(
      state,
      onlineAt(['2021-08-17T09:00:00']).map((e) => ({ ...e, seq: 50 })),
      rollup,
    );
    const a = later.areas['794']!;
    expect(a.daily['2021-08-15']!.onlineBySlot).toBeUndefined();
    expect(a.daily['2021-08-15']!.online).toBe(5);
    expect(a.daily['2021-08-16']!.onlineBySlot).toEqual({ '60': 1 });
    expect(
      onlineInSpan(a, { fromMs: vn('2021-08-15T00:00:00'), toMs: vn('2021-08-15T08:05:00') }),
    ).toBeNull();
    // The earlier state is not changed by the later batch.
    expect(state.areas['794']!.daily['2021-08-15']!.onlineBySlot).toEqual({
      '420': 1,
      '480': 1,
      '485': 1,
      '1200': 1,
      '1260': 1,
    });
  });
});

describe('mapMetricValues: the one map selector', () => {
  it('gives each area its own figure, unrounded, and leaves out areas without one', () => {
    const s = emptyDashboardState();
    const withResolved = applyEvents(
      s,
      onlineAt(['2021-08-16T07:00:00']).concat([
        {
          ...(submitted as DossierSubmitted),
          seq: 2,
          id: 'x',
          dossierCode: 'HS-x',
          area: '802',
          tsMs: vn('2021-08-16T07:00:00'),
        },
      ]),
      rollup,
    );
    const now = vn('2021-08-16T09:00:00');
    expect(mapMetricValues(withResolved, 'onlineToday', now)).toEqual({ '794': 1, '80': 2, '802': 1 });
    // No dossier resolved anywhere: no on-time rate, rather than a 0 that reads as "all late".
    expect(mapMetricValues(withResolved, 'onTimeRate', now)).toEqual({});
  });
});

describe('likeForLike across a leap day', () => {
  it('cuts a calendar year at the same date and time, a custom span after the same elapsed time', () => {
    const y2021 = { fromMs: vn('2021-01-01T00:00:00'), toMs: vn('2022-01-01T00:00:00') };
    const y2020 = { fromMs: vn('2020-01-01T00:00:00'), toMs: vn('2021-01-01T00:00:00') };
    const now = vn('2021-10-01T08:00:00');
    expect(likeForLike(y2021, y2020, now, 'sameDate').previous.toMs).toBe(vn('2020-10-01T08:00:00'));
    // 273 days and 8 hours from 1 January 2020 end on 30 September: 2020 had a 29 February.
    expect(likeForLike(y2021, y2020, now, 'elapsed').previous.toMs).toBe(vn('2020-09-30T08:00:00'));
  });
});
