import { describe, expect, it } from 'vitest';
import {
  AlertRules,
  alarmState,
  applyEvents,
  countAlarmStates,
  emptyDashboardState,
  takeoverAlert,
  type DashboardState,
  type IocEvent,
  type LoggedEvent,
  type OpsEvent,
  type SensorReading,
} from '../../protocol';
import { AREAS_2021, makeRollup } from '../../geo/areas';
import { covid, reading, resolved, stateWithRules } from '../fixtures/events';

const rollup = makeRollup(AREAS_2021);
const MIN = 60_000;
const T0 = reading.tsMs;

let seq = 0;
const log = (...events: IocEvent[]): LoggedEvent[] => events.map((e) => ({ ...e, seq: ++seq }));
/** Folds under the built-in rules: the delays, priorities and grouping the product ships with. */
const fold = (events: LoggedEvent[], from: DashboardState = emptyDashboardState()) =>
  applyEvents(from, events, rollup);

/** A water-level reading `dtS` seconds after the fixture's time. */
const wl = (dtS: number, value: number, siteId = reading.siteId, area = '794'): SensorReading => ({
  ...reading,
  id: `${siteId}:${dtS}`,
  siteId,
  area,
  tsMs: T0 + dtS * 1000,
  value,
});
/** A reading every minute from `fromMin` for `n` minutes. */
const minutes = (fromMin: number, n: number, value: number, siteId = reading.siteId, area = '794') =>
  Array.from({ length: n }, (_, i) => wl((fromMin + i) * 60, value, siteId, area));

const ops = (patch: Record<string, unknown> & { action: OpsEvent['action'] }, dtMin: number): OpsEvent =>
  ({
    v: 1,
    id: `ops-${++seq}-${patch.action}`,
    source: 'console',
    stream: 'ops',
    area: '794',
    tsMs: T0 + dtMin * MIN,
    operator: 'Trực ban A',
    comment: '',
    ...patch,
  }) as OpsEvent;

describe('on-delay, off-delay and dead band', () => {
  it('raises nothing for a one-reading spike, so nothing takes over or chimes', () => {
    seq = 0;
    const s = fold(log(...minutes(0, 3, 1.0), wl(180, 1.95), ...minutes(4, 5, 1.0)));
    expect(s.alerts.recent).toEqual([]);
    expect(takeoverAlert(s.alerts)).toBeNull();
    expect(s.alerts.conditions).toEqual({});
  });

  it('raises once the condition has held for the kind’s readings and seconds, and clears after the off-delay', () => {
    seq = 0;
    // Four readings over three minutes are not yet enough for water level (5 readings, 240 s).
    const rising = fold(log(...minutes(0, 4, 1.9)));
    expect(rising.alerts.recent).toEqual([]);
    const raised = fold(log(wl(4 * 60, 1.9)), rising);
    expect(raised.alerts.recent).toHaveLength(1);
    expect(raised.alerts.recent[0]).toMatchObject({ severity: 'critical', priority: 'high', value: 1.9 });
    // One reading back under the line does not clear it; the off-delay does.
    const dip = fold(log(wl(5 * 60, 1.0), wl(6 * 60, 1.9)), raised);
    expect(dip.alerts.recent[0]!.clearedTsMs).toBeNull();
    const back = fold(log(...minutes(7, 5, 1.0)), dip);
    expect(back.alerts.recent[0]!.clearedTsMs).toBe(T0 + 11 * MIN);
    expect(alarmState(back.alerts.recent[0]!, back.alerts, T0 + 11 * MIN)).toBe('rtn-unack');
  });

  it('follows delays in readings or seconds set by the rules', () => {
    seq = 0;
    const rules = AlertRules.parse({
      version: 1,
      alarms: { sensors: { water_level: { onDelay: { seconds: 30 }, offDelay: { readings: 2 } } } },
    });
    const s = fold(log(wl(0, 1.9), wl(20, 1.9)), stateWithRules(rules));
    expect(s.alerts.recent).toEqual([]);
    const held = fold(log(wl(30, 1.9)), s);
    expect(held.alerts.recent).toHaveLength(1);
  });

  it('flags a condition raised three times within a minute as chattering', () => {
    seq = 0;
    const noDelay = AlertRules.parse({
      version: 1,
      alarms: {
        groupWindowMin: 0,
        sensors: { water_level: { onDelay: { readings: 1 }, offDelay: { readings: 1 } } },
      },
    });
    const flap = [0, 10, 20, 30, 40, 50].map((t, i) => wl(t, i % 2 ? 1.0 : 1.9));
    const s = fold(log(...flap), stateWithRules(noDelay));
    expect(s.alerts.recent.map((a) => a.chattering)).toEqual([false, false, true]);
  });
});

