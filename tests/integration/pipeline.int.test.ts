import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { makeRollup } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import { SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import {
  applyEvents,
  applyPatch,
  emptyDashboardState,
  PROTOCOL_VERSION,
  type IocEvent,
  type LoggedEvent,
} from '../../protocol';
import { connectIngest } from '../../sources/ingest-client';
import { createSimulation } from '../../simulators/plan';
import { scopeState } from '../../server/engine/scope-state';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';

const START = Date.parse('2021-08-02T16:50:00+07:00');
/** Twenty scenario minutes of the plan, across the 17:00 COVID reports: events of all three streams. */
function planEvents(): IocEvent[] {
  const sim = createSimulation({ seed: 7, sites: SENSOR_SITES, sensorHistoryFromMs: START });
  return sim.eventsBetween(START, START + 20 * 60_000);
}

async function fetchNdjson(url: string): Promise<LoggedEvent[]> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
  const text = await res.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedEvent);
}

describe('simulator → /ingest → log → /live', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('delivers the same contiguous batches to two dashboards, and the log holds exactly what was accepted', async () => {
    const events = planEvents();
    expect(events.length).toBeGreaterThan(500);
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set(['dossier', 'sensor', 'covid']));

    const a = await connectLive(server.url);
    const b = await connectLive(server.url);
    const source = await connectIngest(server.url, TEST_TOKEN);
    // Send in several messages, as a source would over time.
    let accepted = 0;
    for (let i = 0; i < events.length; i += 700)
      accepted += (await source.send(events.slice(i, i + 700))).accepted;
    source.close();
    expect(accepted).toBe(events.length);

    const lastSeq = await server.store.lastSeq();
    for (const c of [a, b]) await until(c.socket, () => c.batches.at(-1)?.toSeq === lastSeq);
    expect(a.batches).toEqual(b.batches);
    let expectedFrom = a.snapshot.seq + 1;
    for (const batch of a.batches) {
      expect(batch.fromSeq).toBe(expectedFrom);
      expectedFrom = batch.toSeq + 1;
    }
    const delivered = a.batches.flatMap((x) => x.events);
    expect(delivered.map((e) => e.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));

    // The browser's fold of what it received equals the server's state.
    const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
    const folded = a.batches.reduce((s, x) => applyEvents(s, x.events, rollup), emptyDashboardState());
    expect(folded).toEqual(server.app.engine.state);

    const logged = await fetchNdjson(`${server.url}/api/events?from=2021-08-01&to=2021-08-03`);
    expect(logged.map(({ seq: _seq, ...e }) => e)).toEqual(events);
    a.socket.close();
    b.socket.close();
  });

  it('keeps a state-mode dashboard equal to the server with one patch per window instead of every event', async () => {
    const events = planEvents();
    const tanAn = await connectLive(server.url, '794', { mode: 'state' });
    const province = await connectLive(server.url, '80', { mode: 'state' });
    const source = await connectIngest(server.url, TEST_TOKEN);
    for (let i = 0; i < events.length; i += 700) await source.send(events.slice(i, i + 700));
    source.close();

    const lastSeq = await server.store.lastSeq();
    const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
    for (const c of [tanAn, province]) {
      await until(c.socket, () => c.batches.at(-1)?.toSeq === lastSeq);
      let expectedFrom = c.snapshot.seq + 1;
      let state = c.snapshot.state;
      for (const batch of c.batches) {
        expect(batch.fromSeq).toBe(expectedFrom);
        expect(batch.events).toEqual([]);
        expectedFrom = batch.toSeq + 1;
        expect(batch.patch).toBeDefined();
        state = applyPatch(state, batch.patch!, batch.toSeq);
      }
      expect(state).toEqual(scopeState(server.app.engine.state, c.snapshot.area, rollup));
      // Coalesced: far fewer site values crossed the wire than readings were sent.
      const siteValues = c.batches.reduce((n, b) => {
        const op = b.patch?.sites;
        return n + (op?.[0] === 'patch' ? Object.keys(op[1]).length : 0);
      }, 0);
      const readings = events.filter(
        (e) => e.stream === 'sensor' && rollup(e.area).includes(c.snapshot.area),
      );
      expect(siteValues).toBeLessThan(readings.length);
      c.socket.close();
    }
  });

  it('drops a re-sent event as a duplicate and keeps its first sequence number', async () => {
    const [first] = planEvents();
    const source = await connectIngest(server.url, TEST_TOKEN);
    const r1 = await source.send([first!]);
    const r2 = await source.send([first!, first!]);
    source.close();
    expect(r1.results[0]).toMatchObject({ status: 'accepted', seq: 1 });
    expect(r2.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await server.store.countEvents()).toBe(1);
  });

  it('counts a COVID report of an area and day once, the real one, whether the simulator or an import came first', async () => {
    const report = planEvents().find((e) => e.stream === 'covid')!;
    const imported = {
      ...report,
      source: 'csv-import',
      id: `import-${report.id}`,
      newCases: report.newCases + 5,
    };
    const source = await connectIngest(server.url, TEST_TOKEN);
    const [first, second] = [await source.send([report]), await source.send([imported])];
    // Both are logged; the real source's report supersedes the simulator's for the day, and a re-send of the
    // simulator's changes nothing.
    const again = await source.send([{ ...report, id: `${report.id}-again` }]);
    source.close();
    expect(first.results[0]).toMatchObject({ status: 'accepted' });
    expect(second.results[0]).toMatchObject({ status: 'accepted' });
    expect(again.results[0]).toMatchObject({ status: 'accepted' });
    expect(server.app.engine.state.areas[report.area]!.covid.cumulativeCases).toBe(
      imported.stream === 'covid' ? imported.newCases : -1,
    );
  });

  it('refuses a bad event with a reason and keeps the good ones of the same batch', async () => {
    const [good] = planEvents();
    const bad = { ...good!, id: 'bad-1', tsMs: 'yesterday' };
    const unknownArea = { ...good!, id: 'bad-2', area: '999' };
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [bad, good, unknownArea] }),
    });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ accepted: 1, rejected: 2, duplicates: 0 });
    expect(report.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid_payload', id: 'bad-1' });
    expect(report.results[0].details.join(' ')).toMatch(/tsMs/);
    expect(report.results[2]).toMatchObject({ status: 'rejected', reason: 'unknown_area' });
    const logged = await fetchNdjson(`${server.url}/api/events?from=2015-01-01&to=2099-01-01`);
    expect(logged.map((e) => e.id)).toEqual([good!.id]);
  });

  it('answers a request without a valid token with 401 and logs nothing', async () => {
    const [good] = planEvents();
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ events: [good] }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });
    await expect(connectIngest(server.url, 'wrong')).rejects.toThrow(/unauthorized/);
    expect(await server.store.countEvents()).toBe(0);
  });

  it('refuses a dashboard that speaks another protocol version, saying why', async () => {
    const socket = io(`${server.url}/live`, {
      auth: { protocolVersion: PROTOCOL_VERSION + 1 },
      transports: ['websocket'],
      forceNew: true,
    });
    const err = await new Promise<Error & { data?: { reason: string; serverVersion: number } }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    expect(err.message).toBe('protocol_mismatch');
    expect(err.data?.serverVersion).toBe(PROTOCOL_VERSION);
    expect(err.data?.reason).toMatch(/protocol/);
  });

  it('fills a gap on request with exactly the missing events', async () => {
    const events = planEvents().slice(0, 300);
    const source = await connectIngest(server.url, TEST_TOKEN);
    await source.send(events);
    source.close();
    const c = await connectLive(server.url);
    const ack = await c.socket.emitWithAck('live:resync', { area: '80', afterSeq: 100 });
    expect(ack.ok).toBe(true);
    if (ack.ok)
      expect(ack.data.events.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => 101 + i));
    c.socket.close();
  });
});
