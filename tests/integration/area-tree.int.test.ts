import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createClockSlice } from '../../client/store/clock.slice';
import { createConnectionSlice } from '../../client/store/connection.slice';
import { createDashboardSlice } from '../../client/store/dashboard.slice';
import type { RootState } from '../../client/store/store';
import { connectLive as connectBrowserLive } from '../../client/net/live-socket';
import { createAreaSetRegistry, parseAreaSet, type AreaSet, type AreaSetRegistry } from '../../geo';
import {
  AreaTree,
  type AreaFeatureCollection,
  type AreaGeometry,
  type AreaRollup,
  type DashboardState,
  type DossierSubmitted,
  type LiveBatch,
} from '../../protocol';
import { watchImportedSets } from '../../server/areas/watch-imported-sets';
import { connectIngest } from '../../sources/ingest-client';
import { connectReplay, ok, replayFolder } from '../../testkit/replay-client';
import { connectLive, startTestServer, TEST_TOKEN, until, type TestServer } from './support/test-server';
import { silentLogger } from '../support/capture-logger';

/** The test server's clock stands at 2021-08-01 01:00 UTC; the events come the hour after. */
const T0 = Date.UTC(2021, 7, 1, 2);
/** A commune of Đức Hòa (802) that only the imported set knows. */
const IMPORTED_CODE = '27990';

const square = (x: number, y: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 0.05, y],
      [x + 0.05, y + 0.05],
      [x, y + 0.05],
      [x, y],
    ],
  ],
});

