import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  covidDayReconciliation,
  covidReconciliation,
  emptyDashboardState,
  reportCell,
  type AreaRollup,
  type CovidReport,
  type DashboardState,
  type LoggedEvent,
} from '../../protocol';
import { AREAS_2021, makeRollup, TAN_AN_CODE, TAN_AN_WARDS_2021 } from '../../geo/areas';
import { dailyIncrements } from '../../server/ingest/daily-aggregates';

const rollup = makeRollup(AREAS_2021);

/** A daily report of `source` for `area` on `date` (Vietnam time 17:00). */
function report(
  source: string,
  area: string,
  date: string,
  newCases: number,
  extra: Partial<CovidReport> = {},
) {
  return {
    v: 1,
    id: `covid:${area}:${date}:${newCases}:${extra.revision ?? 1}`,
    source,
    area,
    tsMs: Date.parse(`${date}T17:00:00+07:00`),
    stream: 'covid',
    date,
    newCases,
    recovered: 0,
    deaths: 0,
    vaccineDoses: newCases * 10,
    epidemicLevel: 2,
    ...extra,
  } satisfies CovidReport;
}

const seqd = (events: CovidReport[]): LoggedEvent[] => events.map((e, i) => ({ ...e, seq: i + 1 }));
const fold = (events: CovidReport[], state: DashboardState = emptyDashboardState()) =>
  applyEvents(state, seqd(events), rollup);
const cases = (s: DashboardState, area: string) => s.areas[area]?.covid.cumulativeCases;

