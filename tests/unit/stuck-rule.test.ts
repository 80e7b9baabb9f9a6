import { describe, expect, it } from 'vitest';
import {
  AlertRules,
  applyEvents,
  DEFAULT_ALERT_RULES,
  emptyDashboardState,
  siteStatus,
  type DashboardState,
  type SensorKind,
  type SensorReading,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';

const rollup = makeRollup(AREAS_2021);
const T0 = Date.parse('2021-08-01T08:00:00+07:00');

/** `n` identical readings of one site, `cadenceS` apart, folded; the rules (if any) logged first. */
function repeated(kind: SensorKind, value: number, n: number, cadenceS: number, rules?: AlertRules) {
  const events = Array.from({ length: n }, (_, i): SensorReading => ({
    v: 1,
    id: `s:${i}`,
    source: 'test',
    area: '794',
    tsMs: T0 + i * cadenceS * 1000,
    stream: 'sensor',
    siteId: 's',
    kind,
    value,
    unit: 'u',
    lonLat: [106.4, 10.5],
  }));
  const ops = rules
    ? [
        {
          v: 1 as const,
          id: 'rules',
          source: 'alert-rules',
          stream: 'ops' as const,
          area: '80',
          tsMs: T0 - 1000,
          operator: 'alert-rules-file',
          action: 'alert-rules:changed' as const,
          rules,
        },
      ]
    : [];
  const s: DashboardState = applyEvents(
    emptyDashboardState(),
    [...ops, ...events].map((e, i) => ({ ...e, seq: i + 1 })),
    rollup,
  );
  return siteStatus(s.sites.s!, s.alerts, events.at(-1)!.tsMs);
}

describe('the stuck-sensor rule, per kind', () => {
  it('does not call a dry rain gauge stuck, however long it reads 0,0 mm/h', () => {
    expect(repeated('rainfall', 0, 600, 60)).toBe('ok');
  });

  it("calls a rain gauge stuck that repeats a shower's value for 20 minutes", () => {
    expect(repeated('rainfall', 5.2, 20, 60)).toBe('ok');
    expect(repeated('rainfall', 5.2, 21, 60)).toBe('stale');
  });

  it("leaves a sound meter at its floor alone, and flags one frozen at a street's level", () => {
    expect(repeated('noise', 32, 500, 15)).toBe('ok');
    expect(repeated('noise', 60.4, 41, 15)).toBe('stale');
  });

  it('gives the whole-number AQI more repeats than a water gauge before it is stuck', () => {
    expect(repeated('aqi', 22, 40, 30)).toBe('ok');
    expect(repeated('aqi', 22, 61, 30)).toBe('stale');
    expect(repeated('water_level', 1.2, 21, 60)).toBe('stale');
  });

  it('follows the rules file: a kind it sets, a kind it turns off, a kind it leaves out', () => {
    const rules = AlertRules.parse({
      version: 1,
      stuckReadings: { water_level: { repeats: 3 }, pm25: null },
    });
    expect(repeated('water_level', 1.2, 4, 60, rules)).toBe('stale');
    expect(repeated('pm25', 20, 500, 30, rules)).toBe('ok');
    expect(repeated('rainfall', 0, 600, 60, rules)).toBe('ok');
    expect(repeated('rainfall', 3, 21, 60, rules)).toBe('stale');
  });

  it('refuses a rules file whose stuck rule makes no sense, saying where', () => {
    const bad = AlertRules.safeParse({
      ...DEFAULT_ALERT_RULES,
      stuckReadings: { noise: { repeats: 1 }, rainfall: { repeats: 5, below: 0 } },
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['stuckReadings.noise.repeats', 'stuckReadings.rainfall']),
    );
  });
});
