import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAreaSetRegistry, parseAreaSet, type AreaSetRegistry } from '../../geo';
import { PROTOCOL_VERSION, SENSOR_TOPIC, SOCKET_EVENTS, type SocketNamespace } from '../../protocol';
import { buildAsyncApi } from '../../server/docs/asyncapi';
import { HTTP_SCHEMAS } from '../../server/docs/http-routes';
import { buildOpenApi } from '../../server/docs/openapi';
import { registeredRoutes } from './support/express-routes';
import { startTestServer, TEST_OPERATOR_TOKEN, TEST_TOKEN, type TestServer } from './support/test-server';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `METHOD /path/{param}` of every operation in an OpenAPI document. */
const documented = (doc: Doc) =>
  Object.entries(doc.paths as Record<string, Doc>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
  );

/** `METHOD /path/{param}` of every `/api` route an Express app registers (`:param` → `{param}`). */
const registered = (server: TestServer) =>
  registeredRoutes(server.app.web)
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x)).sort();

describe('the API documents cover what the server serves', () => {
  let server: TestServer;
  // A registry, so that a set can join while the test runs and `live:areas` be seen.
  const registry: AreaSetRegistry = createAreaSetRegistry();
  beforeAll(async () => {
    server = await startTestServer({ areaSets: registry });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists every /api route the Express app registers, and no other', () => {
    const routes = registered(server);
    const doc = documented(buildOpenApi('test'));
    // The walk finds routes of every kind of mounting: a router at /api, at /api/replay, with parameters.
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/ingest',
        'GET /api/replay/timeline',
        'GET /api/public/dossiers/{code}/qr.png',
        'GET /api/ready',
      ]),
    );
    expect(minus(routes, doc)).toEqual([]);
    expect(minus(doc, routes)).toEqual([]);
  });

  it('would notice an undocumented route', () => {
    server.app.web.get('/api/not-in-the-document', (_req, res) => void res.end());
    try {
      expect(minus(registered(server), documented(buildOpenApi('test')))).toEqual([
        'GET /api/not-in-the-document',
      ]);
    } finally {
      const stack = (server.app.web as unknown as { router: { stack: unknown[] } }).router.stack;
      stack.pop();
    }
  });

  it('answers the routes with bodies their documented schemas accept', async () => {
    const cases: [string, keyof typeof HTTP_SCHEMAS][] = [
      ['/api/areas/sets', 'AreaSetsResponse'],
      ['/api/ready', 'ReadyResponse'],
      ['/api/kpis/period?area=80&from=2021-07-01&to=2021-08-01', 'PeriodKpisResponse'],
      ['/api/kpis/deadlines?area=794', 'DeadlineKpis'],
      ['/api/ranking?metric=dossier.submitted&from=2021-07-01&to=2021-08-01', 'RankingResponse'],
      ['/api/review/reference', 'ReviewReference'],
      ['/api/replay/timeline?from=2021-07-31&to=2021-08-01&buckets=24', 'ReplayTimeline'],
      ['/api/public/summary', 'PublicSummary'],
      ['/api/public/covid', 'PublicCovid'],
      ['/api/public/areas', 'PublicAreas'],
    ];
    for (const [path, schema] of cases) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      const parsed = HTTP_SCHEMAS[schema].safeParse(await res.json());
      expect(parsed.error?.issues ?? [], path).toEqual([]);
    }
  });

  it('documents, per Socket.IO namespace, exactly the events of the protocol lists, both ways', () => {
    const doc = buildAsyncApi('test') as Doc;
    const channelOf = (address: string) =>
      Object.entries(doc.channels as Record<string, Doc>).find(([, c]) => c.address === address)?.[0];
    const names = (channel: string, action: 'receive' | 'send') =>
      Object.values(doc.operations as Record<string, Doc>)
        .filter((op) => op.channel.$ref === `#/channels/${channel}` && op.action === action)
        .map((op) => {
          const key = (op.messages[0].$ref as string).split('/').pop()!;
          return doc.components.messages[key].name as string;
        })
        .sort();
    for (const [ns, events] of Object.entries(SOCKET_EVENTS)) {
      const channel = channelOf(ns);
      expect(channel, ns).toBeDefined();
      expect(names(channel!, 'receive'), ns).toEqual([...events.clientToServer].sort());
      expect(names(channel!, 'send'), ns).toEqual([...events.serverToClient].sort());
    }
    const mqtt = channelOf(SENSOR_TOPIC);
    expect(mqtt).toBeDefined();
    expect(names(mqtt!, 'receive')).toEqual(['SensorReading']);
  });

  /** A connected client that records the name of everything the server emits to it, acknowledging batches. */
  async function connect(ns: SocketNamespace, auth: Record<string, unknown>) {
    const seen = new Set<string>();
    const socket: Socket = io(server.url + ns, {
      auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
      transports: ['websocket'],
      forceNew: true,
    });
    const waiters: (() => void)[] = [];
    socket.onAny((event: string, ...args: unknown[]) => {
      seen.add(event);
      const done = args.at(-1);
      if (typeof done === 'function') (done as () => void)();
      for (const w of waiters) w();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const handled = () => {
      const serverSide = server.app.io.of(ns).sockets.get(socket.id!);
      return serverSide!
        .eventNames()
        .filter((e) => !['disconnect', 'disconnecting', 'error'].includes(String(e)));
    };
    const sawAll = (names: readonly string[]) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`saw only ${[...seen].join(', ')} of ${names.join(', ')}`)),
          10_000,
        );
        const check = () => {
          if (!names.every((n) => seen.has(n))) return;
          clearTimeout(timer);
          resolve();
        };
        waiters.push(check);
        check();
      });
    return { socket, seen, handled, sawAll };
  }

  const TS = Date.UTC(2021, 7, 1, 0, 30);
  const reading = (id: string) => ({
    v: 1,
    id,
    source: 'coverage-test',
    area: '794',
    tsMs: TS,
    stream: 'sensor',
    siteId: 'coverage-site',
    kind: 'water_level',
    value: 1.2,
    unit: 'm',
    lonLat: [106.41, 10.54],
  });
  const post = (events: unknown[]) =>
    fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });

  /** A set valid only far ahead: joining changes the tree, not the set in force now. */
  const futureSet = () => {
    const parsed = parseAreaSet({
      type: 'FeatureCollection',
      name: 'coverage-import',
      validFrom: '2090-01-01',
      features: [
        {
          type: 'Feature',
          properties: { code: '99', name: 'Coverage', kind: 'province', parent: null },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [106, 10.5],
                [106.1, 10.5],
                [106.1, 10.6],
                [106, 10.5],
              ],
            ],
          },
        },
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return parsed.set;
  };

  it('/live: the server handles exactly the listed client events and emits only listed ones', async () => {
    const live = await connect('/live', { operatorToken: TEST_OPERATOR_TOKEN });
    try {
      expect(live.handled().sort()).toEqual([...SOCKET_EVENTS['/live'].clientToServer].sort());
      await live.socket.emitWithAck('live:subscribe', { area: '80' });
      expect((await post([reading('live-1')])).status).toBe(200);
      await live.socket.emitWithAck('wall:control', { action: 'pause' });
      registry.add(futureSet());
      await live.sawAll(SOCKET_EVENTS['/live'].serverToClient);
      expect([...live.seen].sort()).toEqual([...SOCKET_EVENTS['/live'].serverToClient].sort());
    } finally {
      live.socket.close();
    }
  });

  it('/replay and /ingest: the server handles exactly the listed client events', async () => {
    expect((await post([reading('replay-1')])).status).toBe(200);
    const replay = await connect('/replay', {});
    const ingest = await connect('/ingest', { token: TEST_TOKEN });
    try {
      expect(replay.handled().sort()).toEqual([...SOCKET_EVENTS['/replay'].clientToServer].sort());
      expect(ingest.handled().sort()).toEqual([...SOCKET_EVENTS['/ingest'].clientToServer].sort());
      await replay.socket.emitWithAck('replay:seek', { atMs: TS - 60_000 });
      await replay.socket.emitWithAck('replay:play', { speed: 600, untilMs: TS + 60_000 });
      await replay.sawAll(SOCKET_EVENTS['/replay'].serverToClient);
      expect([...replay.seen].sort()).toEqual([...SOCKET_EVENTS['/replay'].serverToClient].sort());
      const answer = await ingest.socket.emitWithAck('ingest:batch', { events: [reading('ingest-1')] });
      expect(answer.ok).toBe(true);
      expect([...ingest.seen]).toEqual([...SOCKET_EVENTS['/ingest'].serverToClient]);
    } finally {
      replay.socket.close();
      ingest.socket.close();
    }
  });
});
