import { describe, expect, it } from 'vitest';
import { IocEvent, SENSOR_THRESHOLDS, type SensorReading } from '../../protocol';
import { SENSOR_SITES } from '../../geo';
import { createSimulation } from '../../simulators/plan';
import { SensorField, aqiFromPm25, sensorFaultWindows } from '../../simulators/sensor.simulator';
import { Weather } from '../../simulators/weather';
import { DAY, HOUR, TEST_SITES, vn } from './sim-fixtures';

const SEED = 17;

function readings(kind: string, from: number, to: number, seed = SEED): SensorReading[] {
  const sites = TEST_SITES.filter((s) => s.kind === kind);
  const out: SensorReading[] = [];
  new SensorField(seed, sites, new Weather(seed)).readings(from, to, out);
  return out;
}

const hourOf = (tsMs: number) => new Date(tsMs + 7 * HOUR).getUTCHours();
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const valuesAt = (rs: SensorReading[], hours: number[]) =>
  rs.filter((r) => hours.includes(hourOf(r.tsMs))).map((r) => r.value);

describe('sensor stream', () => {
  it('reads every cadence, with jitter, and ids unique per site', () => {
    const from = vn('2021-03-03');
    const rs = readings('traffic_flow', from, from + DAY);
    const faults = sensorFaultWindows(
      SEED,
      TEST_SITES.filter((s) => s.kind === 'traffic_flow'),
      from,
      from + DAY,
    );
    const lostMs = faults.filter((f) => f.kind !== 'stuck').reduce((s, f) => s + f.toMs - f.fromMs, 0);
    expect(rs.length).toBeGreaterThan(1440 - lostMs / 60_000 - 5);
    expect(rs.length).toBeLessThanOrEqual(1441);
    const gaps = rs.slice(1).map((r, i) => r.tsMs - rs[i]!.tsMs);
    expect(new Set(gaps).size).toBeGreaterThan(10);
    expect(new Set(rs.map((r) => r.id)).size).toBe(rs.length);
  });

  it('lists gaps, stuck values and offline periods, deterministically from the seed', () => {
    const from = vn('2021-01-01');
    const to = vn('2022-01-01');
    const faults = sensorFaultWindows(SEED, TEST_SITES, from, to);
    const kinds = new Set(faults.map((f) => f.kind));
    expect(kinds).toEqual(new Set(['gap', 'stuck', 'offline']));
    for (const f of faults) {
      const len = f.toMs - f.fromMs;
      if (f.kind === 'gap') expect(len >= 5 * 60_000 && len <= 30 * 60_000).toBe(true);
      if (f.kind === 'stuck') expect(Math.round(len / 60_000)).toBe(60);
      if (f.kind === 'offline') expect(len >= 2 * HOUR && len <= 8 * HOUR).toBe(true);
    }
    expect(sensorFaultWindows(SEED, TEST_SITES, from, to)).toEqual(faults);
    expect(sensorFaultWindows(SEED + 1, TEST_SITES, from, to)).not.toEqual(faults);
    const sim = createSimulation({ seed: SEED, sites: TEST_SITES, sensorHistoryFromMs: 0 });
    expect(sim.faultsBetween(from, to)).toEqual(faults);
  });

  it('sends nothing during gaps and offline periods, and one repeated value while stuck', () => {
    const site = TEST_SITES.find((s) => s.kind === 'noise')!;
    const faults = sensorFaultWindows(SEED, [site], vn('2021-01-01'), vn('2022-01-01'));
    const gap = faults.find((f) => f.kind !== 'stuck')!;
    const stuck = faults.find((f) => f.kind === 'stuck')!;
    const overlaps = (a: { fromMs: number; toMs: number }, b: { fromMs: number; toMs: number }) =>
      a.fromMs < b.toMs && b.fromMs < a.toMs;
    const field = new SensorField(SEED, [site], new Weather(SEED));
    const around: SensorReading[] = [];
    field.readings(gap.fromMs - HOUR, gap.toMs + HOUR, around);
    expect(around.filter((r) => r.tsMs >= gap.fromMs && r.tsMs < gap.toMs)).toEqual([]);
    expect(around.length).toBeGreaterThan(100);
    if (!faults.some((f) => f !== stuck && overlaps(f, stuck))) {
      const during: SensorReading[] = [];
      field.readings(stuck.fromMs, stuck.toMs, during);
      expect(during.length).toBeGreaterThanOrEqual(55);
      expect(new Set(during.map((r) => r.value)).size).toBe(1);
    }
  });

  it('follows the tide at Tân An: ~0.9 m mean, alarms above 1.8 m only in the October–November flood season', () => {
    const flood = readings('water_level', vn('2021-10-01'), vn('2021-12-01')).map((r) => r.value);
    const dry = readings('water_level', vn('2021-01-01'), vn('2021-05-01')).map((r) => r.value);
    const year = readings('water_level', vn('2021-01-01'), vn('2022-01-01')).map((r) => r.value);
    const alarm = SENSOR_THRESHOLDS.water_level!.alarm;
    expect(flood.filter((v) => v >= alarm).length).toBeGreaterThan(5);
    expect(dry.filter((v) => v >= alarm)).toEqual([]);
    expect(mean(year)).toBeGreaterThan(0.8);
    expect(mean(year)).toBeLessThan(1.0);
    expect(Math.max(...dry) - Math.min(...dry)).toBeGreaterThan(1.2);
  });

  it('rains mostly in the rainy season, in the afternoon', () => {
    const wet = readings('rainfall', vn('2021-05-01'), vn('2021-12-01')).filter((r) => r.value > 0);
    const dry = readings('rainfall', vn('2021-01-01'), vn('2021-04-01')).filter((r) => r.value > 0);
    expect(wet.length).toBeGreaterThan(10 * Math.max(1, dry.length));
    const afternoon = wet.filter((r) => hourOf(r.tsMs) >= 13 && hourOf(r.tsMs) <= 20);
    expect(afternoon.length / wet.length).toBeGreaterThan(0.7);
  });

  it('has morning and evening PM2.5 peaks, worse in the dry season, and AQI from PM2.5', () => {
    const jan = readings('pm25', vn('2021-01-04'), vn('2021-01-25'));
    const aug = readings('pm25', vn('2020-08-03'), vn('2020-08-24'));
    expect(mean(valuesAt(jan, [7, 8]))).toBeGreaterThan(1.2 * mean(valuesAt(jan, [13, 14])));
    expect(mean(valuesAt(jan, [19, 20, 21]))).toBeGreaterThan(1.2 * mean(valuesAt(jan, [13, 14])));
    expect(mean(jan.map((r) => r.value))).toBeGreaterThan(1.5 * mean(aug.map((r) => r.value)));
    expect(aqiFromPm25(25)).toBe(50);
    expect(aqiFromPm25(50)).toBe(100);
    const aqi = readings('aqi', vn('2021-01-04'), vn('2021-01-05'));
    expect(aqi.every((r) => Number.isInteger(r.value) && r.value >= 0 && r.value <= 500)).toBe(true);
  });

  it('counts traffic with rush hours, and much less during the 2021 lockdown', () => {
    const normal = readings('traffic_flow', vn('2021-06-07'), vn('2021-06-12'));
    const lockdown = readings('traffic_flow', vn('2021-08-02'), vn('2021-08-07'));
    expect(mean(valuesAt(normal, [7]))).toBeGreaterThan(1.5 * mean(valuesAt(normal, [11])));
    expect(mean(valuesAt(normal, [17]))).toBeGreaterThan(5 * mean(valuesAt(normal, [2])));
    expect(mean(lockdown.map((r) => r.value))).toBeLessThan(0.35 * mean(normal.map((r) => r.value)));
    const noise = readings('noise', vn('2021-06-07'), vn('2021-06-12'));
    expect(mean(valuesAt(noise, [17]))).toBeGreaterThan(mean(valuesAt(noise, [2])) + 8);
  });

  it('keeps temperature between ~24 and ~36 °C with an afternoon maximum', () => {
    const t = readings('temperature', vn('2021-01-01'), vn('2022-01-01'));
    const vs = t.map((r) => r.value);
    expect(Math.min(...vs)).toBeGreaterThan(21);
    expect(Math.max(...vs)).toBeLessThan(37);
    expect(mean(valuesAt(t, [14]))).toBeGreaterThan(mean(valuesAt(t, [5])) + 5);
    const april = readings('temperature', vn('2021-04-01'), vn('2021-05-01')).map((r) => r.value);
    expect(Math.max(...april)).toBeGreaterThan(34);
  });

  it('produces valid readings for every generated site of geo/', () => {
    const from = vn('2021-10-20T16:00');
    const sim = createSimulation({ seed: SEED, sites: SENSOR_SITES, sensorHistoryFromMs: from });
    const evs = sim.eventsBetween(from, from + 5 * 60_000).filter((e) => e.stream === 'sensor');
    expect(new Set(evs.map((e) => e.siteId)).size).toBeGreaterThan(0.9 * SENSOR_SITES.length);
    for (const e of evs) {
      const r = IocEvent.safeParse(e);
      if (!r.success) throw new Error(`${e.id}: ${r.error.message}`);
    }
  });
});
