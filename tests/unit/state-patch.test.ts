import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  applyPatch,
  diffState,
  emptyDashboardState,
  isEmptyPatch,
  type Alert,
  type DashboardState,
  type StatePatch,
  type ValueOp,
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

  it.each(AREAS)(
    'keeps a dashboard of %s equal to the server, window after window',
    (area) => {
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
      // Hundreds of windows, each compared whole: slow on a loaded two-core machine, not a speed figure.
    },
    60_000,
  );

  it('applies exactly from the window start, for windows of every size and every area (seeded)', () => {
    // Seeded random windows along the simulated morning, each checked in a random scope.
    let seed = 23;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let at = 500;
    let a = applyEvents(emptyDashboardState(), events.slice(0, at), rollup);
    for (let run = 0; run < 16; run++) {
      const skip = Math.floor(rand() * 3_000);
      a = applyEvents(a, events.slice(at, at + skip), rollup);
      at += skip;
      const size = 1 + Math.floor(rand() * 800);
      const b = applyEvents(a, events.slice(at, at + size), rollup);
      at += size;
      const area = AREAS[Math.floor(rand() * AREAS.length)]!;
      // Through JSON, as the wire carries it.
      const patch = JSON.parse(JSON.stringify(diffState(a, b, area, rollup))) as StatePatch;
      expect(applyPatch(scopeState(a, area, rollup), patch, b.seq)).toEqual(scopeState(b, area, rollup));
      a = b;
    }
  }, 60_000);

  it("sends the day that changed, not the area's whole history, when one dossier arrives", () => {
    const dossier = events.filter((e) => e.stream === 'dossier' && e.action === 'submitted').at(-1)!;
    const i = events.indexOf(dossier);
    const folded = applyEvents(emptyDashboardState(), events.slice(0, i), rollup);
    // Ninety days of history in every area before the morning, as a server that ran since May holds.
    const history = Object.fromEntries(
      Array.from({ length: 90 }, (_, d) => [
        new Date(Date.parse('2021-05-04') + d * 86_400_000).toISOString().slice(0, 10),
        { submitted: d, online: d, covidNewCases: 0 },
      ]),
    );
    const before: DashboardState = {
      ...folded,
      areas: Object.fromEntries(
        Object.entries(folded.areas).map(([code, a]) => [code, { ...a, daily: { ...history, ...a.daily } }]),
      ),
    };
    const after = applyEvents(before, [dossier], rollup);
    expect(Object.keys(after.areas[dossier.area]!.daily).length).toBeGreaterThan(90);
    const patch = diffState(before, after, '80', rollup);
    const text = JSON.stringify(patch);
    // Only the event's own day is named, in the area and every area above it.
    const days = new Set(text.match(/\d{4}-\d{2}-\d{2}/g));
    expect(days.size).toBe(1);
    expect(text.length).toBeLessThan(2_000);
    expect(applyPatch(scopeState(before, '80', rollup), patch, after.seq)).toEqual(
      scopeState(after, '80', rollup),
    );
  });

  it('removes a condition that cleared, and leaves the other conditions and late counts out', () => {
    const base = applyEvents(emptyDashboardState(), events.slice(0, 500), rollup);
    const withAlerts = (conditions: DashboardState['alerts']['conditions'], seq: number): DashboardState => ({
      ...base,
      seq,
      alerts: {
        ...base.alerts,
        conditions,
        late: { '794': { day: '2021-08-02', count: 3 } },
      },
    });
    const kept = { level: 1, alertId: 'k@1' };
    const prev = withAlerts({ 'sensor:X': { level: 2, alertId: 'a1' }, 'sensor:K': kept }, 600);
    const next = withAlerts({ 'sensor:K': kept }, 700);
    const patch = diffState(prev, next, '80', rollup);
    expect(patch).toEqual({ alerts: ['patch', { conditions: ['patch', { 'sensor:X': ['remove'] }] }] });
    expect(applyPatch(prev, patch, next.seq).alerts).toEqual(next.alerts);
  });

  it('carries one value per site however many readings the window held', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 100), rollup);
    const end = applyEvents(start, events.slice(100), rollup);
    const patch = diffState(start, end, '80', rollup);
    const readings = events.slice(100).filter((e) => e.stream === 'sensor');
    const sites = new Set(readings.map((e) => (e as SensorReading).siteId));
    expect(readings.length).toBeGreaterThan(sites.size * 2);
    const op = patch.sites!;
    expect(op[0]).toBe('patch');
    expect(Object.keys(op[0] === 'patch' ? op[1] : {}).sort()).toEqual([...sites].sort());
  });

  it('leaves out what happened under other areas', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 100), rollup);
    const end = applyEvents(start, events.slice(100), rollup);
    const patch = diffState(start, end, '794', rollup);
    const keys = (op: ValueOp | undefined) => (op?.[0] === 'patch' ? Object.keys(op[1]) : []);
    expect(keys(patch.areas).length).toBeGreaterThan(0);
    for (const code of keys(patch.areas)) expect(rollup(code)).toContain('794');
    for (const id of keys(patch.sites)) expect(rollup(end.sites[id]!.area)).toContain('794');
    const scoped = applyPatch(scopeState(start, '794', rollup), patch, end.seq);
    for (const a of scoped.alerts.recent) expect(rollup(a.area)).toContain('794');
  });

  it('shows the alerts as the audience sees them', () => {
    const start = applyEvents(emptyDashboardState(), events.slice(0, 100), rollup);
    const end = applyEvents(start, events.slice(100), rollup);
    expect(end.alerts.recent.length).toBeGreaterThan(0);
    const tagged = (a: Alert): Alert => ({ ...a, unit: 'seen' });
    const patch = diffState(start, end, '80', rollup, { alert: tagged, outOfService: (o) => o });
    // The dashboard holds the alerts as its audience saw them (its snapshot went through the same view).
    const held = scopeState(start, '80', rollup);
    const scoped = applyPatch(
      { ...held, alerts: { ...held.alerts, recent: held.alerts.recent.map(tagged) } },
      patch,
      end.seq,
    );
    expect(scoped.alerts.recent.every((a) => a.unit === 'seen')).toBe(true);
  });
});
