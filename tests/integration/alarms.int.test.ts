import { afterEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021 } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import {
  AlarmReport,
  alarmState,
  applyEvents,
  DEFAULT_ALERT_RULES,
  type AlertRules,
  type SensorReading,
} from '../../protocol';
import { createStateEngine } from '../../server/engine/state-engine';
import {
  addUser,
  call,
  ENV_INGEST_TOKEN,
  signIn,
  startAuthServer,
  T0 as AUTH_T0,
  type AuthServer,
} from './support/auth-server';
import {
  connectLive,
  startTestServer,
  TEST_OPERATOR_TOKEN,
  TEST_TOKEN,
  type TestServer,
} from './support/test-server';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const MIN = 60_000;

const reading = (t0: number, i: number, value: number, siteId = 'LA-WL-TEST'): SensorReading => ({
  v: 1,
  id: `${siteId}-${t0 + i * MIN}`,
  source: 'int-test',
  area: '794',
  tsMs: t0 + i * MIN,
  stream: 'sensor',
  siteId,
  kind: 'water_level',
  value,
  unit: 'm',
  lonLat: [106.41, 10.54],
});

async function post(url: string, token: string, events: unknown[]) {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.every((r) => r.status === 'accepted')).toBe(true);
}

describe('shelving and out of service over /live', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('shelves an alarm with a reason until its expiry, audited and logged, then it returns', async () => {
    const T0 = Date.UTC(2021, 7, 1, 1);
    let now = T0;
    server = await startTestServer({ clock: { now: () => now, speed: () => 1 } });
    // Six readings over five minutes: past the water level's on-delay.
    await post(
      server.url,
      TEST_TOKEN,
      [0, 1, 2, 3, 4, 5].map((i) => reading(T0 - 10 * MIN, i, 1.95)),
    );
    const alarm = server.app.engine.state.alerts.recent.find((a) => a.siteId === 'LA-WL-TEST')!;
    expect(alarmState(alarm, server.app.engine.state.alerts, now)).toBe('unack');

    const viewer = await connectLive(server.url);
    const refused = await viewer.socket.emitWithAck('alert:shelve', {
      alertId: alarm.id,
      operator: 'Ai đó',
      reason: 'Thử',
      minutes: 30,
      requestId: 'shelve-viewer-01',
    });
    expect(refused).toMatchObject({ ok: false, error: 'unauthorized' });

    const op = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    const cmd = {
      alertId: alarm.id,
      operator: 'Trực ban A',
      reason: 'Triều cường đã báo, chờ nước rút',
      requestId: 'shelve-0001-abcd',
    };
    // More than a shift (SHELVE_MAX_MIN, 480 by default) is refused, not shortened.
    const tooLong = await op.socket.emitWithAck('alert:shelve', { ...cmd, minutes: 481 });
    expect(tooLong).toMatchObject({ ok: false, error: 'invalid_payload' });
    const res = await op.socket.emitWithAck('alert:shelve', { ...cmd, minutes: 30 });
    expect(res.ok).toBe(true);

    const state = () => server.app.engine.state.alerts;
    const shelved = state().recent.find((a) => a.id === alarm.id)!;
    expect(shelved.shelved).toMatchObject({
      operator: 'Trực ban A',
      reason: cmd.reason,
      untilMs: T0 + 30 * MIN,
    });
    expect(alarmState(shelved, state(), now)).toBe('shelved');
    // At its expiry it is back, unacknowledged, with no event needed: the clock ends a shelving.
    now = T0 + 30 * MIN;
    expect(alarmState(shelved, state(), now)).toBe('unack');

    // The log alone gives the same: a fresh engine folding the store sees the shelving.
    const again = await createStateEngine(server.store, rollup);
    expect(again.state.alerts.recent.find((a) => a.id === alarm.id)!.shelved).toEqual(shelved.shelved);
    const audit = server.app.authStore.auditLog(20);
    expect(audit.some((e) => e.action === 'alert_shelve' && e.target === alarm.id)).toBe(true);
    op.socket.close();
    viewer.socket.close();
  });

  it('takes a site out of service with who and until when, audited', async () => {
    const T0 = Date.UTC(2021, 7, 1, 1);
    server = await startTestServer({ clock: { now: () => T0, speed: () => 1 } });
    await post(server.url, TEST_TOKEN, [reading(T0 - 10 * MIN, 0, 1.0)]);
    const op = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    const res = await op.socket.emitWithAck('site:out-of-service', {
      siteId: 'LA-WL-TEST',
      operator: 'Trực ban B',
      reason: 'Thay cảm biến',
      minutes: 120,
      requestId: 'oos-0001-abcd',
    });
    expect(res.ok).toBe(true);
    expect(server.app.engine.state.alerts.outOfService['LA-WL-TEST']).toMatchObject({
      operator: 'Trực ban B',
      reason: 'Thay cảm biến',
      untilMs: T0 + 120 * MIN,
    });
    // Readings that cross the line now raise an alarm that is out of service, not one to act on.
    await post(
      server.url,
      TEST_TOKEN,
      [1, 2, 3, 4, 5, 6].map((i) => reading(T0 - 10 * MIN, i, 1.95)),
    );
    const alarm = server.app.engine.state.alerts.recent.find((a) => a.siteId === 'LA-WL-TEST')!;
    expect(alarmState(alarm, server.app.engine.state.alerts, T0)).toBe('out-of-service');
    const unknown = await op.socket.emitWithAck('site:in-service', {
      siteId: 'NO-SUCH-SITE',
      operator: 'Trực ban B',
      requestId: 'ins-0001-abcd',
    });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_site' });
    expect(
      server.app.authStore
        .auditLog(20)
        .some((e) => e.action === 'site_out_of_service' && e.target.startsWith('LA-WL-TEST')),
    ).toBe(true);
    op.socket.close();
  });

  it('shelves several alarms at once (the console sends one command each): each logged and audited on its own', async () => {
    const T0 = Date.UTC(2021, 7, 1, 1);
    server = await startTestServer({ clock: { now: () => T0, speed: () => 1 } });
    // A tide at a gauge and a downpour at a rain gauge: two conditions, two alarms (grouping is per kind).
    const rain = (i: number): SensorReading => ({
      ...reading(T0 - 10 * MIN, i, 62, 'LA-RF-TEST'),
      kind: 'rainfall',
      unit: 'mm/h',
    });
    await post(server.url, TEST_TOKEN, [
      ...[0, 1, 2, 3, 4, 5].map((i) => reading(T0 - 10 * MIN, i, 1.95)),
      ...[0, 1, 2, 3, 4, 5].map(rain),
    ]);
    const alarms = server.app.engine.state.alerts.recent.filter((a) => a.siteId?.endsWith('-TEST'));
    expect(alarms.map((a) => a.siteId).sort()).toEqual(['LA-RF-TEST', 'LA-WL-TEST']);

    const op = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    const reason = 'Mưa lớn và triều cường, đã báo đội ứng cứu';
    const answers = await Promise.all(
      alarms.map((a, i) =>
        op.socket.emitWithAck('alert:shelve', {
          alertId: a.id,
          operator: 'Trực ban C',
          reason,
          minutes: 120,
          requestId: `bulk-shelve-000${i}`,
        }),
      ),
    );
    expect(answers.map((r) => r.ok)).toEqual([true, true]);
    const state = server.app.engine.state.alerts;
    for (const a of alarms) {
      expect(state.recent.find((r) => r.id === a.id)!.shelved).toMatchObject({
        operator: 'Trực ban C',
        reason,
        untilMs: T0 + 120 * MIN,
      });
      expect(alarmState(a, state, T0)).toBe('unack');
      expect(
        alarmState(
          state.recent.find((r) => r.id === a.id)!,
          state,
          T0,
        ),
      ).toBe('shelved');
    }
    const events = await server.store.readAfter(0, 1000);
    const shelvings = events.filter((e) => e.stream === 'ops' && e.action === 'alert:shelved');
    expect(shelvings.map((e) => (e as { alertId: string }).alertId).sort()).toEqual(
      alarms.map((a) => a.id).sort(),
    );
    const audit = server.app.authStore.auditLog(50).filter((e) => e.action === 'alert_shelve');
    expect(audit.map((e) => e.target).sort()).toEqual(alarms.map((a) => a.id).sort());
    op.socket.close();
  });
});

