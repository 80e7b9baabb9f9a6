import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DAY_COUNTERS,
  DAY_MS,
  METRIC,
  METRICS,
  METRIC_NAMES,
  PROTOCOL_VERSION,
  applyEvents,
  emptyDashboardState,
  metricByName,
  metricFigure,
  onTimeRate,
  onlinePaymentShare,
  onlineShare,
  sumRows,
  vnDateKey,
  vnDayStartMs,
  type DashboardState,
  type DossierCounters,
  type IocEvent,
  type LoggedEvent,
  type MetricName,
} from '../../protocol';
import { SCHEMATIC_2021, makeRollup } from '../../geo';
import { dailyIncrements } from '../../server/ingest/daily-aggregates';
import { periodFigure } from '../../server/http/period-figure';
import { buildSeries } from '../../server/http/series';
import { computeSummary } from '../../server/public/public-figures';
import type { DailyAggregateRow, EventStore } from '../../server/store/event-store';
import { openSqliteStore } from '../../server/store/sqlite-store';

const rollup = makeRollup(SCHEMATIC_2021.areas);
const WARD = SCHEMATIC_2021.areas.find((a) => a.parent === '794')!.code;
const AREAS = [WARD, '794', '802'];
const AREA_CODES = ['80', ...AREAS];
const START = vnDayStartMs('2021-08-01');
const DAYS = 10;

/** An event of any data stream, anywhere in ten days of August 2021; ids and seqs are given later. */
const anyEvent: fc.Arbitrary<IocEvent> = fc
  .record({
    area: fc.constantFrom(...AREAS),
    tsMs: fc.integer({ min: START, max: START + DAYS * DAY_MS - 1 }),
    pick: fc.integer({ min: 0, max: 5 }),
    channel: fc.constantFrom('online', 'postal', 'counter'),
    level: fc.constantFrom(2, 3, 4),
    flag: fc.boolean(),
    n: fc.integer({ min: 0, max: 40 }),
    dayOffset: fc.integer({ min: 0, max: DAYS - 1 }),
    kind: fc.constantFrom('water_level', 'pm25', 'rainfall'),
    value: fc.double({ min: 0, max: 200, noNaN: true }),
  })
  .map((r): IocEvent => {
    const base = { v: PROTOCOL_VERSION, id: 'x', source: 'prop', area: r.area, tsMs: r.tsMs } as const;
    const dossier = { ...base, stream: 'dossier', dossierCode: 'LA-1' } as const;
    switch (r.pick) {
      case 0:
      case 1:
        return {
          ...dossier,
          action: 'submitted',
          channel: r.channel,
          serviceLevel: r.level,
          procedure: 'p',
          agency: 'a',
          dueMs: r.tsMs + DAY_MS,
        };
      case 2:
        return { ...dossier, action: 'resolved', onTime: r.flag };
      case 3:
        return { ...dossier, action: 'paid', amountVnd: 1000, online: r.flag };
      case 4:
        return {
          ...base,
          stream: 'covid',
          // The day a report covers is not always the day it is sent.
          date: vnDateKey(START + r.dayOffset * DAY_MS),
          newCases: r.n,
          recovered: r.n >> 1,
          deaths: r.n % 3,
          vaccineDoses: r.n * 7,
          epidemicLevel: 1 + (r.n % 4),
        };
      default:
        return {
          ...base,
          stream: 'sensor',
          siteId: `s-${r.area}`,
          kind: r.kind,
          value: r.value,
          unit: 'u',
          lonLat: [106.4, 10.6],
        };
    }
  });

const anyLog = fc
  .array(anyEvent, { minLength: 1, maxLength: 120 })
  .map((es) => es.map((e, i) => ({ ...e, id: `e${i}`, seq: i + 1 }) as LoggedEvent));

const rowsOf = (rows: readonly DailyAggregateRow[], metric: MetricName, area: string, day?: string) =>
  rows.filter((r) => r.metric === metric && r.area === area && (day === undefined || r.day === day));