/** An official-looking set of Đức Hòa with one new commune, valid over 2021 (so in force at the server's now). */
function importedSet(): AreaSet {
  const json: AreaFeatureCollection = {
    type: 'FeatureCollection',
    name: 'duc-hoa-2021-import',
    validFrom: '2021-01-01',
    validTo: '2022-01-01',
    features: [
      {
        type: 'Feature',
        properties: { code: '80', name: 'Long An', kind: 'province', parent: null },
        geometry: square(106.3, 10.85),
      },
      {
        type: 'Feature',
        properties: { code: '802', name: 'Đức Hòa', kind: 'district', parent: '80' },
        geometry: square(106.35, 10.88),
      },
      {
        type: 'Feature',
        properties: { code: IMPORTED_CODE, name: 'Xã Thử Nghiệm', kind: 'commune', parent: '802' },
        geometry: square(106.36, 10.89),
      },
    ],
  };
  const parsed = parseAreaSet(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.set;
}

let nextDossier = 0;
function submitted(area: string, minute: number): DossierSubmitted {
  const n = nextDossier++;
  return {
    v: 1,
    id: `tree-${n}`,
    source: 'area-tree-test',
    area,
    tsMs: T0 + minute * 60_000,
    stream: 'dossier',
    dossierCode: `LA-TREE-${n}`,
    action: 'submitted',
    channel: 'online',
    serviceLevel: 4,
    procedure: 'Cấp giấy phép xây dựng',
    agency: 'UBND',
    dueMs: T0 + minute * 60_000 + 3 * 86_400_000,
  };
}

/** The browser's store, built from its own slices: what it folds with is what the page folds with. */
const browserStore = () =>
  createStore<RootState>()(
    (...a) =>
      ({
        ...createConnectionSlice(...a),
        ...createDashboardSlice(...a),
        ...createClockSlice(...a),
      }) as RootState,
  );

/** The figures of every area a dashboard of `area` shows, by the server's own rollup. */
const areasUnder = (state: DashboardState, area: string, rollup: AreaRollup) =>
  Object.fromEntries(Object.entries(state.areas).filter(([code]) => rollup(code).includes(area)));

/** The 2021 code, the 2025 codes (the new province and a ward whose code the reform re-used), the imported one. */
const CASES = [
  { label: 'a 2021 ward of Tân An', area: '80', code: '27685' },
  { label: 'the 2025 province', area: '72', code: '72' },
  { label: 'a 2025 ward with a re-used code', area: '72', code: '27712' },
  { label: 'a code only the imported set has', area: '80', code: IMPORTED_CODE },
] as const;

describe('the browser folds with the tree the server sends', () => {
  let server: TestServer;
  let registry: AreaSetRegistry;
  beforeAll(async () => {
    registry = createAreaSetRegistry([importedSet()]);
    server = await startTestServer({ areaSets: registry });
  });
  afterAll(() => server.close());

  it('sends a tree that is the server rollup of every code it knows, in the protocol schema', async () => {
    const { socket, snapshot } = await connectLive(server.url, '80', { mode: 'state' });
    socket.close();
    const tree = AreaTree.parse(snapshot.areaTree);
    for (const code of ['80', '794', '27685', '72', '27712', IMPORTED_CODE])
      expect(tree.chains[code], code).toEqual(registry.rollup(code));
  });

  it.each(CASES)('store, resync and replay equal the server on $label', async ({ area, code }) => {
    const viaBatches = browserStore();
    const viaResync = browserStore();
    const events = await connectLive(server.url, area, { mode: 'events' });
    const resyncing = await connectLive(server.url, area, { mode: 'events' });
    viaBatches.getState().receiveSnapshot(events.snapshot);
    viaResync.getState().receiveSnapshot(resyncing.snapshot);
    const startSeq = resyncing.snapshot.seq;
    const fromMinute = nextDossier;

    const source = await connectIngest(server.url, TEST_TOKEN);
    const report = await source.send([submitted(code, fromMinute), submitted(code, fromMinute + 1)]);
    source.close();
    expect(report.accepted).toBe(2);
    const lastSeq = await server.store.lastSeq();

    // The store's own fold of `events` batches, in the order they came.
    await until(events.socket, () => events.batches.at(-1)?.toSeq === lastSeq);
    for (const b of events.batches) viaBatches.getState().receiveBatch(b);
    // A gap filled by `live:resync`, folded by the store's resync path.
    const answer = await resyncing.socket.emitWithAck('live:resync', { area, afterSeq: startSeq });
    if (!answer.ok) throw new Error(answer.error);
    expect(viaResync.getState().receiveResync(answer.data as LiveBatch)).toBeNull();

    const truth = await connectLive(server.url, area, { mode: 'state' });
    for (const s of [events.socket, resyncing.socket, truth.socket]) s.close();
    const expected = areasUnder(truth.snapshot.state, area, registry.rollup);
    expect(Object.keys(expected)).toContain(area);
    for (const store of [viaBatches, viaResync]) {
      const { state } = store.getState().feed;
      expect(state?.seq).toBe(lastSeq);
      expect(areasUnder(state!, area, registry.rollup)).toEqual(expected);
    }

    // Replay from before these events, its batches folded with the tree its snapshot carried.
    const replayStore = browserStore();
    const replay = await connectReplay(server.url);
    const folder = replayFolder(replay, (c) => replayStore.getState().rollup(c));
    const seek = ok(await replay.emitWithAck('replay:seek', { atMs: T0 + fromMinute * 60_000 - 1 }));
    replayStore.getState().receiveAreaTree(seek.areaTree);
    folder.reset(seek.state, seek.position.epoch);
    const paused = folder.untilPaused();
    ok(await replay.emitWithAck('replay:play', { speed: 3600, untilMs: T0 + (fromMinute + 1) * 60_000 }));
    await paused;
    replay.close();
    expect(folder.batches.some((b) => (b.events?.length ?? 0) > 0)).toBe(true);
    const live = server.app.engine.state;
    expect(areasUnder(folder.state!, area, registry.rollup)).toEqual(areasUnder(live, area, registry.rollup));
  });
});

describe('a set imported while the server runs', () => {
  let server: TestServer;
  let registry: AreaSetRegistry;
  let dataDir: string;
  let stopWatching = () => {};
  const closers: (() => void)[] = [];
  beforeAll(async () => {
    registry = createAreaSetRegistry();
    server = await startTestServer({ areaSets: registry });
    dataDir = mkdtempSync(path.join(tmpdir(), 'ioc-import-'));
  });
  afterEach(() => closers.splice(0).forEach((close) => close()));
  afterAll(async () => {
    stopWatching();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const eventsOf = async (area: string) => {
    const q = new URLSearchParams({ area, from: '2021-07-01T00:00:00Z', to: '2021-09-01T00:00:00Z' });
    const res = await fetch(`${server.url}/api/events?${q}`);
    expect(res.status).toBe(200);
    return (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { area: string; id: string });
  };

  it('is in /api/areas, the rollup, areasWithin and every dashboard tree at once, without a restart', async () => {
    // A page, as the browser runs it: its socket code and its store.
    const page = browserStore();
    closers.push(connectBrowserLive(page.getState(), '80', `${server.url}/live`));
    const raw = await connectLive(server.url, '80', { mode: 'events' });
    closers.push(() => raw.socket.close());
    const resyncStore = browserStore();
    resyncStore.getState().receiveSnapshot(raw.snapshot);
    raw.socket.on('live:areas', (tree) => resyncStore.getState().receiveAreaTree(tree));
    const waitFor = (check: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out')), 10_000);
        const unsubscribe = page.subscribe(() => {
          if (!check()) return;
          clearTimeout(timer);
          unsubscribe();
          resolve();
        });
        if (check()) {
          clearTimeout(timer);
          unsubscribe();
          resolve();
        }
      });
    await waitFor(() => page.getState().feed.subscribed);
    const before = page.getState().areaTree;
    expect(before.chains[IMPORTED_CODE]).toBeUndefined();
    // An analyst's replay, opened before the set joins: its next batch must bring the new tree.
    const replayStore = browserStore();
    const replay = await connectReplay(server.url);
    closers.push(() => replay.close());
    replay.on('replay:batch', (b) => b.areaTree && replayStore.getState().receiveAreaTree(b.areaTree));
    const folder = replayFolder(replay, (c) => replayStore.getState().rollup(c));
    const seek = ok(await replay.emitWithAck('replay:seek', { atMs: T0 + 199 * 60_000 }));
    replayStore.getState().receiveAreaTree(seek.areaTree);
    folder.reset(seek.state, seek.position.epoch);

    // `npm run geo:import` writes the set into the data directory; the server's watcher picks it up.
    const dir = path.join(dataDir, 'area-sets');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'duc-hoa.geo.json'), JSON.stringify(importedSet().collection));
    const joined = new Promise<void>((resolve) => registry.onAdded(() => resolve()));
    stopWatching = watchImportedSets(dir, registry, silentLogger(), 20);
    await joined;

    await waitFor(() => page.getState().areaTree.version > before.version);
    expect(page.getState().areaTree.chains[IMPORTED_CODE]).toEqual([IMPORTED_CODE, '802', '80']);

    const areasRes = await fetch(`${server.url}/api/areas`);
    const inForce = (await areasRes.json()) as AreaFeatureCollection;
    expect(inForce.name).toBe('duc-hoa-2021-import');
    expect(inForce.features.map((f) => f.properties.code)).toContain(IMPORTED_CODE);

    const source = await connectIngest(server.url, TEST_TOKEN);
    const event = submitted(IMPORTED_CODE, 200);
    expect((await source.send([event])).accepted).toBe(1);
    source.close();
    const lastSeq = await server.store.lastSeq();

    // The rollup: the district and the province count it, on the server and on the page alike.
    const state = server.app.engine.state;
    expect(state.areas['802']?.dossier.submitted).toBe(1);
    expect(state.areas['80']?.dossier.submitted).toBe(1);
    await waitFor(() => page.getState().feed.lastSeq === lastSeq);
    expect(page.getState().feed.state?.areas['802']?.dossier.submitted).toBe(1);

    // areasWithin: the event is an event of its district and of the province.
    expect((await eventsOf('802')).map((e) => e.id)).toContain(event.id);
    expect((await eventsOf('80')).map((e) => e.id)).toContain(event.id);

    // A resync folded with the tree `live:areas` brought equals the server.
    const answer = await raw.socket.emitWithAck('live:resync', { area: '80', afterSeq: raw.snapshot.seq });
    if (!answer.ok) throw new Error(answer.error);
    resyncStore.getState().receiveResync(answer.data as LiveBatch);
    expect(resyncStore.getState().areaTree.chains[IMPORTED_CODE]).toEqual([IMPORTED_CODE, '802', '80']);
    const scoped = areasUnder(state, '80', registry.rollup);
    expect(areasUnder(resyncStore.getState().feed.state!, '80', registry.rollup)).toEqual(scoped);

    const paused = folder.untilPaused();
    ok(await replay.emitWithAck('replay:play', { speed: 3600, untilMs: T0 + 201 * 60_000 }));
    await paused;
    expect(folder.batches[0]?.areaTree?.chains[IMPORTED_CODE]).toEqual([IMPORTED_CODE, '802', '80']);
    expect(folder.batches.slice(1).every((b) => b.areaTree === undefined)).toBe(true);
    expect(areasUnder(folder.state!, '80', registry.rollup)).toEqual(scoped);
  });
});