describe('alert rules over HTTP', () => {
  let server: AuthServer;
  afterEach(async () => {
    await server?.close();
  });

  const immediate: AlertRules = {
    ...DEFAULT_ALERT_RULES,
    alarms: { sensors: { water_level: { onDelay: { readings: 1 }, offDelay: { readings: 1 } } } },
  };

  it('an admin changes the rules; they apply from that point of the log, live and in replay, audited', async () => {
    server = await startAuthServer();
    await addUser(server.auth, 'quan.tri', 'admin', 'mat-khau-dai-0123456789');
    await addUser(server.auth, 'truc.ban', 'operator', 'mat-khau-dai-0123456789');
    const admin = await signIn(server.url, 'quan.tri', 'mat-khau-dai-0123456789');
    const operator = await signIn(server.url, 'truc.ban', 'mat-khau-dai-0123456789');
    const origin = { origin: server.url };

    // Before: a one-reading spike raises nothing under the built-in on-delay.
    await post(server.url, ENV_INGEST_TOKEN, [
      reading(AUTH_T0 - 10 * MIN, 0, 1.95),
      reading(AUTH_T0 - 10 * MIN, 1, 1.0),
    ]);
    expect(server.app.engine.state.alerts.recent).toEqual([]);

    const denied = await call(server.url, 'POST', '/api/alarms/rules', {
      body: immediate,
      cookie: operator,
      headers: origin,
    });
    expect(denied.status).toBe(403);
    const invalid = await call(server.url, 'POST', '/api/alarms/rules', {
      body: { ...immediate, alarms: { sensors: { water_level: { onDelay: {} } } } },
      cookie: admin,
      headers: origin,
    });
    expect(invalid).toMatchObject({ status: 400, body: { error: 'invalid_payload' } });

    const changed = await call(server.url, 'POST', '/api/alarms/rules', {
      body: immediate,
      cookie: admin,
      headers: origin,
    });
    expect(changed).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const seq = (changed.body as { seq: number }).seq;
    const same = await call(server.url, 'POST', '/api/alarms/rules', {
      body: immediate,
      cookie: admin,
      headers: origin,
    });
    expect(same.body).toMatchObject({ status: 'unchanged' });
    expect((await call(server.url, 'GET', '/api/alarms/rules', { cookie: operator })).body).toMatchObject({
      alarms: immediate.alarms,
    });

    // After: one reading raises (the readings are dated at the change, so replay puts them after it too).
    await post(server.url, ENV_INGEST_TOKEN, [reading(AUTH_T0, 0, 1.95)]);
    const live = server.app.engine.state.alerts;
    expect(live.recent).toHaveLength(1);

    // The log alone gives the same, before and after the change.
    const before = await server.app.engine.stateAt(AUTH_T0 - 1);
    expect(before.alerts.rules).toBeNull();
    expect(before.alerts.recent).toEqual([]);
    const after = await server.app.engine.stateAt(AUTH_T0);
    expect(after.alerts.rules).toEqual(immediate);
    expect(after.alerts.recent).toEqual(live.recent);
    const rebuilt = await createStateEngine(server.store, rollup);
    expect(rebuilt.state.alerts).toEqual(live);
    const events = await server.store.readAfter(0, 100);
    expect(events.find((e) => e.seq === seq)).toMatchObject({
      stream: 'ops',
      action: 'alert-rules:changed',
      operator: 'quan.tri',
      source: 'console-rules',
    });
    expect(applyEvents(before, events, rollup).alerts.recent).toHaveLength(1);
    expect(
      server.auth
        .auditLog(20)
        .some((e) => e.action === 'rule_changed' && e.actor === 'quan.tri' && e.target.includes(String(seq))),
    ).toBe(true);
  });

  it('answers the alarm report of a range as JSON and CSV', async () => {
    server = await startAuthServer({ readAccess: 'open' });
    const t0 = AUTH_T0 - 60 * MIN;
    await post(server.url, ENV_INGEST_TOKEN, [
      ...[0, 1, 2, 3, 4, 5].map((i) => reading(t0, i, 1.95, 'LA-WL-A')),
      ...[0, 1, 2, 3, 4, 5].map((i) => reading(t0, i, 1.95, 'LA-WL-B')),
    ]);
    const q = `from=${new Date(t0).toISOString()}&to=${new Date(AUTH_T0).toISOString()}`;
    const json = await call(server.url, 'GET', `/api/alarms/report?${q}`);
    expect(json.status).toBe(200);
    const report = AlarmReport.parse(json.body);
    // Two gauges at once: one group alarm, two offenders.
    expect(report).toMatchObject({
      alarms: 1,
      perHour: { mean: 1, max: 1 },
      perTenMinutes: { max: 1 },
      floods: { count: 0, longestMin: 0 },
      standing: 0,
      chattering: 0,
      priorities: { critical: 0, high: 1, medium: 0, low: 0 },
      ackTimeS: { p50: null, p90: null },
    });
    expect(report.topOffenders.map((o) => o.source).sort()).toEqual(['LA-WL-A', 'LA-WL-B']);
    const elsewhere = await call(server.url, 'GET', `/api/alarms/report?${q}&area=802`);
    expect((elsewhere.body as AlarmReport).alarms).toBe(0);
    const csv = await fetch(`${server.url}/api/alarms/report?${q}&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text.split('\r\n')).toContain('alarms,1');
    expect(text.split('\r\n')[0]).toBe('figure,value');
    const bad = await call(
      server.url,
      'GET',
      `/api/alarms/report?from=${new Date(AUTH_T0).toISOString()}&to=${new Date(t0).toISOString()}`,
    );
    expect(bad.status).toBe(400);
  });
});
