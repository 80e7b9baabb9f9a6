import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applyPatch,
  diffState,
  emptyDashboardState,
  isEmptyPatch,
  type DashboardState,
  type LoggedEvent,
  type SensorReading,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { SENSOR_SITES } from '../../geo';
import { createSimulation } from '../../simulators/plan';
import { scopeState } from '../../server/engine/scope-state';
import { vn } from './sim-fixtures';

const rollup = makeRollup(AREAS_2021);
const AREAS = ['80', '794', '802', '806'];

/** Six lockdown hours of every stream, logged, with a flood on one site so alerts are raised and cleared. */
function loggedMorning(): LoggedEvent[] {
  const sim = createSimulation({
    seed: 2021,
    sites: SENSOR_SITES,
    historyFromMs: vn('2021-07-01'),
    sensorHistoryFromMs: vn('2021-08-02'),
  });
  const events = sim.eventsBetween(vn('2021-08-02T06:00'), vn('2021-08-02T12:00'));
  const wl = events.find((e): e is SensorReading => e.stream === 'sensor' && e.kind === 'water_level')!;
  const flood = [0, 1, 2].map((i) => ({ ...wl, id: `${wl.id}:flood${i}`, tsMs: wl.tsMs + i, value: 9 }));
  return [...events, ...flood]
    .sort((a, b) => a.tsMs - b.tsMs)
    .map((e, i) => ({ ...e, seq: i + 1 }) as LoggedEvent);
}

function windows(events: LoggedEvent[], size: number): LoggedEvent[][] {
  const out: LoggedEvent[][] = [];
  for (let i = 0; i < events.length; i += size) out.push(events.slice(i, i + size));
  return out;
}

describe('state patches (the `state` mode of /live)', () => {
  const events = loggedMorning();

  it('has something to prove: the morning touches areas, sites and alerts', () => {
    const end = applyEvents(emptyDashboardState(), events, rollup);
    expect(events.length).toBeGreaterThan(2_000);
    expect(Object.keys(end.sites).length).toBeGreaterThan(50);
    expect(end.alerts.recent.length).toBeGreaterThan(0);
  });

  it.each(AREAS)('keeps a dashboard of %s equal to the server, window after window', (area) => {
    let server: DashboardState = applyEvents(emptyDashboardState(), events.slice(0, 300), rollup);
    let client = scopeState(server, area, rollup);
    let patches = 0;
    for (const w of windows(events.slice(300), 250)) {
      const next = applyEvents(server, w, rollup);
      const patch = diffState(server, next, area, rollup);
      if (!isEmptyPatch(patch)) patches++;
      client = applyPatch(client, patch, next.seq);
      server = next;
      expect(client).toEqual(scopeState(server, area, rollup));
    }
    expect(patches).toBeGreaterThan(0);
  });

  it('lands on the window end from any state inside the window (a resync overlapping a patch)', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 1000), rollup);
    const mid = applyEvents(start, events.slice(1000, 1400), rollup);
    const end = applyEvents(mid, events.slice(1400, 1800), rollup);
    const patch = diffState(start, end, '80', rollup);
    expect(applyPatch(scopeState(mid, '80', rollup), patch, end.seq)).toEqual(scopeState(end, '80', rollup));
    // Already past the patch: nothing changes.
    const scopedEnd = scopeState(end, '80', rollup);
    expect(applyPatch(scopedEnd, patch, end.seq)).toBe(scopedEnd);
  });

  it('clears a condition raised and cleared inside the window for a client that resynced into its middle', () => {
    const base = applyEvents(emptyDashboardState(), events.slice(0, 500), rollup);
    const withAlerts = (conditions: DashboardState['alerts']['conditions'], seq: number): DashboardState => ({
      ...base,
      seq,
      alerts: { ...base.alerts, conditions, sensorClockMs: base.alerts.sensorClockMs + seq },
    });
    const prev = withAlerts({}, 600);
    const mid = withAlerts({ 'sensor:X': { level: 2, alertId: 'a1' } }, 650);
    const next = withAlerts({}, 700);
    const patch = diffState(prev, next, '80', rollup);
    expect(applyPatch(mid, patch, next.seq).alerts.conditions).toEqual({});
  });

  it('carries one value per site however many readings the window held', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 100), rollup);
    const end = applyEvents(start, events.slice(100), rollup);
    const patch = diffState(start, end, '80', rollup);
    const readings = events.slice(100).filter((e) => e.stream === 'sensor');
    const sites = new Set(readings.map((e) => (e as SensorReading).siteId));
    expect(readings.length).toBeGreaterThan(sites.size * 2);
    expect(Object.keys(patch.sites).sort()).toEqual([...sites].sort());
  });

  it('leaves out what happened under other areas', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 100), rollup);
    const end = applyEvents(start, events.slice(100), rollup);
    const patch = diffState(start, end, '794', rollup);
    for (const code of Object.keys(patch.areas)) expect(rollup(code)).toContain('794');
    for (const s of Object.values(patch.sites)) expect(rollup(s.area)).toContain('794');
    for (const a of patch.alerts.recent ?? []) expect(rollup(a.area)).toContain('794');
  });
});
