import { describe, expect, it } from 'vitest';
import {
  AlertRules,
  IocEvent,
  MAX_RECENT_ALERTS,
  alertIsOpen,
  applyEvents,
  takeoverAlert,
  type AlertAcknowledged,
  type DashboardState,
  type IocEvent as Ev,
  type LoggedEvent,
  type OpsEvent,
  type SensorReading,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { covid, reading, resolved, stateWithRules } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);
const MIN = 60_000;

let seq = 0;
const log = (...events: Ev[]): LoggedEvent[] => events.map((e) => ({ ...e, seq: ++seq }));
// The rules' own mechanics, one reading at a time: no on-/off-delay, no grouping (alarm-management.test.ts has those).
const fold = (events: LoggedEvent[], from: DashboardState = stateWithRules()) =>
  applyEvents(from, events, rollup);

/** A water-level reading of the fixture site `dtMin` minutes after the fixture's time. */
const wl = (dtMin: number, value: number, siteId = reading.siteId): SensorReading => ({
  ...reading,
  id: `${siteId}:${dtMin}`,
  siteId,
  tsMs: reading.tsMs + dtMin * MIN,
  value,
});

const ops = (patch: Partial<OpsEvent> & Pick<OpsEvent, 'action'>, i: number): OpsEvent =>
  ({
    v: 1,
    id: `ops-${i}`,
    source: 'console',
    stream: 'ops',
    area: '794',
    tsMs: reading.tsMs + 30 * MIN,
    operator: 'Trực ban A',
    comment: '',
    ...patch,
  }) as OpsEvent;

describe('sensor threshold alerts', () => {
  it('raises a critical alert when a reading enters the alarm band and clears it below warning', () => {
    seq = 0;
    const events = log(wl(0, 1.2), wl(1, 1.85), wl(2, 1.7), wl(3, 1.9), wl(4, 1.5));
    const s = fold(events);
    expect(s.alerts.recent).toHaveLength(1);
    const a = s.alerts.recent[0]!;
    // The id comes from the raising event's seq, so every fold of the same log names it the same way.
    expect(a).toMatchObject({
      id: `sensor:${reading.siteId}@2`,
      rule: 'sensor-threshold',
      severity: 'critical',
      area: '794',
      siteId: reading.siteId,
      value: 1.85,
      threshold: 1.8,
      raisedTsMs: events[1]!.tsMs,
      clearedTsMs: events[4]!.tsMs,
    });
    expect(s.alerts.conditions).toEqual({});
  });

  it('raises a warning, keeps it through a dip inside the dead band, and escalates to a new critical alert', () => {
    seq = 0;
    const s = fold(log(wl(0, 1.62), wl(1, 1.55), wl(2, 1.61), wl(3, 1.81)));
    expect(s.alerts.recent.map((a) => [a.severity, a.clearedTsMs !== null])).toEqual([
      ['warning', true],
      ['critical', false],
    ]);
    expect(takeoverAlert(s.alerts)?.id).toBe(`sensor:${reading.siteId}@4`);
  });

  it('gives the same alerts whatever the batching, and is idempotent on overlap', () => {
    seq = 0;
    const events = log(wl(0, 1.9), wl(1, 1.0), wl(2, 1.7), wl(3, 1.95), wl(40, 1.0, 'LA-WL-794-02'));
    const whole = fold(events);
    let piecewise = stateWithRules();
    for (const e of events) piecewise = fold([e], piecewise);
    expect(piecewise.alerts).toEqual(whole.alerts);
    expect(fold(events, whole)).toBe(whole);
  });

  it('never changes the state it was given', () => {
    seq = 0;
    const first = fold(log(wl(0, 1.9)));
    const frozen = JSON.stringify(first);
    fold(
      log(wl(1, 1.0), ops({ action: 'alert:acknowledged', alertId: first.alerts.recent[0]!.id }, 1)),
      first,
    );
    expect(JSON.stringify(first)).toBe(frozen);
  });

  it('lets a late older reading change nothing', () => {
    seq = 0;
    const s = fold(log(wl(5, 1.9), wl(4, 1.0)));
    expect(s.alerts.recent[0]!.clearedTsMs).toBeNull();
  });
});

describe('sensor offline alerts', () => {
  it('raises when a site is silent past the rule while others report, and clears on its next reading', () => {
    seq = 0;
    const other = 'LA-WL-794-02';
    const quiet = fold(log(wl(0, 1.0), wl(0, 1.0, other), wl(10, 1.0, other), wl(16, 1.0, other)));
    const offline = quiet.alerts.recent.find((a) => a.rule === 'sensor-offline');
    expect(offline).toMatchObject({ siteId: reading.siteId, severity: 'warning', value: 16, threshold: 15 });
    const back = fold(log(wl(17, 1.0)), quiet);
    expect(back.alerts.recent.find((a) => a.id === offline!.id)!.clearedTsMs).toBe(wl(17, 0).tsMs);
  });
});