const fold = (events: readonly LoggedEvent[]): DashboardState =>
  applyEvents(emptyDashboardState(), events, rollup);

/** The reducer's running totals, each the sum over all days of one counter of the table. */
const TOTALS: Partial<Record<MetricName, (d: DashboardState['areas'][string]) => number>> = {
  'dossier.submitted': (a) => a.dossier.submitted,
  'dossier.online_submitted': (a) => a.dossier.onlineSubmitted,
  'dossier.postal_submitted': (a) => a.dossier.postalSubmitted,
  'dossier.resolved': (a) => a.dossier.resolved,
  'dossier.late_resolved': (a) => a.dossier.resolved - a.dossier.resolvedOnTime,
  'dossier.level3_submitted': (a) => a.dossier.level3Submitted,
  'dossier.level4_submitted': (a) => a.dossier.level4Submitted,
  'dossier.paid_online': (a) => a.dossier.paidOnline,
  'covid.new_cases': (a) => a.covid.cumulativeCases,
  'covid.recovered': (a) => a.covid.recovered,
  'covid.deaths': (a) => a.covid.deaths,
  'covid.vaccine_doses': (a) => a.covid.vaccineDoses,
};

/** The live screens' ratios of the reduced state, each a ratio metric of the table. */
const STATE_RATIOS: Partial<Record<MetricName, (d: DossierCounters) => number | null>> = {
  'dossier.on_time_rate': onTimeRate,
  'dossier.online_share': onlineShare,
  'dossier.online_payment_share': onlinePaymentShare,
  'dossier.postal_share': (d) => (d.submitted > 0 ? d.postalSubmitted / d.submitted : null),
};

/** Metrics the reduced state keeps no count of (sensor sites hold their latest reading only). */
const NOT_REDUCED: readonly MetricName[] = [
  'covid.reports',
  'sensor.readings',
  'sensor.alarms',
  'sensor.water_level_readings',
  'sensor.air_quality_readings',
];

