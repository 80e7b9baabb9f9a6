import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeRollup, SCHEMATIC_2021 } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import { applyEvents, emptyDashboardState, type LoggedEvent, type SensorReading } from '../../protocol';
import { watchAlertRulesFile } from '../../server/alerts/alert-rules-file';
import { withholdAlertDetails, WITHHELD_NAME } from '../../server/security/ops-redaction';
import {
  connectLive,
  startTestServer,
  TEST_OPERATOR_TOKEN,
  TEST_TOKEN,
  until,
  type TestServer,
} from './support/test-server';
import { captureLogger } from '../support/capture-logger';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const T0 = Date.UTC(2021, 7, 1, 1);

const reading = (i: number, value: number): SensorReading => ({
  v: 1,
  id: `wl-test-${i}`,
  source: 'int-test',
  area: '794',
  tsMs: T0 + i * 60_000,
  stream: 'sensor',
  siteId: 'LA-WL-TEST',
  kind: 'water_level',
  value,
  unit: 'm',
  lonLat: [106.41, 10.54],
});

async function post(url: string, events: unknown[]) {
  const res = await fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
  expect(res.status).toBe(200);
}

describe('alerts over /live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('a console acknowledges an alert; the wall learns it from the log, and the log replays it', async () => {
    const wall = await connectLive(server.url);
    const console_ = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    // Held for the water level's on-delay (5 readings over 4 minutes): one reading would raise nothing.
    await post(server.url, [reading(0, 1.2), ...[1, 2, 3, 4, 5].map((i) => reading(i, 1.95))]);

    const alert = () => server.app.engine.state.alerts.recent.find((a) => a.siteId === 'LA-WL-TEST');
    await until(wall.socket, () => wall.batches.some((b) => b.events.length > 0));
    expect(alert()).toMatchObject({ severity: 'critical', ack: null });

    const cmd = {
      alertId: alert()!.id,
      operator: 'Trực ban A',
      comment: 'Đã báo đội ứng cứu',
      requestId: 'req-0001-abcd',
    };
    const res = await console_.socket.emitWithAck('alert:ack', cmd);
    expect(res.ok).toBe(true);
    // A retried command (same requestId) is a duplicate in the log, not a second acknowledgement.
    const again = await console_.socket.emitWithAck('alert:ack', cmd);
    expect(again).toMatchObject({ ok: true, data: { duplicate: true } });

    const ackSeq = res.ok ? res.data.seq : -1;
    await until(wall.socket, () => wall.batches.some((b) => b.toSeq >= ackSeq));
    // The wall folds what it received onto its snapshot and sees the same alert, acknowledged; who did it and
    // their comment are for the operate right only (issue 21).
    let state = wall.snapshot.state;
    for (const b of wall.batches) state = applyEvents(state, b.events, rollup);
    const seen = state.alerts.recent.find((a) => a.id === cmd.alertId)!;
    expect(seen.ack).toMatchObject({ operator: WITHHELD_NAME, comment: '', seq: ackSeq });
    expect(state.alerts).toEqual({
      ...server.app.engine.state.alerts,
      recent: server.app.engine.state.alerts.recent.map(withholdAlertDetails),
    });
    // The console, holding the right, folds the same alert with the name and the comment.
    await until(console_.socket, () => console_.batches.some((b) => b.toSeq >= ackSeq));
    let full = console_.snapshot.state;
    for (const b of console_.batches) full = applyEvents(full, b.events, rollup);
    expect(full.alerts.recent.find((a) => a.id === cmd.alertId)!.ack).toMatchObject({
      operator: 'Trực ban A',
      comment: 'Đã báo đội ứng cứu',
    });

    // The log alone gives the same alerts.
    const logged: LoggedEvent[] = await server.store.readAfter(0, 1000);
    expect(logged.map((e) => e.stream)).toContain('ops');
    expect(applyEvents(emptyDashboardState(), logged, rollup).alerts).toEqual(server.app.engine.state.alerts);

    wall.socket.close();
    console_.socket.close();
  });

  it('refuses every operator command from a dashboard without the operator right, and logs nothing', async () => {
    const before = await server.store.lastSeq();
    for (const auth of [{}, { operatorToken: 'guessed-token-0000000000' }]) {
      const c = await connectLive(server.url, '80', auth);
      const cmd = { alertId: 'sensor:x@1', operator: 'mallory', comment: '', requestId: 'req-0009-abcd' };
      expect(await c.socket.emitWithAck('alert:ack', cmd)).toMatchObject({
        ok: false,
        error: 'unauthorized',
      });
      expect(await c.socket.emitWithAck('alert:resolve', cmd)).toMatchObject({
        ok: false,
        error: 'unauthorized',
      });
      c.socket.close();
    }
    expect(await server.store.lastSeq()).toBe(before);
  });

  it('refuses a command on an unknown alert or with a bad payload, and logs nothing', async () => {
    const c = await connectLive(server.url, '80', { operatorToken: TEST_OPERATOR_TOKEN });
    const before = await server.store.lastSeq();
    const unknown = await c.socket.emitWithAck('alert:ack', {
      alertId: 'sensor:nope@1',
      operator: 'A',
      comment: '',
      requestId: 'req-0002-abcd',
    });
    expect(unknown).toMatchObject({ ok: false, error: 'unknown_alert' });
    const bad = await c.socket.emitWithAck('alert:resolve', {
      alertId: 'x',
      operator: '',
      requestId: '1',
    } as never);
    expect(bad).toMatchObject({ ok: false, error: 'invalid_payload' });
    expect(await server.store.lastSeq()).toBe(before);
    c.socket.close();
  });

  it('relays a console wall control to every dashboard', async () => {
    const wall = await connectLive(server.url);
    const c = await connectLive(server.url, '80', { operatorToken: TEST_OPERATOR_TOKEN });
    const got = new Promise((resolve) => wall.socket.once('wall:control', resolve));
    const res = await c.socket.emitWithAck('wall:control', { action: 'show', scene: 'covid' });
    expect(res.ok).toBe(true);
    expect(await got).toEqual({ action: 'show', scene: 'covid' });
    wall.socket.close();
    c.socket.close();
  });
});