describe('grouping', () => {
  it('makes the same condition at six gauges within the window one alarm with members, taking over once', () => {
    seq = 0;
    const gauges = ['794-01', '794-02', '803-01', '805-01', '806-01', '807-01'];
    const events = gauges.flatMap((g, i) => minutes(i * 3, 6, 1.65, `LA-WL-${g}`, g.slice(0, 3)));
    events.sort((a, b) => a.tsMs - b.tsMs);
    const s = fold(log(...events));
    expect(s.alerts.recent).toHaveLength(1);
    const group = s.alerts.recent[0]!;
    expect(group).toMatchObject({
      rule: 'sensor-threshold',
      kind: 'water_level',
      memberCount: 6,
      activeMembers: 6,
    });
    expect(group.members.map((m) => m.siteId)).toEqual(gauges.map((g) => `LA-WL-${g}`));
    // Across districts: the group belongs to the province, and each district's dashboard still lists it.
    expect(group.area).toBe('80');
    expect(countAlarmStates(s.alerts, T0 + 30 * MIN).unack).toBe(1);
  });

  it('ends the group with its last member, and starts a new one after the window', () => {
    seq = 0;
    const a = fold(log(...minutes(0, 6, 1.65, 'LA-WL-794-01'), ...minutes(0, 6, 1.65, 'LA-WL-794-02')));
    expect(a.alerts.recent).toHaveLength(1);
    const one = fold(log(...minutes(6, 6, 1.0, 'LA-WL-794-01')), a);
    expect(one.alerts.recent[0]).toMatchObject({ activeMembers: 1, clearedTsMs: null });
    const both = fold(log(...minutes(12, 6, 1.0, 'LA-WL-794-02')), one);
    expect(both.alerts.recent[0]!.clearedTsMs).not.toBeNull();
    const later = fold(log(...minutes(200, 6, 1.65, 'LA-WL-794-03')), both);
    // (The two silent gauges raise one offline alarm meanwhile.)
    expect(later.alerts.recent.filter((x) => x.rule === 'sensor-threshold')).toHaveLength(2);
  });
});

describe('shelving', () => {
  it('shelves an alarm until its expiry, after which it is back as it was, from events in the log', () => {
    seq = 0;
    const raised = fold(log(...minutes(0, 6, 1.9)));
    const id = raised.alerts.recent[0]!.id;
    const shelved = fold(
      log(
        ops({ action: 'alert:shelved', alertId: id, reason: 'Bảo trì cảm biến', untilMs: T0 + 60 * MIN }, 10),
      ),
      raised,
    );
    const a = shelved.alerts.recent[0]!;
    expect(a.shelved).toMatchObject({
      operator: 'Trực ban A',
      reason: 'Bảo trì cảm biến',
      untilMs: T0 + 60 * MIN,
    });
    expect(alarmState(a, shelved.alerts, T0 + 30 * MIN)).toBe('shelved');
    expect(takeoverAlert(shelved.alerts, -Infinity, [], T0 + 30 * MIN)).toBeNull();
    // At expiry it returns, still active and unacknowledged.
    expect(alarmState(a, shelved.alerts, T0 + 60 * MIN)).toBe('unack');
    expect(takeoverAlert(shelved.alerts, -Infinity, [], T0 + 60 * MIN)?.id).toBe(id);
    const unshelved = fold(log(ops({ action: 'alert:unshelved', alertId: id }, 20)), shelved);
    expect(alarmState(unshelved.alerts.recent[0]!, unshelved.alerts, T0 + 30 * MIN)).toBe('unack');
  });
});

