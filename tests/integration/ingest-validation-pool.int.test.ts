import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type IngestAck, type IngestReport, type SensorReading } from '../../protocol';
import { SCHEMATIC_2021 } from '../../geo';
import { makeRollup } from '../../geo/areas';
import { createIngestService } from '../../server/ingest/ingest-service';
import { createValidationPool, spawnValidationWorker } from '../../server/ingest/validation-pool';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { reading } from '../fixtures/events';
import { FIXTURE_ADMISSION } from './support/fixture-admission';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';

const ev = (source: string, n: number): SensorReading => ({
  ...reading,
  source,
  id: `${source}-${n}`,
  tsMs: reading.tsMs + n,
});
const batchOf = (source: string, from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ev(source, from + i));

async function connectSource(url: string): Promise<Socket> {
  const s = io(`${url}/ingest`, {
    auth: { token: TEST_TOKEN, protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('connect_error', reject);
  });
  return s;
}

const send = (s: Socket, events: unknown[]) =>
  s.emitWithAck('ingest:batch', { events }) as Promise<IngestAck>;

function report(ack: IngestAck): IngestReport {
  if (!ack.ok) throw new Error(`refused: ${ack.error}`);
  return ack.data;
}
const seqsOf = (r: IngestReport) => r.results.flatMap((x) => (x.status === 'accepted' ? [x.seq] : []));

describe('ingest schema checks in worker threads, through the real server', () => {
  let server: TestServer;
  let sources: Socket[];
  beforeAll(async () => {
    server = await startTestServer({ ingestValidationWorkers: 2 });
    sources = [await connectSource(server.url), await connectSource(server.url)];
  });
  afterAll(async () => {
    for (const s of sources) s.disconnect();
    await server.close();
  });

  it('gives seqs in arrival order though a large batch is checked after the small ones behind it', async () => {
    const live = await connectLive(server.url);
    const [a, b] = sources as [Socket, Socket];
    // Each source's messages arrive in the order sent; the large ones (inside the 64 KB message limit) take
    // their worker longest.
    const sent = [
      send(a, batchOf('order-a', 0, 250)),
      send(b, batchOf('order-b', 0, 20)),
      send(a, batchOf('order-a', 250, 20)),
      send(b, batchOf('order-b', 20, 250)),
      send(a, batchOf('order-a', 270, 20)),
    ];
    const reports = (await Promise.all(sent)).map(report);
    for (const r of reports) expect(r.rejected).toBe(0);
    const a0 = seqsOf(reports[0]!);
    const a1 = seqsOf(reports[2]!);
    const a2 = seqsOf(reports[4]!);
    const b0 = seqsOf(reports[1]!);
    const b1 = seqsOf(reports[3]!);
    // Within a batch the seqs follow the items; per source each batch comes after the one sent before it.
    for (const seqs of [a0, a1, a2, b0, b1]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(Math.max(...a0)).toBeLessThan(Math.min(...a1));
    expect(Math.max(...a1)).toBeLessThan(Math.min(...a2));
    expect(Math.max(...b0)).toBeLessThan(Math.min(...b1));

    // A dashboard hears every event once, in contiguous seq ranges.
    const last = Math.max(...reports.flatMap(seqsOf));
    await until(live.socket, () => live.batches.at(-1)?.toSeq === last);
    let next = live.snapshot.seq + 1;
    for (const batch of live.batches) {
      expect(batch.fromSeq).toBe(next);
      next = batch.toSeq + 1;
    }
    live.socket.disconnect();
  });

  it('refuses a bad item with its reason and a bad message whole, and keeps the good ones beside them', async () => {
    const [a, b] = sources as [Socket, Socket];
    const broken = { ...ev('bad-a', 5), value: 'high' };
    const [mixed, whole, good] = await Promise.all([
      send(a, [...batchOf('bad-a', 0, 5), broken, ...batchOf('bad-a', 6, 30)]),
      b.emitWithAck('ingest:batch', { events: 'not a list' }) as Promise<IngestAck>,
      send(b, batchOf('bad-b', 0, 40)),
    ]);
    const m = report(mixed);
    expect(m.accepted).toBe(35);
    expect(m.results[5]).toMatchObject({
      index: 5,
      id: 'bad-a-5',
      status: 'rejected',
      reason: 'invalid_payload',
    });
    expect(JSON.stringify(m.results[5])).toMatch(/value/);
    expect(whole).toMatchObject({ ok: false, error: 'invalid_payload' });
    expect(report(good).accepted).toBe(40);

    const logged = await server.store.readAfter(0, 100_000);
    const ids = new Set(logged.map((e) => e.id));
    expect(ids.has('bad-a-5')).toBe(false);
    expect([...ids].filter((id) => id.startsWith('bad-')).length).toBe(75);
  });
});

describe('a validation worker that dies', () => {
  it('loses no acknowledged event: its batches are checked again and every acknowledged one is in the log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-pool-'));
    const store = openSqliteStore(path.join(dir, 'events.sqlite'));
    const spawned: Worker[] = [];
    const pool = createValidationPool({
      size: 2,
      spawn: () => {
        const w = spawnValidationWorker();
        spawned.push(w);
        return w;
      },
    });
    const ingest = createIngestService({
      store,
      rollup: makeRollup(SCHEMATIC_2021.areas),
      isKnownArea: (code) => SCHEMATIC_2021.areas.some((a) => a.code === code),
      onAccepted: () => {},
      rules: FIXTURE_ADMISSION,
      timeBounds: () => ({ notBeforeMs: 0, notAfterMs: reading.tsMs + 86_400_000 }),
      validation: pool,
    });
    try {
      const pending = Array.from({ length: 12 }, (_, i) =>
        ingest.ingest(batchOf('crash', i * 500, 500), 'source'),
      );
      // Both first workers die with batches in flight (a thread killed looks to the pool as a crash does).
      await Promise.all(spawned.slice(0, 2).map((w) => w.terminate()));
      const reports = await Promise.all(pending);
      expect(spawned.length).toBeGreaterThan(2);
      const acked = reports.flatMap(seqsOf);
      expect(acked).toHaveLength(6000);
      const logged = new Map((await store.readAfter(0, 100_000)).map((e) => [e.seq, e.id]));
      for (const seq of acked) expect(logged.has(seq)).toBe(true);
      // Appended in the order the batches came, whatever worker answered first.
      expect(acked).toEqual([...acked].sort((x, y) => x - y));
    } finally {
      await pool.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops starting workers that die before answering anything, and checks in the main thread', async () => {
    let started = 0;
    const pool = createValidationPool({
      size: 2,
      spawn: () => {
        started++;
        return new Worker('throw new Error("a broken build")', { eval: true });
      },
    });
    try {
      const checks = await pool.check([reading, { ...reading, value: 'high' }]);
      expect(checks.map((c) => c.ok)).toEqual([true, false]);
      await new Promise((r) => setTimeout(r, 500)); // time for a restart loop to show, were there one
      // The first two, then replacements only until three in a row have died silent.
      expect(started).toBeLessThanOrEqual(5);
    } finally {
      await pool.close();
    }
  });
});