describe('alert rules file', () => {
  let server: TestServer;
  let dir: string;
  beforeEach(async () => {
    server = await startTestServer();
    dir = mkdtempSync(path.join(tmpdir(), 'ioc-rules-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts valid rules in force through the log and refuses a bad file, keeping the rules in force', async () => {
    const file = path.join(dir, 'alert-rules.json');
    const { logger, errors } = captureLogger();
    writeFileSync(
      file,
      JSON.stringify({ version: 1, sensorThresholds: { water_level: { warning: 2, alarm: 2.5 } } }),
    );
    const deps = {
      file,
      engine: server.app.engine,
      ingest: server.app.ingest,
      clock: { now: () => T0, speed: () => 1 },
      logger,
      intervalMs: 50,
    };
    const stop = watchAlertRulesFile(deps);
    await waitFor(() => server.app.engine.state.alerts.rules !== null);
    expect(server.app.engine.state.alerts.rules?.sensorThresholds.water_level).toEqual({
      warning: 2,
      alarm: 2.5,
    });

    writeFileSync(file, JSON.stringify({ version: 1, epidemic: { warningLevel: 4, criticalLevel: 3 } }));
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toMatch(/refused.*warningLevel must not be above criticalLevel/);
    expect(server.app.engine.state.alerts.rules?.sensorThresholds.water_level).toEqual({
      warning: 2,
      alarm: 2.5,
    });
    stop();
  });
});

/** Polls a condition of the server's own state (file watching has no event to wait on). */
const waitFor = (predicate: () => boolean) =>
  vi.waitFor(() => expect(predicate()).toBe(true), { timeout: 10_000, interval: 25 });