describe('suppression by design and out of service', () => {
  it('suppresses the threshold alarm of a site that went offline: one offline alarm needs action', () => {
    seq = 0;
    const other = 'LA-WL-794-02';
    const raised = fold(log(...minutes(0, 6, 1.9)));
    // The site falls silent while another keeps the sensor clock going past the offline delay.
    const silent = fold(log(...minutes(6, 20, 1.0, other)), raised);
    const now = T0 + 25 * MIN;
    const states = silent.alerts.recent.map((a) => [a.rule, alarmState(a, silent.alerts, now)]);
    expect(states).toContainEqual(['sensor-threshold', 'suppressed']);
    expect(states).toContainEqual(['sensor-offline', 'unack']);
    expect(countAlarmStates(silent.alerts, now).unack).toBe(1);
  });

  it('puts the alarms of a site under maintenance out of service until the time set', () => {
    seq = 0;
    const oos = fold(
      log(
        ops(
          {
            action: 'site:out-of-service',
            siteId: reading.siteId,
            reason: 'Thay cảm biến',
            untilMs: T0 + 120 * MIN,
          },
          0,
        ),
        ...minutes(1, 6, 1.9),
      ),
    );
    expect(oos.alerts.outOfService[reading.siteId]).toMatchObject({
      operator: 'Trực ban A',
      untilMs: T0 + 120 * MIN,
    });
    const a = oos.alerts.recent[0]!;
    expect(alarmState(a, oos.alerts, T0 + 60 * MIN)).toBe('out-of-service');
    expect(alarmState(a, oos.alerts, T0 + 121 * MIN)).toBe('unack');
    const back = fold(log(ops({ action: 'site:in-service', siteId: reading.siteId }, 30)), oos);
    expect(alarmState(back.alerts.recent[0]!, back.alerts, T0 + 60 * MIN)).toBe('unack');
  });

  it('does not leave a level-3 alarm to handle beside the level-4 alarm of the same district', () => {
    seq = 0;
    const report = (date: string, level: number) => ({
      ...covid,
      id: `c-${date}`,
      date,
      tsMs: Date.parse(`${date}T17:00:00+07:00`),
      epidemicLevel: level,
    });
    const s = fold(log(report('2021-07-02', 3), report('2021-07-03', 4)));
    const now = Date.parse('2021-07-03T18:00:00+07:00');
    expect(s.alerts.recent.map((a) => [a.priority, alarmState(a, s.alerts, now)])).toEqual([
      ['medium', 'normal'],
      ['high', 'unack'],
    ]);
  });
});

describe('informational alarms', () => {
  it('lets a day of late dossiers leave the open list once the day is over, keeping it in history', () => {
    seq = 0;
    const late = (i: number, day = 0) => ({
      ...resolved,
      id: `late-${i}-${day}`,
      onTime: false,
      tsMs: resolved.tsMs + day * 86_400_000 + i * MIN,
    });
    const s = fold(log(...[0, 1, 2, 3, 4].map((i) => late(i)), late(0, 1)));
    expect(s.alerts.recent).toHaveLength(1);
    const a = s.alerts.recent[0]!;
    expect(a).toMatchObject({ rule: 'dossier-late', priority: 'low', informational: true, ack: null });
    expect(alarmState(a, s.alerts, late(0, 1).tsMs)).toBe('normal');
  });
});
