import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SENSOR_SITES } from '../../geo';
import { AlarmReport, countAlarmStates, type IocEvent } from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { startTestServer, type TestServer } from './support/test-server';
import { admissionRules } from '../../server/ingest/event-admission';
import { DAY_MS } from '../../protocol';

const HOUR = 3_600_000;
/** The default scenario: seed 2021, live from 2021-08-01 08:00 Vietnam time. */
const SEED = 2021;
const START_MS = Date.parse('2021-08-01T08:00:00+07:00');
const END_MS = START_MS + 24 * HOUR;
/**
 * History as the server backfills it, from 2021-06-01 rather than 2019 to keep the run short: two months of
 * dossiers and the epidemic reports of the wave's start, raw sensor readings for the 6 hours before the start.
 */
const HISTORY_FROM_MS = Date.parse('2021-06-01T00:00:00+07:00');
const SENSOR_FROM_MS = START_MS - 6 * HOUR;

/**
 * The "done when": 24 scenario hours of the default scenario through the real server (the plan's events
 * appended as the scenario's backfill and live runner append them, as fast as the log takes them, i.e. at the
 * highest SIM_SPEED this machine sustains), then the report read over HTTP from the log.
 */
describe('the alarm report over 24 scenario hours of the default scenario', () => {
  let server: TestServer;
  let needsActionAtStart = -1;
  beforeAll(async () => {
    let now = HISTORY_FROM_MS;
    server = await startTestServer({
      clock: { now: () => now, speed: () => 3600 },
      admission: admissionRules({ futureToleranceMs: DAY_MS }),
    });
    const sim = createSimulation({
      seed: SEED,
      sites: SENSOR_SITES,
      sensorHistoryFromMs: SENSOR_FROM_MS,
      historyFromMs: HISTORY_FROM_MS,
    });
    const send = async (fromMs: number, toMs: number, stepMs: number) => {
      for (let t = fromMs; t < toMs; t += stepMs) {
        now = Math.min(toMs, t + stepMs);
        const events: IocEvent[] = sim.eventsBetween(t, now);
        for (let i = 0; i < events.length; i += 5000)
          await server.app.ingest.appendPlanned(events.slice(i, i + 5000));
      }
    };
    await send(HISTORY_FROM_MS, SENSOR_FROM_MS, 7 * 24 * HOUR);
    await send(SENSOR_FROM_MS, START_MS, HOUR);
    needsActionAtStart = countAlarmStates(server.app.engine.state.alerts, START_MS).unack;
    await send(START_MS, END_MS, HOUR);
  }, 900_000);
  afterAll(async () => {
    await server?.close();
  });

  it('reads at most 6 alarms an hour, no flood, critical + high at most 20 %, no chattering', async () => {
    const q = `from=${new Date(START_MS).toISOString()}&to=${new Date(END_MS).toISOString()}`;
    const res = await fetch(`${server.url}/api/alarms/report?${q}`);
    expect(res.status).toBe(200);
    const report = AlarmReport.parse(await res.json());
    console.log('alarm report, 24 h of the default scenario:', JSON.stringify(report));
    expect(report.alarms).toBeGreaterThan(0); // the simulator still makes its tides, rain and dropouts
    expect(report.perHour.mean).toBeLessThanOrEqual(6);
    expect(report.perTenMinutes.max).toBeLessThanOrEqual(10);
    expect(report.floods.count).toBe(0);
    expect(report.priorities.critical + report.priorities.high).toBeLessThanOrEqual(0.2 * report.alarms);
    expect(report.chattering).toBe(0);
  }, 300_000);

  it('shows a fresh start at most a handful of alarms needing action', () => {
    console.log('needing action at the scenario start:', needsActionAtStart);
    expect(needsActionAtStart).toBeGreaterThanOrEqual(0);
    expect(needsActionAtStart).toBeLessThanOrEqual(5);
  });
});
