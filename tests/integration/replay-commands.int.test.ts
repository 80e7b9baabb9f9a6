import { IMMEDIATE_RULES } from '../fixtures/events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { AREAS_2021, makeRollup, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import type { IocEvent, ReplayBatch, SensorReading } from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { REPLAY_MAX_BATCH_EVENTS } from '../../server/replay';
import { connectReplay, ok, replayFolder } from '../../testkit/replay-client';
import { startTestServer, type TestServer } from './support/test-server';

const rollup = makeRollup([...AREAS_2021, ...PILOT_AREAS]);
const START = Date.parse('2021-08-02T08:00:00+07:00');
const END = START + 40 * 60_000;
const FIRST_ALARM_AT = START + 12 * 60_000 + 250;
const ALARM_AT = START + 25 * 60_000 + 500;
const LATE_AT = START + 10 * 60_000 + 250;

/** A real water-level site read at `value` metres: far above its alarm level, the reducer raises an alert. */
function waterReading(tsMs: number, id: string, value: number, nth = 0): SensorReading {
  const site = SENSOR_SITES.filter((s) => s.kind === 'water_level')[nth]!;
  return {
    v: 1,
    id,
    source: 'test-late',
    stream: 'sensor',
    area: site.area,
    tsMs,
    siteId: site.siteId,
    kind: 'water_level',
    value,
    unit: 'm',
    lonLat: site.lonLat,
  };
}