describe('daily reports: precedence, corrections, parent against children', () => {
  const simDistricts = [
    report('sim-covid', '802', '2021-07-30', 300),
    report('sim-covid', '807', '2021-07-30', 200),
    report('sim-covid', '802', '2021-07-31', 100),
  ];

  it('a province report replaces the sum of its districts in the province, never adds to it', () => {
    const s = fold([...simDistricts, report('csv-import', '80', '2021-07-30', 450)]);
    // Day 30: the province's own 450 (not 450 + 500); day 31: no province report, so the districts' 100.
    expect(cases(s, '80')).toBe(550);
    expect(s.areas['80']!.daily['2021-07-30']!.covidNewCases).toBe(450);
    expect(s.areas['80']!.daily['2021-07-31']!.covidNewCases).toBe(100);
    expect(cases(s, '802')).toBe(400);
    expect(covidReconciliation(s, '80', rollup)).toMatchObject({
      cases: 550,
      childrenCases: 600,
      unallocatedCases: -50,
      childrenSimulated: true,
      provenance: { sources: { 'csv-import': 1 }, superseded: {}, corrected: 0 },
    });
    // The day's latest report stands for "today": the province's 31st comes from its districts.
    expect(s.areas['80']!.covid).toMatchObject({ lastDate: '2021-07-31', newCasesLastDate: 100 });
  });

  it('a real report supersedes the simulator for its (area, day), whichever is logged first', () => {
    const real = report('cdc-longan', '802', '2021-07-30', 280, { epidemicLevel: 3 });
    const realLast = fold([...simDistricts, real]);
    const realFirst = fold([real, ...simDistricts]);
    for (const s of [realLast, realFirst]) {
      expect(cases(s, '802')).toBe(380);
      expect(cases(s, '80')).toBe(580);
      expect(s.areas['802']!.daily['2021-07-30']!.covidNewCases).toBe(280);
      expect(s.areas['80']!.covid.vaccineDoses).toBe(5800);
    }
    expect(realLast.areas).toEqual(realFirst.areas);
  });

  it('a newer revision replaces the older in every figure; an older one arriving late changes nothing', () => {
    const first = report('csv-import', '80', '2021-07-30', 450);
    const corrected = report('csv-import', '80', '2021-07-30', 470, { revision: 2 });
    const s = fold([...simDistricts, first, corrected]);
    expect(cases(s, '80')).toBe(570);
    expect(covidReconciliation(s, '80', rollup)!.provenance).toMatchObject({ corrected: 1 });
    const late = fold([...simDistricts, corrected, first]);
    expect(cases(late, '80')).toBe(570);
    // Without a revision, the later logged report of the same source is the newer one.
    const resent = fold([...simDistricts, first, report('csv-import', '80', '2021-07-30', 430)]);
    expect(cases(resent, '80')).toBe(530);
  });

  it('follows the configured source order', () => {
    const simFirst = emptyDashboardState(['sim-*', '*']);
    const s = fold([...simDistricts, report('cdc-longan', '802', '2021-07-30', 280)], simFirst);
    expect(cases(s, '802')).toBe(400);
    expect(reportCell(s.reports, '802', '2021-07-30')!.by).toHaveProperty('cdc-longan');
  });

  it('folds the same in one batch or event by event (replay equals live)', () => {
    const events = seqd([
      ...simDistricts,
      report('csv-import', '80', '2021-07-30', 450),
      report('cdc-longan', '807', '2021-07-30', 190),
      report('csv-import', '80', '2021-07-30', 460, { revision: 2 }),
      report('sim-covid', '807', '2021-07-31', 50),
    ]);
    const whole = applyEvents(emptyDashboardState(), events, rollup);
    let step = emptyDashboardState();
    for (const e of events) step = applyEvents(step, [e], rollup);
    expect(step).toEqual(whole);
  });

  it('the daily aggregates move exactly as the reducer, from the ledger before the batch', () => {
    const events = seqd([
      ...simDistricts,
      report('csv-import', '80', '2021-07-30', 450),
      report('cdc-longan', '807', '2021-07-30', 190),
      report('csv-import', '80', '2021-07-30', 460, { revision: 2 }),
    ]);
    // Two batches, the second aggregated against the state the first left.
    const before = applyEvents(emptyDashboardState(), events.slice(0, 2), rollup);
    const rows = [
      ...dailyIncrements(events.slice(0, 2), rollup),
      ...dailyIncrements(events.slice(2), rollup, before.reports),
    ];
    const state = applyEvents(before, events.slice(2), rollup);
    for (const area of ['80', '802', '807'])
      for (const day of ['2021-07-30', '2021-07-31']) {
        const sum = rows
          .filter((r) => r.metric === 'covid.new_cases' && r.area === area && r.day === day)
          .reduce((a, r) => a + r.value, 0);
        expect(sum, `${area} ${day}`).toBe(state.areas[area]?.daily[day]?.covidNewCases ?? 0);
      }
    const reportsRows = rows.filter((r) => r.metric === 'covid.reports' && r.area === '80');
    expect(reportsRows.reduce((a, r) => a + r.value, 0)).toBe(6);
  });
});

describe('daily reports: districts kept by a later area set', () => {
  // As the area-set registry merges them: a 2021 district kept by the 2025 set runs through that set's
  // province first, then the 2021 province (geo/area-sets.ts); Tân An is not kept and goes straight to 80.
  const NEW_PROVINCE = '72';
  const merged: AreaRollup = (code) =>
    code === '802' || code === '807'
      ? [code, NEW_PROVINCE, '80']
      : code === NEW_PROVINCE
        ? [code]
        : rollup(code);
  const events = [
    report('sim-covid', '802', '2021-07-30', 300),
    report('sim-covid', '807', '2021-07-30', 200),
    report('sim-covid', '794', '2021-07-30', 50),
    report('sim-covid', '802', '2021-07-31', 100),
    report('csv-import', '80', '2021-07-30', 450),
    report('csv-import', '80', '2021-07-31', 120),
  ];

  it('sums every district below the province, not only those whose first parent it is', () => {
    const s = applyEvents(emptyDashboardState(), seqd(events), merged);
    expect(cases(s, '80')).toBe(570);
    expect(covidReconciliation(s, '80', merged)).toMatchObject({
      cases: 570,
      childrenCases: 650,
      unallocatedCases: -80,
      childrenSimulated: true,
    });
    expect(covidDayReconciliation(s, '80', merged)).toEqual({
      day: '2021-07-31',
      cases: 120,
      childrenCases: 100,
      unallocatedCases: 20,
      childrenSimulated: true,
    });
  });
});

