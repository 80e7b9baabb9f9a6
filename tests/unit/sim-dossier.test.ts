import { beforeAll, describe, expect, it } from 'vitest';
import { DossierSubmitted, vnDateKey } from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { isTet, dayOf, weekday, isHoliday } from '../../simulators/calendar';
import { PROCEDURES, SERVICE_CATALOGUE, isEligibleLevel4, levelOf } from '../../simulators/catalogue';
import { level4CatalogueShare, level4EligibleShare } from '../../protocol';
import { DossierCounts, N_CHANNELS, ONLINE_2021_TOTAL } from '../../simulators/dossier-volume';
import { DISTRICT_PROFILES } from '../../simulators/districts';
import { PILOT_UNITS } from '../../geo/pilot-units';
import { DAY, vn } from './sim-fixtures';

/** A pilot unit counts in its district (the Department in Tân An, where it sits). */
const DISTRICT_OF_PILOT = new Map(PILOT_UNITS.map((u) => [u.code, u.parent]));

interface Stats {
  onlineByDate: Map<string, number>;
  channelByDate: Map<string, { online: number; postal: number; counter: number }>;
  byDistrict2021: Map<string, { all: number; online: number }>;
  resolved2021: number;
  onTime2021: number;
  counterMinutes: Set<string>;
  counterSaturdayAfternoon: number;
  onlineByHour: number[];
  codes: Set<string>;
  badCodes: string[];
  dueNotAfterSubmit: number;
  onlineBelowLevel3: number;
  paidOnline2021: number;
  paid2021: number;
  sample: DossierSubmitted[];
  procedures: Set<string>;
}

const stats: Stats = {
  onlineByDate: new Map(),
  channelByDate: new Map(),
  byDistrict2021: new Map(),
  resolved2021: 0,
  onTime2021: 0,
  counterMinutes: new Set(),
  counterSaturdayAfternoon: 0,
  onlineByHour: new Array<number>(24).fill(0),
  codes: new Set(),
  badCodes: [],
  dueNotAfterSubmit: 0,
  onlineBelowLevel3: 0,
  paidOnline2021: 0,
  paid2021: 0,
  sample: [],
  procedures: new Set(),
};

const CODE = /^000\.\d{2}\.\d{2}\.H38-\d{6}-\d{4,}$/;

beforeAll(() => {
  // One pass over two years in day-sized windows, as the server backfills; only aggregates are kept.
  const sim = createSimulation({ seed: 2021, sites: [], sensorHistoryFromMs: vn('2030-01-01') });
  const y2021 = vn('2021-01-01');
  const y2022 = vn('2022-01-01');
  for (let t = vn('2020-01-01'); t < y2022; t += DAY) {
    for (const e of sim.eventsBetween(t, t + DAY)) {
      if (e.stream !== 'dossier') continue;
      const in2021 = e.tsMs >= y2021 && e.tsMs < y2022;
      if (e.action === 'resolved') {
        if (in2021) {
          stats.resolved2021++;
          if (e.onTime) stats.onTime2021++;
        }
        continue;
      }
      if (e.action === 'paid') {
        if (in2021) {
          stats.paid2021++;
          if (e.online) stats.paidOnline2021++;
        }
        continue;
      }
      const date = vnDateKey(e.tsMs);
      const c = stats.channelByDate.get(date) ?? { online: 0, postal: 0, counter: 0 };
      c[e.channel]++;
      stats.channelByDate.set(date, c);
      const local = new Date(e.tsMs + 7 * 3_600_000);
      const hour = local.getUTCHours();
      const minutes = hour * 60 + local.getUTCMinutes();
      if (e.channel === 'online') {
        stats.onlineByDate.set(date, (stats.onlineByDate.get(date) ?? 0) + 1);
        stats.onlineByHour[hour]!++;
        if (e.serviceLevel < 3) stats.onlineBelowLevel3++;
      } else {
        const ok = (minutes >= 450 && minutes < 690) || (minutes >= 810 && minutes < 1020);
        if (!ok) stats.counterMinutes.add(`${date} ${minutes}`);
        if (local.getUTCDay() === 6 && minutes >= 690) stats.counterSaturdayAfternoon++;
      }
      const district = DISTRICT_OF_PILOT.has(e.area) ? DISTRICT_OF_PILOT.get(e.area)! : e.area;
      if (in2021 && district !== null) {
        const d = stats.byDistrict2021.get(district) ?? { all: 0, online: 0 };
        d.all++;
        if (e.channel === 'online') d.online++;
        stats.byDistrict2021.set(district, d);
      }
      if (stats.codes.has(e.dossierCode)) stats.badCodes.push(`duplicate ${e.dossierCode}`);
      stats.codes.add(e.dossierCode);
      if (!CODE.test(e.dossierCode) || !e.dossierCode.includes(`-${date.slice(2).replace(/-/g, '')}-`)) {
        stats.badCodes.push(e.dossierCode);
      }
      if (e.dueMs <= e.tsMs) stats.dueNotAfterSubmit++;
      stats.procedures.add(e.procedure);
      if (stats.sample.length < 2000 && stats.codes.size % 97 === 0) stats.sample.push(e);
    }
  }
}, 60_000);

