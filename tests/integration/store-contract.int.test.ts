import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRollup, SCHEMATIC_2021, SENSOR_SITES } from '../../geo';
import { PILOT_AREAS } from '../../geo/pilot-units';
import {
  applyEvents,
  emptyDashboardState,
  SensorKind,
  vnDateKey,
  type IocEvent,
  type LoggedEvent,
  type MetricName,
} from '../../protocol';
import { dailyIncrements } from '../../server/ingest/daily-aggregates';
import type { EventStore } from '../../server/store/event-store';
import { SITE_DAILY_VERSION } from '../../server/store/postgres-migrations';
import { openPostgresStore } from '../../server/store/postgres-store';
import type { SiteDailyRow } from '../../server/store/site-daily';
import { openSqliteStore } from '../../server/store/sqlite-store';
import { createSimulation } from '../../simulators/plan';
import { freshSchema, PG_URL } from './support/services';

/** One store under test: opened fresh, re-openable on the same data, removed afterwards. */
interface Subject {
  open(): Promise<EventStore>;
  cleanup(): Promise<void>;
  /** Makes the (closed) log look like one written before `site_daily` existed. */
  forgetSiteDaily(): Promise<void>;
}

const ENGINES: { name: string; make: () => Promise<Subject> }[] = [
  {
    name: 'SQLite',
    make: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ioc-contract-'));
      return {
        open: async () => openSqliteStore(path.join(dir, 'events.sqlite')),
        cleanup: async () => rmSync(dir, { recursive: true, force: true }),
        forgetSiteDaily: async () => {
          const db = new Database(path.join(dir, 'events.sqlite'));
          db.exec('DROP TABLE site_daily');
          db.close();
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    make: async () => {
      const s = await freshSchema();
      return {
        open: () => openPostgresStore(PG_URL, { schema: s.schema, max: 4 }),
        cleanup: s.drop,
        forgetSiteDaily: async () => {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          try {
            await c.query(`DROP TABLE "${s.schema}".site_daily`);
            await c.query(`DELETE FROM "${s.schema}".schema_migrations WHERE version = $1`, [
              SITE_DAILY_VERSION,
            ]);
          } finally {
            await c.end();
          }
        },
      };
    },
  },
];

const START = Date.parse('2021-08-02T16:00:00+07:00');
const rollup = makeRollup([...SCHEMATIC_2021.areas, ...PILOT_AREAS]);
/**
 * Ninety scenario minutes across the 17:00 COVID reports, every dossier and report and one sensor reading in
 * sixty: all three streams, all areas, about a thousand events, so the suite stays quick on both engines.
 */
const PLAN: IocEvent[] = (() => {
  const sim = createSimulation({ seed: 11, sites: SENSOR_SITES, sensorHistoryFromMs: START });
  let n = 0;
  return sim.eventsBetween(START, START + 90 * 60_000).filter((e) => e.stream !== 'sensor' || n++ % 60 === 0);
})();
const aggregate = (news: readonly LoggedEvent[]) => dailyIncrements(news, rollup);
const seqs = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
const strip = ({ seq: _seq, ...e }: LoggedEvent): IocEvent => e as IocEvent;
/** The site-day summaries computed here from the readings, independently of the stores. */
function siteDaysOf(events: readonly IocEvent[]): SiteDailyRow[] {
  const byKey = new Map<string, SiteDailyRow>();
  for (const e of events) {
    if (e.stream !== 'sensor') continue;
    const day = vnDateKey(e.tsMs);
    const key = `${day}|${e.siteId}|${e.kind}`;
    const [lon, lat] = e.lonLat;
    const r = byKey.get(key) ?? {
      day,
      siteId: e.siteId,
      kind: e.kind,
      area: e.area,
      unit: e.unit,
      lon,
      lat,
      n: 0,
      sum: 0,
      min: Infinity,
      max: -Infinity,
    };
    byKey.set(key, {
      ...r,
      n: r.n + 1,
      sum: r.sum + e.value,
      min: Math.min(r.min, e.value),
      max: Math.max(r.max, e.value),
    });
  }
  return sortSiteDays([...byKey.values()]);
}
/** Ordered as the stores answer; sums rounded, as batches add them up in another order. */
const sortSiteDays = (rows: SiteDailyRow[]) =>
  rows
    .map((r) => ({ ...r, sum: Math.round(r.sum * 1e6) / 1e6 }))
    .sort((a, b) => (a.day + a.siteId + '|' + a.kind < b.day + b.siteId + '|' + b.kind ? -1 : 1));
const ALL_KINDS = SensorKind.options;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe.each(ENGINES)('EventStore contract: $name', ({ make }) => {
  let subject: Subject;
  let store: EventStore;
  beforeEach(async () => {
    subject = await make();
    store = await subject.open();
  });
  afterEach(async () => {
    await store.close();
    await subject.cleanup();
  });

  it('starts empty', async () => {
    expect(await store.lastSeq()).toBe(0);
    expect(await store.countEvents()).toBe(0);
    expect(await store.readAfter(0, 10)).toEqual([]);
    expect(await store.latestSnapshot()).toBeNull();
    expect(await store.lastEventTsMs('sensor')).toBeNull();
  });

  it('numbers new events 1, 2, 3 … in input order and reads them back as sent', async () => {
    expect(PLAN.length).toBeGreaterThan(500);
    expect(new Set(PLAN.map((e) => e.stream))).toEqual(new Set(['dossier', 'sensor', 'covid']));
    const r = await store.append(PLAN.slice(0, 400));
    const r2 = await store.append(PLAN.slice(400));
    expect(r.outcomes).toEqual(seqs(1, 400).map((seq) => ({ status: 'accepted', seq })));
    expect(r2.accepted.map((e) => e.seq)).toEqual(seqs(401, PLAN.length - 400));
    expect(await store.lastSeq()).toBe(PLAN.length);
    expect(await store.countEvents()).toBe(PLAN.length);
    const back = await store.readAfter(0, PLAN.length + 10);
    expect(back.map(strip)).toEqual(PLAN);
    expect((await store.readAfter(100, 5)).map((e) => e.seq)).toEqual(seqs(101, 5));
  });

  it('keeps the first seq of a re-sent event, also within one batch, and numbers only what is new', async () => {
    const [a, b, c] = PLAN;
    await store.append([a!, b!]);
    const r = await store.append([b!, c!, c!, a!]);
    expect(r.outcomes).toEqual([
      { status: 'duplicate', seq: 2 },
      { status: 'accepted', seq: 3 },
      { status: 'duplicate', seq: 3 },
      { status: 'duplicate', seq: 1 },
    ]);
    expect(r.accepted).toEqual([{ ...c!, seq: 3 }]);
    expect(await store.countEvents()).toBe(3);
  });

  it('stays gap-free when appends are issued concurrently', async () => {
    const chunks = Array.from({ length: 10 }, (_, i) => PLAN.slice(i * 30, i * 30 + 30));
    const results = await Promise.all(chunks.map((ch) => store.append(ch)));
    // Each call is atomic: its events get consecutive numbers.
    for (const r of results) {
      const s = r.accepted.map((e) => e.seq);
      expect(s).toEqual(seqs(s[0]!, 30));
    }
    const all = results.flatMap((r) => r.accepted.map((e) => e.seq)).sort((x, y) => x - y);
    expect(all).toEqual(seqs(1, 300));
  });

  it('reads a time range in seq order, filtered by stream, areas and afterSeq', async () => {
    await store.append(PLAN);
    const from = START + 20 * 60_000;
    const to = START + 70 * 60_000;
    const logged = await store.readAfter(0, PLAN.length);
    const expectFilter = (f: (e: LoggedEvent) => boolean) =>
      logged.filter((e) => e.tsMs >= from && e.tsMs < to && f(e));

    expect(await collect(store.iterateByTime({ fromMs: from, toMs: to }))).toEqual(expectFilter(() => true));
    const sensors = await collect(store.iterateByTime({ fromMs: from, toMs: to, stream: 'sensor' }));
    expect(sensors.length).toBeGreaterThan(0);
    expect(sensors).toEqual(expectFilter((e) => e.stream === 'sensor'));
    const areas = ['794', '802'];
    expect(await collect(store.iterateByTime({ fromMs: from, toMs: to, areas }))).toEqual(
      expectFilter((e) => areas.includes(e.area)),
    );
    expect(await collect(store.iterateByTime({ fromMs: from, toMs: to, afterSeq: 300 }))).toEqual(
      expectFilter((e) => e.seq > 300),
    );
    expect(await collect(store.iterateByTime({ fromMs: from, toMs: to, areas: [] }))).toEqual([]);
  });

  it('counts a time range exactly as the range read yields it, with every filter', async () => {
    await store.append(PLAN);
    const from = START + 20 * 60_000;
    const to = START + 70 * 60_000;
    const filters = [
      { fromMs: from, toMs: to },
      { fromMs: from, toMs: to, stream: 'sensor' as const },
      { fromMs: from, toMs: to, areas: ['794', '802'] },
      { fromMs: from, toMs: to, stream: 'dossier' as const, areas: ['794'] },
      { fromMs: from, toMs: to, afterSeq: 300 },
      { fromMs: from, toMs: to, areas: [] },
      { fromMs: to, toMs: from },
    ];
    for (const f of filters)
      expect(await store.countByTime(f)).toBe((await collect(store.iterateByTime(f))).length);
    expect(await store.countByTime({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).toBe(PLAN.length);
  });

  it('reads what a fold from a snapshot needs, late events included, in seq order and bounded pages', async () => {
    // The second half first: the first half then arrives late, behind times already logged.
    const half = Math.floor(PLAN.length / 2);
    await store.append(PLAN.slice(half));
    await store.append(PLAN.slice(0, half));
    await store.append([{ ...PLAN[10]!, id: 'late-after-all', tsMs: START + 60_000 }]);
    const logged = await store.readAfter(0, PLAN.length + 10);
    const maxTsUpTo = (seq: number) =>
      logged.filter((e) => e.seq <= seq).reduce((m, e) => Math.max(m, e.tsMs), Number.MIN_SAFE_INTEGER);
    const cases: [number, number][] = [
      [0, START + 45 * 60_000],
      [100, START + 80 * 60_000],
      [half - 5, START + 90 * 60_000],
      [half + 200, Number.MAX_SAFE_INTEGER],
      [logged.length, Number.MAX_SAFE_INTEGER],
    ];
    for (const [seq, extra] of cases) {
      const from = { seq, maxTsMs: seq ? maxTsUpTo(seq) : Number.MIN_SAFE_INTEGER };
      const toMs = Math.max(from.maxTsMs, extra);
      const pages = await collect(store.foldRange(from, toMs, 97));
      expect(pages.every((p) => p.length > 0 && p.length <= 97)).toBe(true);
      const want = logged.filter((e) => e.seq > seq && e.tsMs <= toMs);
      expect(pages.flat()).toEqual(want);
      if (seq === half + 200) expect(want.some((e) => e.tsMs < from.maxTsMs)).toBe(true);
    }
    // Folding the snapshot plus the range equals folding everything up to the instant.
    const toMs = START + 50 * 60_000 + 1;
    const snapSeq = half + 50;
    const base = applyEvents(emptyDashboardState(), logged.slice(0, snapSeq), rollup);
    let folded = base;
    for await (const page of store.foldRange(
      { seq: snapSeq, maxTsMs: maxTsUpTo(snapSeq) },
      Number.MAX_SAFE_INTEGER,
      500,
    ))
      folded = applyEvents(folded, page, rollup);
    expect(folded).toEqual(applyEvents(emptyDashboardState(), logged, rollup));
    expect(
      await collect(store.foldRange({ seq: snapSeq, maxTsMs: maxTsUpTo(snapSeq) }, toMs, 500)).then((p) =>
        p.flat(),
      ),
    ).toEqual(logged.filter((e) => e.seq > snapSeq && e.tsMs <= toMs));
  });

  it('still finds late events after a close and a reopen', async () => {
    await store.append(PLAN.slice(100, 200));
    await store.close();
    store = await subject.open();
    await store.append(PLAN.slice(0, 100));
    const all = await store.readAfter(0, 300);
    const maxTsMs = Math.max(...all.slice(0, 100).map((e) => e.tsMs));
    expect((await collect(store.foldRange({ seq: 100, maxTsMs }, maxTsMs, 1000))).flat()).toEqual(
      all.slice(100).filter((e) => e.tsMs <= maxTsMs),
    );
  });

  it('releases a range read abandoned half-way, many times over', async () => {
    await store.append(PLAN);
    for (let i = 0; i < 12; i++) {
      for await (const e of store.iterateByTime({ fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })) {
        expect(e.seq).toBe(1);
        break;
      }
    }
    // Still able to write and read: no connection or statement left held.
    expect((await store.append([{ ...PLAN[0]!, id: 'after-abandoned-reads' }])).accepted).toHaveLength(1);
  });

  it('adds the aggregator rows of exactly the new events, in the same append', async () => {
    const seen: number[][] = [];
    const spy = (news: readonly LoggedEvent[]) => {
      seen.push(news.map((e) => e.seq));
      return aggregate(news);
    };
    await store.append(PLAN.slice(0, 600), spy);
    await store.append(PLAN, spy); // the first 600 again: only the rest counts
    expect(seen).toEqual([seqs(1, 600), seqs(601, PLAN.length - 600)]);

    const want = new Map<string, { value: number; weight: number }>();
    for (const row of aggregate(await store.readAfter(0, PLAN.length))) {
      if (row.metric !== 'sensor.readings' && row.metric !== 'dossier.submitted') continue;
      want.set(`${row.metric}|${row.area}|${row.day}`, { value: row.value, weight: row.weight });
    }
    expect(want.size).toBeGreaterThan(0);
    for (const [key, v] of want) {
      const [metric, area, day] = key.split('|') as [MetricName, string, string];
      const rows = await store.dailyAggregates(metric, area, day, '2099-01-01');
      expect(rows[0]).toEqual({ metric, area, day, value: v.value, weight: v.weight });
    }
    expect(await store.dailyAggregates('dossier.submitted', '80', '2021-08-03', '2099-01-01')).toEqual([]);
  });

  it('keeps per-site daily summaries of the readings, whatever the batches, counting a re-sent one once', async () => {
    const want = siteDaysOf(PLAN);
    // Several readings of one site and day, so min, max and sums are merged across batches.
    expect(want.some((r) => r.n > 2)).toBe(true);
    await store.append(PLAN.slice(0, 333));
    await store.append(PLAN.slice(200, 700), aggregate);
    await store.append(PLAN);
    expect(sortSiteDays(await store.siteDaily(ALL_KINDS, '2021-01-01', '2099-01-01'))).toEqual(want);
  });

  it('reads site summaries of some kinds over [from, to) and tells their first and last day', async () => {
    await store.append(PLAN);
    const want = siteDaysOf(PLAN).filter((r) => r.kind === 'water_level');
    expect(want.length).toBeGreaterThan(0);
    const days = [...new Set(want.map((r) => r.day))].sort();
    expect(sortSiteDays(await store.siteDaily(['water_level'], days[0]!, '2099-01-01'))).toEqual(want);
    const last = days.at(-1)!;
    expect(sortSiteDays(await store.siteDaily(['water_level', 'pm25'], last, last))).toEqual([]);
    const lastDay = await store.siteDaily(['water_level'], last, '2099-01-01');
    expect(lastDay.map((r) => r.day)).toEqual(want.filter((r) => r.day === last).map(() => last));
    expect(await store.siteDailySpan(['water_level'])).toEqual({ from: days[0], to: last });
    expect(await store.siteDailySpan([])).toBeNull();
    expect(await store.siteDaily([], '2021-01-01', '2099-01-01')).toEqual([]);
  });

  it('fills the site summaries from the logged readings when the table is new', async () => {
    await store.append(PLAN);
    await store.close();
    await subject.forgetSiteDaily();
    store = await subject.open();
    expect(sortSiteDays(await store.siteDaily(ALL_KINDS, '2021-01-01', '2099-01-01'))).toEqual(
      siteDaysOf(PLAN),
    );
    // And keeps them from then on.
    const later = PLAN.filter((e) => e.stream === 'sensor').map((e) => ({
      ...e,
      id: `${e.id}-again`,
      value: e.value + 1,
    }));
    await store.append(later);
    expect(sortSiteDays(await store.siteDaily(ALL_KINDS, '2021-01-01', '2099-01-01'))).toEqual(
      siteDaysOf([...PLAN, ...later]),
    );
  });

  it('tells the last event time per stream and per source', async () => {
    await store.append(PLAN);
    for (const stream of ['dossier', 'sensor', 'covid'] as const) {
      const ts = PLAN.filter((e) => e.stream === stream).map((e) => e.tsMs);
      expect(await store.lastEventTsMs(stream)).toBe(Math.max(...ts));
    }
    const sensor = PLAN.find((e) => e.stream === 'sensor')!;
    const bySource = PLAN.filter((e) => e.stream === 'sensor' && e.source === sensor.source).map(
      (e) => e.tsMs,
    );
    expect(await store.lastEventTsMs('sensor', sensor.source)).toBe(Math.max(...bySource));
    expect(await store.lastEventTsMs('sensor', 'nobody')).toBeNull();
  });

  it('returns the newest snapshot, or the newest whose events all precede an instant', async () => {
    const logged = (await store.append(PLAN)).accepted;
    const at = (n: number) => applyEvents(emptyDashboardState(), logged.slice(0, n), rollup);
    const tsOf = (n: number) => Math.max(...logged.slice(0, n).map((e) => e.tsMs));
    await store.saveSnapshot(at(100), tsOf(100));
    await store.saveSnapshot(at(400), tsOf(400));
    expect(await store.latestSnapshot()).toEqual({ seq: 400, maxTsMs: tsOf(400), state: at(400) });
    expect((await store.latestSnapshot(tsOf(400) - 1))?.seq).toBe(100);
    expect(await store.latestSnapshot(tsOf(100) - 1)).toBeNull();
    // Saving the same seq again replaces it (two nodes may both snapshot one seq).
    await store.saveSnapshot(at(400), tsOf(400));
    expect((await store.latestSnapshot())?.seq).toBe(400);
  });

  it('keeps everything across a close and a reopen, and goes on numbering', async () => {
    await store.append(PLAN.slice(0, 50), aggregate);
    await store.saveSnapshot(applyEvents(emptyDashboardState(), [], rollup), START);
    await store.close();
    store = await subject.open();
    expect(await store.lastSeq()).toBe(50);
    const r = await store.append(PLAN.slice(40, 60));
    expect(r.outcomes.slice(0, 10).every((o) => o.status === 'duplicate')).toBe(true);
    expect(r.accepted.map((e) => e.seq)).toEqual(seqs(51, 10));
  });
});

describe('PostgreSQL log shared by two nodes', () => {
  it('gives global, gap-free seqs to concurrent appends from two pools, and wakes both on each append', async () => {
    const s = await freshSchema();
    const [a, b] = await Promise.all([
      openPostgresStore(PG_URL, { schema: s.schema, max: 3 }),
      openPostgresStore(PG_URL, { schema: s.schema, max: 3 }),
    ]);
    try {
      const heads: number[] = [];
      const woken = new Promise<void>((resolve) =>
        b.watchAppends((seq) => {
          heads.push(seq);
          if (seq === 400) resolve();
        }),
      );
      const chunks = Array.from({ length: 20 }, (_, i) => PLAN.slice(i * 20, i * 20 + 20));
      const results = await Promise.all(chunks.map((ch, i) => (i % 2 ? a : b).append(ch)));
      const all = results.flatMap((r) => r.accepted.map((e) => e.seq)).sort((x, y) => x - y);
      expect(all).toEqual(seqs(1, 400));
      await woken;
      expect(heads.at(-1)).toBe(400);
      // Reading from either node gives the same log.
      expect(await a.readAfter(0, 1000)).toEqual(await b.readAfter(0, 1000));
    } finally {
      await Promise.all([a.close(), b.close()]);
      await s.drop();
    }
  });
});
