import { describe, expect, it } from 'vitest';
import { IocEvent, PROTOCOL_VERSION, vnDayNumber } from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { DossierCounts } from '../../simulators/dossier-volume';
import { DOSSIER_LOOKBACK_DAYS, planDossierDay } from '../../simulators/dossier.simulator';
import { dayOf } from '../../simulators/calendar';
import { DAY, HOUR, TEST_SITES, vn } from './sim-fixtures';

const sim = (seed: number) =>
  createSimulation({ seed, sites: TEST_SITES, sensorHistoryFromMs: vn('2021-07-20') });

describe('simulation plan', () => {
  it('is a pure function of the seed', () => {
    const a = sim(7).eventsBetween(vn('2021-07-21'), vn('2021-07-21T06:00'));
    // A second instance, and a warmed-up one asked after other windows, give the same events.
    const warm = sim(7);
    warm.eventsBetween(vn('2020-02-01'), vn('2020-02-03'));
    warm.eventsBetween(vn('2021-07-22'), vn('2021-07-23'));
    expect(sim(7).eventsBetween(vn('2021-07-21'), vn('2021-07-21T06:00'))).toEqual(a);
    expect(warm.eventsBetween(vn('2021-07-21'), vn('2021-07-21T06:00'))).toEqual(a);
    expect(a.length).toBeGreaterThan(1000);
  });

  it('differs between seeds', () => {
    const from = vn('2021-03-02');
    const a = sim(1).eventsBetween(from, from + DAY);
    const b = sim(2).eventsBetween(from, from + DAY);
    expect(a.map((e) => e.id)).not.toEqual(b.map((e) => e.id));
  });

  it('is additive over windows: [a,c) = [a,b) ++ [b,c)', () => {
    const a = vn('2021-07-20T20:00');
    const c = vn('2021-07-22T03:00');
    const whole = sim(3).eventsBetween(a, c);
    const splits = [a + 1, vn('2021-07-21'), vn('2021-07-21T12:34') + 567, c - 1];
    for (const b of splits) {
      const s = sim(3);
      expect([...s.eventsBetween(a, b), ...s.eventsBetween(b, c)]).toEqual(whole);
    }
    // Many small windows, as the live runner asks every 250 ms of scenario time (here: every 7 minutes).
    const s = sim(3);
    const parts = [];
    for (let t = a; t < c; t += 7 * 60_000) parts.push(...s.eventsBetween(t, Math.min(c, t + 7 * 60_000)));
    expect(parts).toEqual(whole);
    expect(new Set(whole.map((e) => e.stream))).toEqual(new Set(['dossier', 'sensor', 'covid']));
  });

  it('returns events sorted by (tsMs, id), inside the window, with unique ids per source', () => {
    const from = vn('2021-08-01');
    const evs = sim(5).eventsBetween(from, from + 2 * DAY);
    for (let i = 1; i < evs.length; i++) {
      const p = evs[i - 1]!;
      const e = evs[i]!;
      expect(p.tsMs < e.tsMs || (p.tsMs === e.tsMs && p.id < e.id)).toBe(true);
    }
    expect(evs.every((e) => e.tsMs >= from && e.tsMs < from + 2 * DAY)).toBe(true);
    expect(new Set(evs.map((e) => `${e.source}|${e.id}`)).size).toBe(evs.length);
  });

  it('emits only events that pass the protocol schema', () => {
    const s = createSimulation({ seed: 11, sites: TEST_SITES, sensorHistoryFromMs: vn('2021-10-15') });
    const windows: [number, number][] = [
      [vn('2019-02-01'), vn('2019-02-03')],
      [vn('2020-04-10'), vn('2020-04-11')],
      [vn('2021-08-15'), vn('2021-08-16')],
      [vn('2021-10-15'), vn('2021-10-16')],
      [vn('2022-06-30'), vn('2022-07-01')],
    ];
    let n = 0;
    for (const [from, to] of windows) {
      for (const e of s.eventsBetween(from, to)) {
        const r = IocEvent.safeParse(e);
        if (!r.success) throw new Error(`${e.id}: ${r.error.message}`);
        expect(e.v).toBe(PROTOCOL_VERSION);
        n++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
  });

  it('generates no sensor readings before sensorHistoryFromMs', () => {
    const from = vn('2021-07-20');
    const evs = sim(1).eventsBetween(from - 6 * HOUR, from + HOUR);
    const sensors = evs.filter((e) => e.stream === 'sensor');
    expect(sensors.length).toBeGreaterThan(0);
    expect(sensors.every((e) => e.tsMs >= from)).toBe(true);
    expect(evs.some((e) => e.stream === 'dossier' && e.tsMs < from)).toBe(true);
  });

  it("keeps every dossier's events within the look-back of its submission day", () => {
    const counts = new DossierCounts(9);
    let maxDays = 0;
    let minLeadMs = Infinity;
    // Just before Tết 2021 (deadlines jump over the break) and a stretch of 2020.
    for (const first of [dayOf(2021, 1, 20), dayOf(2020, 6, 1)]) {
      for (let d = first; d < first + 30; d++) {
        const p = planDossierDay(9, counts, d);
        for (let k = 0; k < p.n; k++) {
          maxDays = Math.max(maxDays, vnDayNumber(p.resolvedMs[k]!) - d, vnDayNumber(p.paidMs[k]!) - d);
          minLeadMs = Math.min(minLeadMs, p.resolvedMs[k]! - p.tsMs[k]!);
        }
      }
    }
    expect(maxDays).toBeLessThan(DOSSIER_LOOKBACK_DAYS);
    expect(maxDays).toBeGreaterThan(30);
    expect(minLeadMs).toBeGreaterThan(0);
  });
});