function sumOnline(first: string, last: string): number {
  let n = 0;
  for (const [d, c] of stats.onlineByDate) if (d >= first && d <= last) n += c;
  return n;
}

function channelTotals(first: string, last: string) {
  const t = { online: 0, postal: 0, counter: 0, days: 0 };
  for (const [d, c] of stats.channelByDate) {
    if (d < first || d > last) continue;
    t.online += c.online;
    t.postal += c.postal;
    t.counter += c.counter;
    t.days++;
  }
  return t;
}

describe('dossier stream calibration', () => {
  it('has exactly 77,769 online dossiers from 1 Jan to 30 Sep 2021', () => {
    expect(sumOnline('2021-01-01', '2021-09-30')).toBe(77_769);
  });

  it('keeps that total exact for any seed', () => {
    for (const seed of [0, 1, 123_456, -99]) {
      const counts = new DossierCounts(seed);
      let n = 0;
      for (let d = dayOf(2021, 1, 1); d <= dayOf(2021, 9, 30); d++) {
        const c = counts.day(d);
        for (let i = 0; i < c.length; i += N_CHANNELS) n += c[i]!;
      }
      expect(n).toBe(ONLINE_2021_TOTAL);
    }
  });

  it('had less than half of that in the same period of 2020', () => {
    const n2020 = sumOnline('2020-01-01', '2020-09-30');
    expect(n2020).toBeLessThan(77_769 / 2);
    expect(n2020).toBeGreaterThan(77_769 / 3);
  });

  it('resolves 99 % (±0.3) on time in 2021', () => {
    const rate = stats.onTime2021 / stats.resolved2021;
    expect(rate).toBeGreaterThan(0.987);
    expect(rate).toBeLessThan(0.993);
  });

  it('keeps the yearly volume within 200–400k dossiers', () => {
    const y2020 = channelTotals('2020-01-01', '2020-12-31');
    const y2021 = channelTotals('2021-01-01', '2021-12-31');
    for (const y of [y2020, y2021]) {
      const total = y.online + y.postal + y.counter;
      expect(total).toBeGreaterThan(200_000);
      expect(total).toBeLessThan(400_000);
    }
  });

  it('gives Tân An 14–18 % of dossiers and a higher online share than rural districts', () => {
    const all = [...stats.byDistrict2021.values()].reduce((s, d) => s + d.all, 0);
    const tanAn = stats.byDistrict2021.get('794')!;
    expect(tanAn.all / all).toBeGreaterThan(0.14);
    expect(tanAn.all / all).toBeLessThan(0.18);
    expect(stats.byDistrict2021.size).toBe(15);
    for (const rural of ['796', '797', '798', '799', '800', '801']) {
      const d = stats.byDistrict2021.get(rural)!;
      expect(tanAn.online / tanAn.all).toBeGreaterThan((d.online / d.all) * 1.5);
    }
  });

  it('closes counters from 19 July to 30 September 2021 while online and postal rise', () => {
    const lockdown = channelTotals('2021-07-19', '2021-09-30');
    expect(lockdown.counter).toBe(0);
    const before = channelTotals('2021-06-01', '2021-07-18');
    const after = channelTotals('2021-10-01', '2021-10-31');
    expect(after.counter).toBeGreaterThan(0);
    expect(lockdown.online / lockdown.days).toBeGreaterThan((1.5 * before.online) / before.days);
    expect(lockdown.postal / lockdown.days).toBeGreaterThan((2 * before.postal) / before.days);
  });

  it('has near-zero counter traffic over Tết and none on public holidays', () => {
    let tetCounter = 0;
    let weekdayCounter = 0;
    let weekdays = 0;
    for (const [date, c] of stats.channelByDate) {
      const [y, m, d] = date.split('-').map(Number);
      const day = dayOf(y!, m!, d!);
      if (isTet(day) || isHoliday(day)) tetCounter += c.counter + c.postal;
      else if (weekday(day) >= 1 && weekday(day) <= 5) {
        weekdayCounter += c.counter;
        weekdays++;
      }
    }
    expect(weekdayCounter / weekdays).toBeGreaterThan(300);
    expect(tetCounter).toBe(0);
    // The portal stays open over Tết, quietly.
    const tet2021 = channelTotals('2021-02-10', '2021-02-16');
    expect(tet2021.online).toBeGreaterThan(0);
    expect(tet2021.online / tet2021.days).toBeLessThan(0.2 * (sumOnline('2021-03-01', '2021-03-31') / 31));
  });

  it('receives counter dossiers only in office hours, Saturdays only in the morning, never on Sundays', () => {
    expect([...stats.counterMinutes].slice(0, 5)).toEqual([]);
    expect(stats.counterSaturdayAfternoon).toBe(0);
    for (const [date, c] of stats.channelByDate) {
      const [y, m, d] = date.split('-').map(Number);
      if (weekday(dayOf(y!, m!, d!)) === 0) expect(c.counter + c.postal).toBe(0);
    }
    const sat = channelTotals('2021-03-06', '2021-03-06').counter;
    const mon = channelTotals('2021-03-08', '2021-03-08').counter;
    expect(sat).toBeGreaterThan(0);
    expect(sat).toBeLessThan(mon * 0.3);
  });

  it('receives online dossiers at any hour with a daytime peak', () => {
    const h = stats.onlineByHour;
    expect(h.every((n) => n > 0)).toBe(true);
    expect(h[10]!).toBeGreaterThan(10 * h[3]!);
  });

  it('carries lookup codes `<agency>-<yymmdd>-<nnnn>`, unique, with a due date after submission', () => {
    expect(stats.badCodes.slice(0, 5)).toEqual([]);
    expect(stats.dueNotAfterSubmit).toBe(0);
    expect(stats.onlineBelowLevel3).toBe(0);
  });

  it('reports only online payments (Paygov): cash paid at a counter never reaches the stream', () => {
    expect(stats.paid2021).toBeGreaterThan(5_000);
    expect(stats.paidOnline2021).toBe(stats.paid2021);
  });

  it('files dossiers under procedures of the catalogue, with working-day deadlines', () => {
    const names = new Set(PROCEDURES.map((p) => p.name));
    expect([...stats.procedures].every((p) => names.has(p))).toBe(true);
    expect(stats.procedures.size).toBeGreaterThan(200);
    for (const e of stats.sample) {
      const due = new Date(e.dueMs + 7 * 3_600_000);
      expect(due.getUTCHours()).toBe(17);
      expect([0, 6]).not.toContain(due.getUTCDay());
    }
  });
});

