import { IMMEDIATE_ALARMS, stateWithRules } from '../fixtures/events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTiles } from '../../client/features/wall/wall-tiles';
import { mapMetricValues } from '../../protocol/state/map-metrics';
import { countCodes, siteStatusCodes } from '../../client/map/site-points';
import { FIXTURE_ROLLUP as rollup } from './fixtures';
import { areaKpis, siteMarkers } from '../../client/store/selectors';
import {
  AlertRules,
  applyEvents,
  countByStatus,
  siteStatus,
  STALE_AFTER_MS,
  stuckRuleOf,
  thresholdOf,
  type DashboardState,
  type LoggedEvent,
  type SensorKind,
} from '../../protocol';

const T0 = Date.parse('2021-08-16T08:00:00+07:00');
const SITES: readonly { siteId: string; kind: SensorKind; area: string }[] = [
  { siteId: 'wl-a', kind: 'water_level', area: '794' },
  { siteId: 'wl-b', kind: 'water_level', area: '802' },
  { siteId: 'rf-a', kind: 'rainfall', area: '794' },
  { siteId: 'pm-a', kind: 'pm25', area: '803' },
  { siteId: 'ns-a', kind: 'noise', area: '806' },
];
const KINDS = [...new Set(SITES.map((s) => s.kind))];

// Readings and thresholds on one small grid, so values cross lines, repeat and sit at zero often.
const value = fc.integer({ min: 0, max: 12 });
const threshold = fc.oneof(
  fc.constant(null),
  fc.tuple(value, value, fc.option(value, { nil: undefined })).map(([a, b, c]) => {
    const [warning, alarm] = a <= b ? [a, b] : [b, a];
    return c === undefined || c > warning ? { warning, alarm } : { warning, alarm, clear: c };
  }),
);
const stuckRule = fc.oneof(
  fc.constant(null),
  fc.record(
    { repeats: fc.integer({ min: 2, max: 6 }), ignoreAtOrBelow: value },
    { requiredKeys: ['repeats'] },
  ),
);
const kindRecord = <T,>(arb: fc.Arbitrary<T>) =>
  fc.dictionary(fc.constantFrom(...KINDS), arb, { maxKeys: KINDS.length });

/** A rules file as an operator could write it, parsed by the one schema. */
const rules = fc
  .record({
    sensorThresholds: kindRecord(threshold),
    stuckReadings: fc.option(kindRecord(stuckRule), { nil: undefined }),
    sensorOfflineAfterMin: fc.integer({ min: 1, max: 30 }),
  })
  // No on-delay: the property is the status a reading gives under the thresholds (delays: alarm-management.test.ts).
  .map((r) => AlertRules.parse({ version: 1, ...r, alarms: IMMEDIATE_ALARMS }));

type Step =
  { type: 'reading'; site: number; value: number; dtS: number } | { type: 'rules'; rules: AlertRules };
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      type: fc.constant('reading' as const),
      site: fc.nat(SITES.length - 1),
      value,
      dtS: fc.integer({ min: -120, max: 240 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('rules' as const), rules }) },
);

/** The steps as logged events: readings move forward in time by `dtS`, a negative one is a late reading. */
function toEvents(steps: readonly Step[]): LoggedEvent[] {
  let t = T0;
  return steps.map((s, i): LoggedEvent => {
    const seq = i + 1;
    if (s.type === 'rules')
      return {
        v: 1,
        seq,
        id: `rules-${seq}`,
        source: 'alert-rules',
        stream: 'ops',
        area: '80',
        tsMs: t,
        operator: 'alert-rules-file',
        action: 'alert-rules:changed',
        rules: s.rules,
      };
    const site = SITES[s.site]!;
    const tsMs = t + s.dtS * 1000;
    if (s.dtS > 0) t = tsMs;
    return {
      v: 1,
      seq,
      id: `${site.siteId}:${seq}`,
      source: 'test',
      stream: 'sensor',
      area: site.area,
      tsMs,
      siteId: site.siteId,
      kind: site.kind,
      value: s.value,
      unit: 'u',
      lonLat: [106.4, 10.5],
    };
  });
}

/** Folds in the batches `cuts` makes, as live windows, a resync or a replay's pages would. */
function fold(events: readonly LoggedEvent[], cuts: readonly number[]): DashboardState {
  const at = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  let s = stateWithRules();
  let from = 0;
  for (const to of [...at, events.length]) {
    s = applyEvents(s, events.slice(from, to), rollup);
    from = Math.max(from, to);
  }
  return s;
}