describe('epidemic level alerts', () => {
  const report = (date: string, level: number, i: number) => ({
    ...covid,
    id: `c${i}`,
    date,
    tsMs: Date.parse(`${date}T17:00:00+07:00`),
    epidemicLevel: level,
  });

  it('raises a warning at level 3, a critical at 4, clears the critical when it falls back', () => {
    seq = 0;
    const s = fold(
      log(
        report('2021-07-01', 2, 1),
        report('2021-07-02', 3, 2),
        report('2021-07-03', 4, 3),
        report('2021-07-04', 3, 4),
        report('2021-07-05', 1, 5),
      ),
    );
    expect(s.alerts.recent.map((a) => [a.rule, a.severity, a.value, a.area])).toEqual([
      ['epidemic-level', 'warning', 3, '802'],
      ['epidemic-level', 'critical', 4, '802'],
    ]);
    expect(s.alerts.recent.every((a) => a.clearedTsMs !== null)).toBe(true);
    expect(s.alerts.conditions).toEqual({});
  });
});

describe('late dossier alerts', () => {
  it('raises once when an area reaches the day threshold', () => {
    seq = 0;
    const late = (i: number, day = 0) => ({
      ...resolved,
      id: `late-${i}-${day}`,
      onTime: false,
      tsMs: resolved.tsMs + day * 86_400_000 + i * MIN,
    });
    const s = fold(log(...[0, 1, 2, 3, 4, 5, 6].map((i) => late(i)), late(0, 1)));
    expect(s.alerts.recent).toHaveLength(1);
    expect(s.alerts.recent[0]).toMatchObject({ rule: 'dossier-late', value: 5, area: '794' });
    expect(s.alerts.recent[0]!.clearedTsMs).toBe(late(0, 1).tsMs);
  });
});

describe('operator actions', () => {
  it('acknowledges, assigns and resolves from events in the log, so replay shows them too', () => {
    seq = 0;
    const raised = fold(log(wl(0, 1.9)));
    const id = raised.alerts.recent[0]!.id;
    expect(takeoverAlert(raised.alerts)?.id).toBe(id);
    const acked = fold(
      log(
        ops({ action: 'alert:acknowledged', alertId: id, comment: 'Đã báo đội cứu hộ' }, 1),
        ops({ action: 'alert:assigned', alertId: id, assignee: 'Đội 2' }, 2),
      ),
      raised,
    );
    const a = acked.alerts.recent[0]!;
    expect(a.ack).toMatchObject({ operator: 'Trực ban A', comment: 'Đã báo đội cứu hộ', seq: 2 });
    expect(a.assignee).toBe('Đội 2');
    expect(takeoverAlert(acked.alerts)).toBeNull();
    expect(alertIsOpen(a)).toBe(true); // still in alarm: it stays on the handover list
    const done = fold(log(ops({ action: 'alert:resolved', alertId: id, comment: 'Nước rút' }, 3)), acked);
    expect(alertIsOpen(done.alerts.recent[0]!)).toBe(false);
    // An action on an unknown alert is logged but changes nothing.
    const unknown = fold(log(ops({ action: 'alert:acknowledged', alertId: 'sensor:x@999' }, 4)), done);
    expect(unknown.alerts).toBe(done.alerts);
  });

  it('applies new rules from the event on', () => {
    seq = 0;
    const rules = AlertRules.parse({
      version: 1,
      sensorThresholds: { water_level: { warning: 2, alarm: 2.5 } },
    });
    const s = fold(log(ops({ action: 'alert-rules:changed', area: '80', rules }, 1), wl(0, 1.9)));
    expect(s.alerts.rules).toEqual(rules);
    expect(s.alerts.recent).toHaveLength(0);
  });

  it('ends the condition of a kind whose thresholds the rules turn off at its next reading', () => {
    seq = 0;
    const off = AlertRules.parse({ version: 1, sensorThresholds: { water_level: null } });
    const s = fold(
      log(wl(0, 1.9), ops({ action: 'alert-rules:changed', area: '80', rules: off }, 1), wl(1, 1.9)),
    );
    expect(s.alerts.conditions[`sensor:${reading.siteId}`]).toBeUndefined();
    expect(s.alerts.recent[0]).toMatchObject({ severity: 'critical', clearedTsMs: reading.tsMs + MIN });
  });

  it('validates operator events with the wire schema', () => {
    const ack: AlertAcknowledged = ops(
      { action: 'alert:acknowledged', alertId: 'sensor:a@1' },
      1,
    ) as AlertAcknowledged;
    expect(IocEvent.parse(ack)).toEqual(ack);
    expect(IocEvent.safeParse({ ...ack, alertId: 'x'.repeat(500) }).success).toBe(false);
    expect(IocEvent.safeParse({ ...ack, operator: '' }).success).toBe(false);
    const badRules = { ...ack, action: 'alert-rules:changed', alertId: undefined, comment: undefined };
    expect(
      IocEvent.safeParse({
        ...badRules,
        rules: { version: 1, epidemic: { warningLevel: 4, criticalLevel: 3 } },
      }).success,
    ).toBe(false);
  });
});

describe('the ring of recent alerts', () => {
  it('stays bounded and drops alerts that ended before active ones', () => {
    seq = 0;
    const events: Ev[] = [wl(0, 1.9, 'keep-open')];
    for (let i = 0; i < MAX_RECENT_ALERTS + 50; i++) {
      // All in one minute, so the offline rule stays out of it.
      events.push(wl(0, 1.9, `s${i}`), { ...wl(0, 1.0, `s${i}`), tsMs: wl(0, 0).tsMs + 1 });
    }
    const s = fold(log(...events));
    expect(s.alerts.recent).toHaveLength(MAX_RECENT_ALERTS);
    expect(s.alerts.recent.some((a) => a.siteId === 'keep-open')).toBe(true);
  });
});