describe('the metric table', () => {
  it('names every metric once, a typo being no metric, and keeps the catalogue names of the contract', () => {
    expect(new Set(METRICS.map((m) => m.name)).size).toBe(METRICS.length);
    for (const name of [
      'dossier.online_submitted',
      'dossier.on_time_rate',
      'covid.new_cases',
      'sensor.alarms',
    ])
      expect(metricByName(name)?.name).toBe(name);
    expect(metricByName('dossier.ontime_rate')).toBeUndefined();
    expect(metricByName('toString')).toBeUndefined();
    // @ts-expect-error a misspelt metric name does not compile
    expect(METRIC['dossier.ontime_rate']).toBeUndefined();
    expect(METRIC['dossier.online_share']).toMatchObject({
      kind: 'ratio',
      numerator: 'dossier.online_submitted',
      denominator: 'dossier.submitted',
    });
  });

  it('leaves no metric of the table unchecked against the reduced state but those it keeps no count of', () => {
    const checked = [...Object.keys(TOTALS), ...Object.keys(STATE_RATIOS), ...NOT_REDUCED];
    expect(checked.sort()).toEqual([...METRIC_NAMES].sort());
  });

  it('gives the reducer and the daily aggregates the same count for every day, area and metric', () => {
    fc.assert(
      fc.property(anyLog, (events) => {
        const state = fold(events);
        const rows = dailyIncrements(events, rollup);
        for (const area of AREA_CODES) {
          const a = state.areas[area];
          // Per-day counters, both ways: a day the reducer lacks has no rows either.
          for (const [key, metric] of Object.entries(DAY_COUNTERS) as [
            keyof typeof DAY_COUNTERS,
            MetricName,
          ][]) {
            for (const [day, counters] of Object.entries(a?.daily ?? {}))
              expect(counters[key], `${metric} ${area} ${day}`).toBe(
                sumRows(rowsOf(rows, metric, area, day)).value,
              );
            for (const row of rowsOf(rows, metric, area))
              expect(a?.daily[row.day]?.[key] ?? 0, `${metric} ${area} ${row.day}`).toBe(row.value);
          }
          for (const [metric, total] of Object.entries(TOTALS) as [MetricName, (x: typeof a) => number][])
            expect(a ? total(a) : 0, `${metric} ${area}`).toBe(sumRows(rowsOf(rows, metric, area)).value);
          for (const [metric, live] of Object.entries(STATE_RATIOS) as [MetricName, typeof onTimeRate][]) {
            const fromRows = metricFigure(METRIC[metric], sumRows(rowsOf(rows, metric, area))).value;
            expect(a ? live(a.dossier) : null, `${metric} ${area}`).toBe(fromRows);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  describe('over a store', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'metric-table-'));
    let stores = 0;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    async function storeOf(events: readonly LoggedEvent[]): Promise<EventStore> {
      const store = openSqliteStore(path.join(dir, `events-${stores++}.sqlite`));
      await store.append(
        events.map(({ seq: _seq, ...e }) => e as IocEvent),
        (accepted) => dailyIncrements(accepted, rollup),
      );
      return store;
    }

    const within = (code: string) =>
      SCHEMATIC_2021.areas.filter((a) => rollup(a.code).includes(code)).map((a) => a.code);
    const ratios = METRICS.filter((m) => m.kind === 'ratio');

    it('gives the series, the review period and the public figures the same ratio for the same span', async () => {
      const endOfData = START + DAYS * DAY_MS;
      // The clock in the last day of data: the month so far is the ten days of data, whole.
      const nowMs = endOfData - 3_600_000;
      await fc.assert(
        fc.asyncProperty(anyLog, async (events) => {
          const store = await storeOf(events);
          try {
            for (const area of AREA_CODES)
              for (const m of ratios) {
                const series = await buildSeries(store, m, area, 'month', START, endOfData, nowMs);
                const period = await periodFigure(store, m, area, within(area), START, endOfData);
                expect(series.points[0]!.value, `${m.name} ${area}`).toBe(period.value);
              }
            const summary = await computeSummary({
              store,
              clock: { now: () => nowMs, speed: () => 1 },
              state: () => fold(events),
              areasAt: () => SCHEMATIC_2021.collection,
            });
            const period = await periodFigure(
              store,
              METRIC['dossier.on_time_rate'],
              '80',
              within('80'),
              START,
              endOfData,
            );
            expect(summary.month.onTimeRate).toBe(period.value);
            expect(summary.month.submitted).toBe(
              (await periodFigure(store, METRIC['dossier.submitted'], '80', within('80'), START, endOfData))
                .value,
            );
          } finally {
            await store.close();
          }
        }),
        { numRuns: 25 },
      );
    }, 60_000);

    it('counts a span cut inside days the same as the events in it, every ratio of the table', async () => {
      await fc.assert(
        fc.asyncProperty(
          anyLog,
          fc.integer({ min: START, max: START + DAYS * DAY_MS }),
          fc.integer({ min: 1, max: DAYS * DAY_MS }),
          async (events, fromMs, length) => {
            const toMs = fromMs + length;
            const store = await storeOf(events);
            try {
              for (const m of ratios.filter((x) => x.stream === 'dossier')) {
                const inSpan = events.filter(
                  (e) => e.tsMs >= fromMs && e.tsMs < toMs && rollup(e.area).includes('794'),
                );
                const want = metricFigure(m, {
                  value: inSpan.reduce((s, e) => s + m.value(e), 0),
                  weight: inSpan.reduce((s, e) => s + (m.weight?.(e) ?? 0), 0),
                });
                expect(await periodFigure(store, m, '794', within('794'), fromMs, toMs)).toEqual(want);
              }
            } finally {
              await store.close();
            }
          },
        ),
        { numRuns: 25 },
      );
    }, 60_000);
  });
});