describe('/replay commands', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    const sim = createSimulation({ seed: 5, sites: SENSOR_SITES, sensorHistoryFromMs: START });
    // Jumps are about the alerts the reducer raised, not how alarm management condenses them: rules with no
    // on-delay and no grouping, logged first, so one reading raises and two alarms stay two.
    const rules: IocEvent = {
      v: 1,
      id: 'rules-immediate',
      source: 'alert-rules',
      stream: 'ops',
      area: '80',
      tsMs: START - 60_000,
      operator: 'alert-rules-file',
      action: 'alert-rules:changed',
      rules: IMMEDIATE_RULES,
    };
    await server.app.ingest.ingest([rules]);
    const events: IocEvent[] = [
      ...sim.eventsBetween(START, END),
      waterReading(FIRST_ALARM_AT, 'alarm-1', 2.9, 0),
      waterReading(ALARM_AT, 'alarm-2', 3.1, 1),
    ];
    events.sort((a, b) => a.tsMs - b.tsMs);
    for (let i = 0; i < events.length; i += 5000) await server.app.ingest.ingest(events.slice(i, i + 5000));
    // Arrives after newer events: seq order and time order disagree, the case a replay must still get right.
    await server.app.ingest.ingest([waterReading(LATE_AT, 'late-1', 0.7, 2)]);
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a client of another protocol version', async () => {
    const socket = io(`${server.url}/replay`, { auth: { protocolVersion: 999 }, transports: ['websocket'] });
    const err = await new Promise<Error & { data?: { serverVersion?: number } }>((r) =>
      socket.once('connect_error', r),
    );
    expect(err.message).toBe('protocol_mismatch');
    expect(err.data?.serverVersion).toBe(1);
    socket.close();
  });

  it('answers every command with a typed ack, and invalid ones with invalid_payload', async () => {
    const socket = await connectReplay(server.url);
    const seek = ok(await socket.emitWithAck('replay:seek', { atMs: START + 60_000 }));
    expect(seek.position).toMatchObject({ cursorMs: START + 60_000, playing: false, epoch: 1 });
    expect(seek.position.endMs).toBeGreaterThanOrEqual(END - 60_000);
    expect(ok(await socket.emitWithAck('replay:play', { speed: 600 }))).toMatchObject({ playing: true });
    expect(ok(await socket.emitWithAck('replay:pause', {}))).toMatchObject({ playing: false, speed: 600 });
    const bad = await socket.emitWithAck('replay:play', { speed: 7 as 60 });
    expect(bad).toMatchObject({ ok: false, error: 'invalid_payload' });
    const badSeek = await socket.emitWithAck('replay:seek', { atMs: 'yesterday' as unknown as number });
    expect(badSeek).toMatchObject({ ok: false, error: 'invalid_payload' });
    socket.close();
  });

  it('steps to the next event and to the N-th next, equal to a seek there', async () => {
    const socket = await connectReplay(server.url);
    const from = ok(await socket.emitWithAck('replay:seek', { atMs: START + 5 * 60_000 }));
    const one = ok(await socket.emitWithAck('replay:step', { count: 1 }));
    expect(one.position.cursorMs).toBeGreaterThan(from.position.cursorMs);
    expect(one.state.seq).toBeGreaterThan(from.state.seq);
    const many = ok(await socket.emitWithAck('replay:step', { count: 500 }));
    const seek = ok(await socket.emitWithAck('replay:seek', { atMs: many.position.cursorMs }));
    expect(many.state).toEqual(seek.state);
    socket.close();
  });

  it('jumps to the next alert and back to the previous one, as the reducer raised them', async () => {
    const socket = await connectReplay(server.url);
    ok(await socket.emitWithAck('replay:seek', { atMs: START }));
    const first = ok(await socket.emitWithAck('replay:jump', { direction: 'next' }));
    expect(first.alert).toMatchObject({ rule: 'sensor-threshold', raisedTsMs: FIRST_ALARM_AT });
    expect(first.position.cursorMs).toBe(FIRST_ALARM_AT);
    expect(first.state.alerts.recent.map((a) => a.id)).toContain(first.alert!.id);
    const second = ok(await socket.emitWithAck('replay:jump', { direction: 'next' }));
    expect(second.alert?.raisedTsMs).toBe(ALARM_AT);
    const back = ok(await socket.emitWithAck('replay:jump', { direction: 'previous' }));
    expect(back.alert?.id).toBe(first.alert!.id);
    socket.close();
  });

  it('plays across a late-arriving event to the state a seek gives', async () => {
    const socket = await connectReplay(server.url);
    const folder = replayFolder(socket, rollup);
    const start = ok(await socket.emitWithAck('replay:seek', { atMs: START + 5 * 60_000 }));
    folder.reset(start.state, start.position.epoch);
    const paused = folder.untilPaused();
    ok(await socket.emitWithAck('replay:play', { speed: 3600, untilMs: START + 20 * 60_000 }));
    await paused;
    const seek = ok(await socket.emitWithAck('replay:seek', { atMs: START + 20 * 60_000 }));
    expect(folder.state).toEqual(seek.state);
    // The late reading cannot be folded after newer seqs: that window came as a whole state.
    expect(folder.batches.some((b: ReplayBatch) => b.state !== undefined)).toBe(true);
    socket.close();
  });

  it('holds one unacknowledged batch at most, then resumes when the client acks', async () => {
    const socket = await connectReplay(server.url);
    const held: { batch: ReplayBatch; done: () => void }[] = [];
    socket.on('replay:batch', (batch, done) => held.push({ batch, done }));
    const liveSeq = server.app.engine.state.seq;
    ok(await socket.emitWithAck('replay:seek', { atMs: START }));
    ok(await socket.emitWithAck('replay:play', { speed: 3600 }));
    const session = () => server.app.replay.stats()[socket.id!]!;
    await vi.waitFor(() => expect(session().stalledTicks).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(held).toHaveLength(1);
    expect(session().batchesSent).toBe(1);
    expect(session().unackedEvents).toBe(held[0]!.batch.events!.length);
    expect(session().unackedEvents).toBeLessThanOrEqual(REPLAY_MAX_BATCH_EVENTS);
    held[0]!.done();
    await vi.waitFor(() => expect(held.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    // Replay never touched the live state.
    expect(server.app.engine.state.seq).toBe(liveSeq);
    socket.close();
  });
});
