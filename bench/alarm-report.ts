/*
 * The alarm performance report of the default scenario, folded from the seeded plan by the live reducers: what a
 * fresh start shows (needs action at the scenario start, after the history since SIM_HISTORY_FROM) and the
 * ISA-18.2 figures of the hours after it.
 *
 *   npx tsx bench/alarm-report.ts [hours=24] [seed=2021] [historyFrom=2019-01-01T00:00:00+07:00]
 */
import { SENSOR_SITES } from '../geo';
import { AREAS_2021, makeRollup } from '../geo/areas';
import {
  alarmReport,
  applyEvents,
  countAlarmStates,
  emptyDashboardState,
  type Alert,
  type DashboardState,
  type LoggedEvent,
} from '../protocol';
import { createSimulation } from '../simulators/plan';

const HOUR = 3_600_000;
const hours = Number(process.argv[2] ?? 24);
const seed = Number(process.argv[3] ?? 2021);
const historyFromMs = Date.parse(process.argv[4] ?? '2019-01-01T00:00:00+07:00');
const startMs = Date.parse('2021-08-01T08:00:00+07:00');
const endMs = startMs + hours * HOUR;
// As the server backfills: raw sensor readings for the 6 hours before the start only.
const sensorFromMs = startMs - 6 * HOUR;

const rollup = makeRollup(AREAS_2021);
const sim = createSimulation({ seed, sites: SENSOR_SITES, sensorHistoryFromMs: sensorFromMs, historyFromMs });
const alarms = new Map<string, Alert>();
let state: DashboardState = emptyDashboardState();
let seq = 0;
const t0 = Date.now();
const fold = (fromMs: number, toMs: number, stepMs: number) => {
  for (let t = fromMs; t < toMs; t += stepMs) {
    const evs = sim
      .eventsBetween(t, Math.min(toMs, t + stepMs))
      .map((e) => ({ ...e, seq: ++seq }) as LoggedEvent);
    for (let i = 0; i < evs.length; i += 5000)
      state = applyEvents(state, evs.slice(i, i + 5000), rollup, undefined, (a) => alarms.set(a.id, a));
  }
};
fold(historyFromMs, sensorFromMs, 7 * 24 * HOUR);
fold(sensorFromMs, startMs, 10 * 60_000);
const atStart = countAlarmStates(state.alerts, startMs);
console.log(`fresh start (${new Date(startMs).toISOString()}): alarm states`, atStart);
console.log(
  'needing action:',
  state.alerts.recent
    .filter((a) => countAlarmStates({ ...state.alerts, recent: [a] }, startMs).unack)
    .map((a) => `${a.rule} ${a.priority} ${a.memberCount} member(s) ${a.area}`),
);
fold(startMs, endMs, 10 * 60_000);
const report = alarmReport(alarms.values(), startMs, endMs, {
  from: new Date(startMs).toISOString(),
  to: new Date(endMs).toISOString(),
  area: null,
});
const total = report.alarms || 1;
const pct = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
console.log(JSON.stringify(report, null, 2));
console.log(
  `priorities: critical ${pct(report.priorities.critical)}, high ${pct(report.priorities.high)}, ` +
    `medium ${pct(report.priorities.medium)}, low ${pct(report.priorities.low)}; folded ${seq} events in ${Date.now() - t0} ms`,
);
