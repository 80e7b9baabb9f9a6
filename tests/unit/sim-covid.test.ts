import { describe, expect, it } from 'vitest';
import { CovidReport } from '../../protocol';
import { dayOf } from '../../simulators/calendar';
import {
  COVID_REPORT_FIRST_DAY,
  COVID_REPORT_LAST_DAY,
  covidDay,
  covidTable,
} from '../../simulators/covid.simulator';
import { epidemicLevel } from '../../reference/epidemic-level';
import { createSimulation } from '../../simulators/plan';
import { DAY, vn } from './sim-fixtures';

function reports(seed: number): CovidReport[] {
  const table = covidTable(seed);
  const out: CovidReport[] = [];
  for (let d = COVID_REPORT_FIRST_DAY - 30; d <= COVID_REPORT_LAST_DAY + 30; d++)
    out.push(...covidDay(seed, table, d));
  return out;
}

const sum = (
  rs: CovidReport[],
  f: (r: CovidReport) => boolean,
  v: (r: CovidReport) => number = (r) => r.newCases,
) => rs.filter(f).reduce((s, r) => s + v(r), 0);

describe('covid stream calibration', () => {
  const all = reports(2021);

  it('reports once per district per day at 17:00, only from 2021-04-27 to 2022-06-30', () => {
    const days = COVID_REPORT_LAST_DAY - COVID_REPORT_FIRST_DAY + 1;
    expect(all).toHaveLength(days * 15);
    expect(all[0]!.date).toBe('2021-04-27');
    expect(all[all.length - 1]!.date).toBe('2022-06-30');
    expect(new Set(all.map((r) => `${r.area}|${r.date}`)).size).toBe(all.length);
    for (const r of all)
      expect(new Date(r.tsMs + 7 * 3_600_000).toISOString()).toBe(`${r.date}T17:00:00.000Z`);
    expect(all.every((r) => CovidReport.safeParse(r).success)).toBe(true);
  });

  it('totals about 40,400 cases in 2021, almost all from June', () => {
    const y2021 = sum(all, (r) => r.date.startsWith('2021'));
    expect(Math.abs(y2021 - 40_400)).toBeLessThanOrEqual(404);
    expect(sum(all, (r) => r.date >= '2021-06-01' && r.date <= '2021-12-31')).toBeGreaterThan(0.99 * y2021);
  });

  it('peaks in late July–August', () => {
    const byDate = new Map<string, number>();
    for (const r of all) byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.newCases);
    const [peakDate, peak] = [...byDate].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(peakDate >= '2021-07-20' && peakDate <= '2021-08-31').toBe(true);
    expect(peak).toBeGreaterThan(800);
    expect(peak).toBeLessThan(2_200);
    const aug = sum(all, (r) => r.date.startsWith('2021-08'));
    for (const m of ['06', '09', '10', '11', '12'])
      expect(sum(all, (r) => r.date.startsWith(`2021-${m}`))).toBeLessThan(aug);
  });

  it('has ~9,500 cases by the end of July: Đức Hòa > 3,100, Cần Giuộc > 2,500, Bến Lức ~1,500', () => {
    const byJul31 = (area?: string) => sum(all, (r) => r.date <= '2021-07-31' && (!area || r.area === area));
    expect(byJul31()).toBeGreaterThan(9_000);
    expect(byJul31()).toBeLessThan(10_000);
    expect(byJul31('802')).toBeGreaterThan(3_100);
    expect(byJul31('807')).toBeGreaterThan(2_500);
    expect(Math.abs(byJul31('803') - 1_500)).toBeLessThan(150);
  });

  it('has small numbers in 2022 and none after the first quarter', () => {
    const y2022 = sum(all, (r) => r.date.startsWith('2022'));
    expect(y2022).toBeGreaterThan(0);
    expect(y2022).toBeLessThan(1_000);
    expect(sum(all, (r) => r.date >= '2022-04-01')).toBe(0);
  });

  it('vaccinates from spring 2021, ~1.6 M doses by 12 Sep (1.41 M first doses) and ~2.7 M by end October', () => {
    const doses = (last: string) =>
      sum(
        all,
        (r) => r.date <= last,
        (r) => r.vaccineDoses,
      );
    expect(doses('2021-04-27')).toBeGreaterThan(0);
    expect(doses('2021-07-31')).toBeLessThan(500_000);
    expect(doses('2021-09-12')).toBeGreaterThan(1_410_000);
    expect(doses('2021-09-12')).toBeLessThan(1_750_000);
    expect(Math.abs(doses('2021-10-31') - 2_700_000)).toBeLessThan(0.03 * 2_700_000);
  });

  it('derives epidemic levels from the 7-day incidence per 100k', () => {
    expect(epidemicLevel(0, 100_000)).toBe(1);
    expect(epidemicLevel(20, 100_000)).toBe(2);
    expect(epidemicLevel(50, 100_000)).toBe(3);
    expect(epidemicLevel(150, 100_000)).toBe(4);
    const level = (area: string, date: string) =>
      all.find((r) => r.area === area && r.date === date)!.epidemicLevel;
    expect(level('802', '2021-05-10')).toBe(1);
    expect(level('802', '2021-08-15')).toBe(4);
    expect(level('794', '2022-06-30')).toBe(1);
    expect(all.filter((r) => r.date === '2021-08-15').every((r) => r.epidemicLevel >= 3)).toBe(true);
  });

  it('records recoveries and deaths after the cases', () => {
    const cases = sum(all, () => true);
    const recovered = sum(
      all,
      () => true,
      (r) => r.recovered,
    );
    const deaths = sum(
      all,
      () => true,
      (r) => r.deaths,
    );
    expect(recovered).toBeGreaterThan(0.95 * cases);
    expect(recovered + deaths).toBeLessThanOrEqual(cases);
    expect(deaths / cases).toBeGreaterThan(0.005);
    expect(deaths / cases).toBeLessThan(0.02);
  });

  it('keeps the calibration for other seeds and differs between them', () => {
    const other = reports(99);
    expect(sum(other, (r) => r.date.startsWith('2021'))).toBe(sum(all, (r) => r.date.startsWith('2021')));
    expect(other.map((r) => r.newCases)).not.toEqual(all.map((r) => r.newCases));
  });

  it('goes through the plan: none in 2019–2020, 15 a day in the period', () => {
    const sim = createSimulation({ seed: 2021, sites: [], sensorHistoryFromMs: vn('2030-01-01') });
    const covid = (from: number, to: number) =>
      sim.eventsBetween(from, to).filter((e) => e.stream === 'covid');
    expect(covid(vn('2020-12-30'), vn('2021-01-02'))).toHaveLength(0);
    expect(covid(vn('2021-04-26'), vn('2021-04-28'))).toHaveLength(15);
    expect(covid(vn('2021-08-01'), vn('2021-08-01') + DAY)).toEqual(
      covidDay(2021, covidTable(2021), dayOf(2021, 8, 1)),
    );
    expect(covid(vn('2022-06-30'), vn('2022-07-02'))).toHaveLength(15);
  });
});
