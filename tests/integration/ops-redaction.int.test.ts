import { reading as fixtureReading } from '../fixtures/events';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPatch,
  PROTOCOL_VERSION,
  type Ack,
  type LiveBatch,
  type ReplaySnapshot,
  type SensorReading,
} from '../../protocol';
import { connectReplay, ok, type ReplaySocket } from '../../testkit/replay-client';
import {
  connectLive,
  startTestServer,
  TEST_OPERATOR_TOKEN,
  TEST_TOKEN,
  until,
  type TestServer,
} from './support/test-server';

const T0 = Date.UTC(2021, 7, 1, 1);
/** What an operator typed: a phone number in a comment, their own name, a colleague's. */
const SECRETS = ['Trực ban Lê Thị C', '0909 123 456', 'Nguyễn Văn B'];
const leaks = (x: unknown) => SECRETS.filter((s) => JSON.stringify(x).includes(s));

const reading = (i: number, value: number): SensorReading => ({
  ...fixtureReading,
  id: `wl-ops-${i}`,
  source: 'int-test',
  tsMs: T0 + i * 60_000,
  siteId: 'LA-WL-OPS',
  value,
});

/**
 * Issue 21, finding 8: with reads open (as the finding found it) or signed in as a leader, analyst or wall,
 * operators' comments and names reach holders of the operate right only, on every way out of the log.
 */
describe("operators' names and comments go to the operate right only", () => {
  let server: TestServer;
  type Live = Awaited<ReturnType<typeof connectLive>>;
  let reader: Live, readerState: Live, operator: Live, operatorState: Live;
  let lastSeq = 0;

  beforeAll(async () => {
    server = await startTestServer({ readAccess: 'open' });
    reader = await connectLive(server.url, '794');
    readerState = await connectLive(server.url, '794', { mode: 'state' });
    operator = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    operatorState = await connectLive(server.url, '794', {
      operatorToken: TEST_OPERATOR_TOKEN,
      mode: 'state',
    });
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      // Held for the water level's on-delay (5 readings over 4 minutes): one reading would raise nothing.
      body: JSON.stringify({ events: [reading(0, 1.2), ...[1, 2, 3, 4, 5].map((i) => reading(i, 1.95))] }),
    });
    expect(res.status).toBe(200);
    await until(operator.socket, () => operator.batches.some((b) => b.events.length > 0));
    const alert = server.app.engine.state.alerts.recent.find((a) => a.siteId === 'LA-WL-OPS')!;
    const base = { alertId: alert.id, operator: SECRETS[0]!, comment: `Gọi anh Tâm ${SECRETS[1]}` };
    for (const [event, extra, requestId] of [
      ['alert:ack', {}, 'req-ops-0001'],
      ['alert:assign', { assignee: SECRETS[2] }, 'req-ops-0002'],
      ['alert:resolve', {}, 'req-ops-0003'],
    ] as const) {
      const answer = (await operator.socket.emitWithAck(event as 'alert:ack', {
        ...base,
        ...extra,
        requestId,
      })) as Ack<{ seq: number }>;
      expect(answer.ok).toBe(true);
      if (answer.ok) lastSeq = answer.data.seq;
    }
    for (const l of [reader, readerState, operator, operatorState])
      await until(l.socket, () => l.batches.some((b: LiveBatch) => b.toSeq >= lastSeq));
  });
  afterAll(async () => {
    for (const l of [reader, readerState, operator, operatorState]) l?.socket.close();
    await server?.close();
  });

  it('/live events and state modes: batches to readers withhold them, operators get them', () => {
    const opsOf = (l: Live) => l.batches.flatMap((b) => b.events).filter((e) => e.stream === 'ops');
    expect(opsOf(reader)).toHaveLength(3);
    expect(leaks(reader.batches)).toEqual([]);
    expect(opsOf(reader)[1]).toMatchObject({
      action: 'alert:assigned',
      operator: '—',
      comment: '',
      assignee: '—',
    });
    expect(leaks(readerState.batches)).toEqual([]);
    // The reader's state, patch after patch, holds the resolution without its author.
    const folded = readerState.batches.reduce(
      (st, b) => (b.patch ? applyPatch(st, b.patch, b.toSeq) : st),
      readerState.snapshot.state,
    );
    expect(folded.alerts.recent.some((a) => a.resolved?.operator === '—')).toBe(true);
    expect(leaks(operator.batches)).toEqual(SECRETS);
    expect(leaks(operatorState.batches)).toEqual(SECRETS);
  });

  it('/live snapshot and resync: withheld from a reader', async () => {
    const late = await connectLive(server.url, '794');
    expect(leaks(late.snapshot)).toEqual([]);
    expect(late.snapshot.state.alerts.recent.find((a) => a.siteId === 'LA-WL-OPS')?.ack?.operator).toBe('—');
    const resync = await late.socket.emitWithAck('live:resync', { area: '794', afterSeq: 0 });
    expect(resync.ok && resync.data.events.filter((e) => e.stream === 'ops')).toHaveLength(3);
    expect(leaks(resync)).toEqual([]);
    late.socket.close();
    const op = await connectLive(server.url, '794', { operatorToken: TEST_OPERATOR_TOKEN });
    expect(leaks(await op.socket.emitWithAck('live:resync', { area: '794', afterSeq: 0 }))).toEqual(SECRETS);
    expect(leaks(op.snapshot)).toEqual(SECRETS);
    op.socket.close();
  });

  it('/api/events and the replay export (NDJSON and CSV): withheld unless the caller may operate', async () => {
    const bearer = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };
    const range = 'from=2021-07-31&to=2021-08-02';
    for (const p of [
      `/api/events?${range}`,
      `/api/events?${range}&stream=ops`,
      `/api/replay/export?${range}&format=ndjson`,
      `/api/replay/export?${range}&format=csv`,
    ]) {
      const anonymous = await (await fetch(server.url + p)).text();
      expect([p, anonymous.includes('alert:acknowledged'), leaks(anonymous)]).toEqual([p, true, []]);
      const operated = await (await fetch(server.url + p, { headers: bearer })).text();
      expect([p, leaks(operated)]).toEqual([p, SECRETS]);
    }
  });

  it('/replay: seek and jump answers withhold them from a reader, not from an operator', async () => {
    const after = T0 + 3_600_000;
    const analyst: ReplaySocket = await connectReplay(server.url);
    const seen = ok(await analyst.emitWithAck('replay:seek', { atMs: after })) as ReplaySnapshot;
    expect(seen.state.alerts.recent.some((a) => a.siteId === 'LA-WL-OPS' && a.ack)).toBe(true);
    expect(leaks(seen)).toEqual([]);
    expect(leaks(await analyst.emitWithAck('replay:jump', { direction: 'previous' }))).toEqual([]);
    analyst.close();
    const op: ReplaySocket = io(`${server.url}/replay`, {
      auth: { protocolVersion: PROTOCOL_VERSION, operatorToken: TEST_OPERATOR_TOKEN },
      transports: ['websocket'],
      forceNew: true,
    });
    expect(leaks(ok(await op.emitWithAck('replay:seek', { atMs: after })))).toEqual(SECRETS);
    op.close();
  });
});