describe('daily reports: a province, a district and its wards', () => {
  const wardRollup = makeRollup([...AREAS_2021, ...TAN_AN_WARDS_2021]);
  const [phuong5, phuong2] = ['27685', '27688'];
  const wardsFold = (events: CovidReport[], r: AreaRollup = wardRollup) =>
    applyEvents(emptyDashboardState(), seqd(events), r);
  const events = [
    report('cdc-longan', phuong5, '2021-07-30', 20, { epidemicLevel: 4 }),
    report('cdc-longan', phuong2, '2021-07-30', 10, { epidemicLevel: 3 }),
    report('sim-covid', '802', '2021-07-30', 300),
    report('cdc-longan', '80', '2021-07-30', 450, { epidemicLevel: 3 }),
  ];

  it('reconciles the province with districts whose figure is their wards’ sum', () => {
    const s = wardsFold(events);
    expect(cases(s, TAN_AN_CODE)).toBe(30);
    expect(cases(s, '80')).toBe(450);
    expect(covidReconciliation(s, '80', wardRollup)).toMatchObject({
      cases: 450,
      childrenCases: 330,
      unallocatedCases: 120,
    });
    // The wards' level 4 is Tân An's (no report of its own); the province's own report states its own level.
    expect(s.areas[TAN_AN_CODE]!.covid.epidemicLevel).toBe(4);
    expect(s.areas['80']!.covid.epidemicLevel).toBe(3);
  });

  it('a district report stands between the province and the wards, at every level', () => {
    const tanAn = report('cdc-longan', TAN_AN_CODE, '2021-07-30', 35, { epidemicLevel: 2 });
    for (const order of [
      [...events, tanAn],
      [tanAn, ...events],
    ]) {
      const s = wardsFold(order);
      expect(cases(s, TAN_AN_CODE)).toBe(35);
      expect(covidReconciliation(s, TAN_AN_CODE, wardRollup)).toMatchObject({
        cases: 35,
        childrenCases: 30,
        unallocatedCases: 5,
      });
      expect(covidReconciliation(s, '80', wardRollup)).toMatchObject({
        cases: 450,
        childrenCases: 335,
        unallocatedCases: 115,
      });
      expect(s.areas[TAN_AN_CODE]!.covid.epidemicLevel).toBe(2);
    }
  });

  it('without a province report, its level is the highest of the reports its figure is made of', () => {
    const noProvince = events.slice(0, 3);
    expect(wardsFold(noProvince).areas['80']!.covid.epidemicLevel).toBe(4);
    // A district's own report hides its wards' levels: the province's figure counts Tân An's report, not theirs.
    const withTanAn = [
      ...noProvince,
      report('cdc-longan', TAN_AN_CODE, '2021-07-30', 35, { epidemicLevel: 2 }),
    ];
    expect(wardsFold(withTanAn).areas['80']!.covid.epidemicLevel).toBe(2);
  });

  it('finds the wards two levels down when a later set puts a unit between them and the province', () => {
    // As a later area set may: Tân An's chain runs through another unit before the province.
    const NEW_PROVINCE = '72';
    const merged: AreaRollup = (code) => {
      const chain = wardRollup(code);
      return chain.includes(TAN_AN_CODE) ? [...chain.slice(0, -1), NEW_PROVINCE, '80'] : chain;
    };
    const s = wardsFold(events.slice(0, 3), merged);
    expect(cases(s, '80')).toBe(330);
    expect(s.areas['80']!.covid.epidemicLevel).toBe(4);
  });
});
