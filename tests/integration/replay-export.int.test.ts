import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import {
  IocEvent,
  REPLAY_EXPORT_CSV_COLUMNS,
  REPLAY_EXPORT_TOTAL_HEADER,
  type LoggedEvent,
} from '../../protocol';
import { createSimulation } from '../../simulators/plan';
import { startTestServer, type TestServer } from './support/test-server';

const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
const START = Date.parse('2021-08-02T14:00:00+07:00');
/** Four scenario hours of all three streams (the 17:00 COVID reports included): about 110 000 events. */
const END = START + 4 * 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Reads a whole body, counting lines as the browser's progress bar does. */
async function readAll(res: Response): Promise<{ text: string; lines: number }> {
  const text = await res.text();
  return { text, lines: text.split('\n').length - 1 };
}

/** Splits one CSV line (RFC 4180 quoting) into its fields. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      for (i++; i < line.length; i++) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i++;
        } else if (line[i] === '"') break;
        else v += line[i];
      }
      out.push(v);
      i += 2;
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe('replay export of a range (GET /api/replay/export)', () => {
  let server: TestServer;
  let logged: LoggedEvent[];

  beforeAll(async () => {
    server = await startTestServer();
    const sim = createSimulation({ seed: 5, sites: SENSOR_SITES, sensorHistoryFromMs: START });
    const events = sim.eventsBetween(START, END);
    for (let i = 0; i < events.length; i += 20_000) await server.store.append(events.slice(i, i + 20_000));
    logged = await server.store.readAfter(0, events.length + 1);
    expect(logged.length).toBeGreaterThan(80_000);
    expect(new Set(logged.map((e) => e.stream))).toEqual(new Set(['dossier', 'sensor', 'covid']));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const url = (q: Record<string, string>) => `${server.url}/api/replay/export?${new URLSearchParams(q)}`;
  const inRange = (from: number, to: number) => logged.filter((e) => e.tsMs >= from && e.tsMs < to);

  it('streams NDJSON: as many valid events as announced, in seq order, as a named download', async () => {
    const [from, to] = [START + 30 * 60_000, START + 150 * 60_000];
    const res = await fetch(url({ from: iso(from), to: iso(to) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ioc-events_20210802-1430_20210802-1630.ndjson"',
    );
    const total = Number(res.headers.get(REPLAY_EXPORT_TOTAL_HEADER));
    const want = inRange(from, to);
    expect(total).toBe(want.length);
    expect(total).toBe(await server.store.countByTime({ fromMs: from, toMs: to }));
    const { text, lines } = await readAll(res);
    expect(lines).toBe(total);
    const back = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as LoggedEvent);
    expect(back).toEqual(want);
    for (const { seq: _seq, ...e } of back.slice(0, 2000)) expect(IocEvent.safeParse(e).success).toBe(true);
  });

  it('streams CSV: a header, one row per event, the envelope in columns and the rest as JSON', async () => {
    const [from, to] = [START, END];
    const res = await fetch(url({ from: iso(from), to: iso(to), format: 'csv' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ioc-events_20210802-1400_20210802-1800.csv"',
    );
    const total = Number(res.headers.get(REPLAY_EXPORT_TOTAL_HEADER));
    expect(total).toBe(logged.length);
    const { text, lines } = await readAll(res);
    expect(lines).toBe(total + 1);
    const rows = text.split('\r\n').slice(0, -1);
    expect(rows[0]).toBe(REPLAY_EXPORT_CSV_COLUMNS.join(','));
    // Every stream's rows read back into exactly the event that was logged.
    const covid = logged.findIndex((e) => e.stream === 'covid');
    for (const i of [0, 1, 500, covid, logged.findIndex((e) => e.stream === 'dossier'), logged.length - 1]) {
      const [seq, timeVn, tsMs, stream, area, source, id, payload] = csvFields(rows[i + 1]!);
      const e = logged[i]!;
      expect(Number(seq)).toBe(e.seq);
      expect(Date.parse(timeVn!)).toBe(e.tsMs);
      expect(timeVn).toMatch(/\+07:00$/);
      expect({
        v: e.v,
        seq: Number(seq),
        tsMs: Number(tsMs),
        stream,
        area,
        source,
        id,
        ...JSON.parse(payload!),
      }).toEqual(e);
    }
  });

  it('filters by stream and by area (an area takes the areas under it), counts included', async () => {
    const district = logged.find((e) => e.stream === 'covid')!.area;
    const cases: [Record<string, string>, (e: LoggedEvent) => boolean][] = [
      [{ stream: 'sensor' }, (e) => e.stream === 'sensor'],
      [{ stream: 'dossier', format: 'csv' }, (e) => e.stream === 'dossier'],
      [{ area: '80' }, () => true],
      [{ area: district }, (e) => rollup(e.area).includes(district)],
      [
        { area: district, stream: 'covid', format: 'csv' },
        (e) => e.stream === 'covid' && rollup(e.area).includes(district),
      ],
    ];
    for (const [q, keep] of cases) {
      const res = await fetch(url({ from: iso(START), to: iso(END), ...q }));
      expect(res.status).toBe(200);
      const want = logged.filter(keep).length;
      expect(want).toBeGreaterThan(0);
      expect(Number(res.headers.get(REPLAY_EXPORT_TOTAL_HEADER))).toBe(want);
      expect((await readAll(res)).lines).toBe(want + (q.format === 'csv' ? 1 : 0));
    }
  });

  it('answers bad parameters with 400 and a JSON {error, details}', async () => {
    const good = { from: iso(START), to: iso(END) };
    for (const q of [
      { ...good, format: 'xlsx' },
      { to: good.to },
      { ...good, from: 'yesterday' },
      { ...good, to: iso(START - 1) },
      { ...good, stream: 'weather' },
      { ...good, area: 'x1' },
      { ...good, limit: '10' },
    ]) {
      const res = await fetch(url(q));
      expect(res.status, JSON.stringify(q)).toBe(400);
      const body = (await res.json()) as { error: string; details?: unknown };
      expect(body.error).toBe('invalid_query');
      expect(body.details).toBeDefined();
    }
    const unknown = await fetch(url({ ...good, area: '99999' }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'unknown_area' });
  });

  it('stops reading the store when the analyst cancels the download', async () => {
    const real = server.store.iterateByTime.bind(server.store);
    let finished!: () => void;
    const released = new Promise<void>((r) => (finished = r));
    let pulled = 0;
    server.store.iterateByTime = async function* (filter) {
      try {
        for await (const e of real(filter)) {
          pulled++;
          yield e;
        }
      } finally {
        finished();
      }
    };
    try {
      const res = await fetch(url({ from: iso(START), to: iso(END), format: 'csv' }));
      const reader = res.body!.getReader();
      await reader.read();
      await reader.cancel();
      await released;
      expect(pulled).toBeLessThan(logged.length);
      // The store is free for the next reader.
      expect(await server.store.countByTime({ fromMs: START, toMs: END })).toBe(logged.length);
    } finally {
      server.store.iterateByTime = real;
    }
  });
});