const criticalThresholdConditions = (s: DashboardState) =>
  Object.entries(s.alerts.conditions).filter(([k, c]) => k.startsWith('sensor:') && c.level === 2).length;

const scenario = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 80 }),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
  laterS: fc.integer({ min: 0, max: 40 * 60 }),
});

describe('site status from the rules in force (property)', () => {
  it('counts as many sites in alarm as there are critical threshold conditions, live, resynced or replayed', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cuts, laterS }) => {
        const events = toEvents(steps);
        const s = fold(events, cuts);
        const whole = applyEvents(stateWithRules(), events, rollup);
        const now = Math.max(T0, ...events.map((e) => e.tsMs)) + laterS * 1000;
        const counts = countByStatus(Object.values(s.sites), s.alerts, now);
        expect(counts.alarm).toBe(criticalThresholdConditions(s));
        expect(countByStatus(Object.values(whole.sites), whole.alerts, now)).toEqual(counts);
      }),
      { numRuns: 300 },
    );
  });

  it('puts a site in alarm when its newest reading, read under the rules then in force, crossed the alarm, and out once under the warning', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cuts, laterS }) => {
        const events = toEvents(steps);
        const s = fold(events, cuts);
        const now = Math.max(T0, ...events.map((e) => e.tsMs)) + laterS * 1000;
        let inForce: AlertRules | null = null;
        const newest = new Map<string, { tsMs: number; value: number; rules: AlertRules | null }>();
        for (const e of events) {
          if (e.stream === 'ops' && e.action === 'alert-rules:changed') inForce = e.rules;
          else if (e.stream === 'sensor' && (newest.get(e.siteId)?.tsMs ?? -Infinity) <= e.tsMs)
            newest.set(e.siteId, { tsMs: e.tsMs, value: e.value, rules: inForce });
        }
        for (const [id, n] of newest) {
          const site = s.sites[id]!;
          const t = thresholdOf(n.rules, site.kind);
          const status = siteStatus(site, s.alerts, now);
          // At or over the alarm: in alarm; under the warning (or no thresholds): not. In between an alarm
          // holds until the value is back under the warning, as its alert does.
          if (t !== null && n.value >= t.alarm) expect(status).toBe('alarm');
          if (t === null || n.value < t.warning) expect(status).not.toBe('alarm');
          if (status === 'alarm') continue;
          // Below an alarm: freshness under the rules now in force, and the kind's stuck rule.
          const age = now - site.tsMs;
          const offline = age > (s.alerts.rules?.sensorOfflineAfterMin ?? 15) * 60_000;
          const rule = stuckRuleOf(s.alerts.rules, site.kind);
          const stuck =
            rule !== null &&
            site.repeats >= rule.repeats &&
            !(rule.ignoreAtOrBelow !== undefined && site.value <= rule.ignoreAtOrBelow);
          const expected = offline ? 'offline' : age > STALE_AFTER_MS || stuck ? 'stale' : null;
          if (expected) expect(status).toBe(expected);
          else expect(['ok', 'warning']).toContain(status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the wall tile, its colour, the map legend, the markers and the header count from that one function', () => {
    fc.assert(
      fc.property(scenario, ({ steps, cuts, laterS }) => {
        const events = toEvents(steps);
        const s = fold(events, cuts);
        const now = Math.max(T0, ...events.map((e) => e.tsMs)) + laterS * 1000;
        const sites = Object.values(s.sites);
        const counts = countByStatus(sites, s.alerts, now);
        const [alarms, water] = computeTiles(['sensorAlarms', 'waterLevelMax'], s, now, rollup);
        expect(alarms!.value).toBe(counts.alarm);
        expect(alarms!.tone).toBe(counts.alarm > 0 ? 'alarm' : 'normal');
        const tanAnWater = sites.filter((x) => x.kind === 'water_level' && x.area === '794');
        const statuses = tanAnWater.map((x) => siteStatus(x, s.alerts, now));
        expect(water!.tone).toBe(
          statuses.includes('alarm') ? 'alarm' : statuses.includes('warning') ? 'warn' : 'normal',
        );
        expect(countCodes(siteStatusCodes(sites, s.alerts, now))).toEqual(counts);
        expect(siteMarkers(s, now).filter((m) => m.status === 'alarm').length).toBe(counts.alarm);
        expect(areaKpis(s, '80', now, rollup).sensorAlarm).toBe(counts.alarm);
        const perArea = Object.values(mapMetricValues(s, 'sensorAlarms', now));
        expect(perArea.reduce((a, b) => a + b, 0)).toBe(counts.alarm);
      }),
      { numRuns: 200 },
    );
  });
});