describe('service catalogue', () => {
  it('has 161 level-3 (8.7 %) and 1,421 level-4 (76 %) services in 2021', () => {
    const c = SERVICE_CATALOGUE[2021]!;
    expect(c.level3).toBe(161);
    expect(c.level4).toBe(1421);
    expect(Math.round((c.level3 / c.total) * 1000) / 10).toBe(8.7);
    expect(Math.round((c.level4 / c.total) * 100)).toBe(76);
    expect(PROCEDURES.filter((p) => levelOf(p, 2021) === 3)).toHaveLength(161);
    expect(PROCEDURES.filter((p) => levelOf(p, 2021) === 4)).toHaveLength(1421);
    expect(PROCEDURES).toHaveLength(c.total);
  });

  it('marks eligibility for level 4 per procedure: in 2021 every eligible service is at level 4', () => {
    const eligible = (y: number) => PROCEDURES.filter((p) => isEligibleLevel4(p, y));
    expect(eligible(2021)).toHaveLength(SERVICE_CATALOGUE[2021]!.eligibleLevel4);
    expect(eligible(2021)).toHaveLength(1421);
    expect(eligible(2021).every((p) => levelOf(p, 2021) === 4)).toBe(true);
    // Before, part of them was not yet: 894 of 1.421 in 2020.
    expect(eligible(2020).filter((p) => levelOf(p, 2020) === 4)).toHaveLength(894);
    const c = SERVICE_CATALOGUE[2021]!;
    expect(level4EligibleShare(c)).toBe(1);
    expect(level4CatalogueShare(c)).toBeCloseTo(1421 / 1860, 12);
  });

  it('grew level 4 by 59 % from 2020 and never demotes a service', () => {
    const l4 = (y: number) => PROCEDURES.filter((p) => levelOf(p, y) === 4).length;
    expect(l4(2020)).toBe(894);
    expect(l4(2021) / l4(2020)).toBeCloseTo(1.59, 2);
    for (const p of PROCEDURES) expect(levelOf(p, 2021)).toBeGreaterThanOrEqual(levelOf(p, 2020));
    expect(new Set(PROCEDURES.map((p) => p.code)).size).toBe(PROCEDURES.length);
  });

  it('weights districts sensibly', () => {
    const total = DISTRICT_PROFILES.reduce((s, d) => s + d.dossierWeight, 0);
    expect(total).toBeCloseTo(100, 5);
  });
});
