import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Server } from 'socket.io';
import type {
  AreaFeatureCollection,
  DashboardState,
  IngestClientToServer,
  IngestServerToClient,
} from '../protocol';
import { covidReconciliation } from '../protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AreaInfo } from '../geo/areas';
import type { AreaSetRegistry } from '../geo/area-sets';
import { SENSOR_SITES } from '../geo';
import { createAreaCatalog } from './areas/area-catalog';
import { createSiteAreas } from './areas/site-areas';
import type { Clock } from './clock';
import { createStateEngine, type SnapshotPolicy, type StateEngine } from './engine/state-engine';
import { canonicalPath } from './http/canonical-path';
import { guardedRouter, noSuchRoute } from './http/guarded-router';
import { bodyRefusal } from './http/body-refusal';
import { HttpError } from './http/http-error';
import { apiRoutes } from './http/api-routes';
import { reviewRoutes } from './http/review-routes';
import { docsRoutes } from './docs/docs-routes';
import { openDataRoutes } from './open-data/open-data-routes';
import { ingestHttpRoutes } from './ingest/ingest-http';
import { setupIngestNamespace } from './ingest/ingest-namespace';
import { createIngestService, type IngestService } from './ingest/ingest-service';
import { createValidationPool } from './ingest/validation-pool';
import { admissionRules, foldBoundsAt, timeBoundsAt, type AdmissionRules } from './ingest/event-admission';
import { createFanOut } from './live/fan-out';
import { setupLiveNamespace, type LiveNamespace } from './live/live-namespace';
import { DEFAULT_ALARM_OPTIONS, type AlarmOptions } from './alarms/alarm-options';
import { alarmRoutes } from './alarms/alarm-routes';
import { createPublicSurface, type PublicOptions } from './public/public-surface';
import type { WebhookConfig } from './public/webhook-config';
import { createReplay, type Replay } from './replay';
import type { ReplayNamespace } from './replay/replay-namespace';
import type { EventStore } from './store/event-store';
import { createLogTail, type AppendFeed } from './cluster/log-tail';
import { metricsRoutes } from './http/metrics-routes';
import { createReadiness, type Readiness } from './http/readiness';
import { createMetrics, type IocMetrics } from './metrics/ioc-metrics';
import type { ServerOptions } from 'socket.io';
import { securityHeaders } from './security/http-headers';
import type { OperatorGuard } from './security/operator-guard';
import { DEFAULT_SECURITY, type SecurityOptions } from './security/options';
import { originAllowed } from './security/origin';
import { createAccess, type Access } from './auth/access';
import { AUDITED_EXPORTS, judge, type ReadAccess } from './auth/access-policy';
import { adminRoutes } from './auth/admin-routes';
import { authRoutes } from './auth/auth-routes';
import { openAuthStore, type AuthStore } from './auth/auth-store';
import { ingestTokenCheck } from './auth/ingest-tokens';
import { ipKey, type RateLimitOptions } from './security/rate-limit';
import { createMessageLimiter, type LimiterRedis } from './security/message-limiter';
import type { MessageGuard } from './security/message-guard';
import { exportSlots } from './http/export-slots';
import { requestLog, requestLogger } from './http/request-log';
import { componentLogger, type Logger } from './log/logger';
import { latchHistory } from './sensor-history/latch';
import type { SensorArchive } from './sensor-history/sensor-archive';

export interface AppDeps {
  store: EventStore;
  clock: Clock;
  areaSet: { collection: AreaFeatureCollection; areas: readonly AreaInfo[] };
  /**
   * Dated area sets. When given, `GET /api/areas?at=` answers the set in force at that instant (default: the
   * clock's now), and codes of every set are known and roll up; `areaSet` is then unused. Without it the app
   * serves `areaSet` at every instant, as before.
   */
  areaSets?: AreaSetRegistry;
  ingestTokens: readonly string[];
  /** Operator tokens, recovery window, message size, ingest rate limits, origins; defaults when omitted. */
  security?: Partial<SecurityOptions>;
  /** Longest shelving and out-of-service, who may edit rules; DEFAULT_ALARM_OPTIONS when omitted. */
  alarms?: Partial<AlarmOptions>;
  batchWindowMs: number;
  /**
   * Reading-only sites in a room's window from which they go as a binary attachment (BINARY_SITE_PATCH_MIN by
   * default); tests lower it so a few sites take the binary path.
   */
  binarySitesMin?: number;
  version: string;
  /** When the engine stores snapshots (what a replay seek folds at most); default DEFAULT_SNAPSHOT_POLICY. */
  snapshotPolicy?: SnapshotPolicy;
  /** Built SPA to serve; omitted in tests that need only the API. */
  staticDir?: string;
  /** Socket.IO adapter shared by several nodes (the Redis Streams adapter, `REDIS_URL`); in-memory when omitted. */
  adapter?: ServerOptions['adapter'];
  /** Where the `/live` and `/replay` message limits count (`REDIS_URL`'s client); this process's memory when omitted. */
  rateLimitRedis?: LimiterRedis;
  /** A log shared with other nodes (PostgreSQL): this node then delivers every node's events, in seq order. */
  sharedLog?: AppendFeed | null;
  /** What `GET /api/ready` consults; the caller keeps it to report draining. The store is checked in any case. */
  readiness?: Readiness;
  /** Where public announcements are posted (`WEBHOOK_URLS`); none when omitted. */
  webhooks?: WebhookConfig | null;
  /** Cache period, lookup rate limit and QR origin of `/api/public`. */
  publicApi?: PublicOptions;
  /** Users, sessions, tokens and audit (`$DATA_DIR/auth.sqlite`); an empty in-memory store when omitted. */
  authStore?: AuthStore;
  /** Whether the outside contract's reads need a session (`READ_ACCESS`); `signed-in` when omitted. */
  readAccess?: ReadAccess;
  /** Sign-in attempts per user name (per IP: five times as many); 10 per 15 minutes when omitted. */
  loginRateLimit?: RateLimitOptions;
  /** Express's `trust proxy` (`TRUST_PROXY`): lets `req.ip` and `req.secure` follow the proxy's headers. */
  trustProxy?: string | number | boolean;
  /** Event time, sensor sites and official COVID sources taken in; `admissionRules()` (the defaults) when omitted. */
  admission?: AdmissionRules;
  /** Where the HTTP layer logs (each request's lines carry its `reqId`); the root logger's `http` child when omitted. */
  logger?: Logger;
  /**
   * Which source's daily report counts when several report one (area, day), strongest first (`SOURCE_ORDER`;
   * `protocol/state/daily-reports.ts`). Default: any real source before the simulators.
   */
  sourceOrder?: readonly string[];
  /**
   * The sensor history before the log's own readings (server/sensor-history), read at each use: null until the
   * history backfill has written it, and when there is none (SIM=off, tests).
   */
  sensorArchive?: () => SensorArchive | null;
  /**
   * Worker threads for the schema checks of ingest batches (server/ingest/validation-pool.ts); 0 or omitted:
   * checked in this thread.
   */
  ingestValidationWorkers?: number;
}

export interface App {
  /** Prometheus counters of this node (`GET /metrics`). */
  metrics: IocMetrics;
  httpServer: HttpServer;
  /** The Express app behind `httpServer`, so a test can list the routes it registers. */
  web: Express;
  io: Server;
  ingest: IngestService;
  engine: StateEngine;
  /** Checks the operator right: `operatorGuard.http` for routes, `operatorGuard.socket(socket)` in handlers. */
  operatorGuard: OperatorGuard;
  /** Who the caller is and what they may do (server/auth/access-policy.ts), plus the audit log. */
  access: Access;
  authStore: AuthStore;
  replay: Replay;
  /** Stops timers and sockets, flushes the last batch, snapshots, and closes the HTTP server (not the store). */
  close(): Promise<void>;
}

/** Sign-in attempts per user name; an office behind one address gets five times as many per IP. */
const LOGIN_LIMIT: RateLimitOptions = { windowMs: 15 * 60_000, limit: 10 };

/** Builds the whole server from its parts without listening, so tests can run it on port 0. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { store, clock } = deps;
  const startedAtMs = Date.now();
  const registry = deps.areaSets;
  // Read from the registry at each use, so a set imported while running is in every list at once.
  const catalog = createAreaCatalog(registry, deps.areaSet.areas);
  const { rollup, isKnownArea, areasWithin } = catalog;

  const admission = deps.admission ?? admissionRules();
  const foldBounds = () => foldBoundsAt(admission, clock.now(), Date.now());
  const engine = await createStateEngine(store, rollup, deps.snapshotPolicy, foldBounds, deps.sourceOrder);
  const archive = () => deps.sensorArchive?.() ?? null;
  // A past instant's state with every site's last reading, also before the log's own readings (latching).
  const latch = (state: DashboardState, atMs: number) => latchHistory(archive(), SENSOR_SITES, state, atMs);
  const stateAt = async (atMs: number) => latch(await engine.stateAt(atMs), atMs);
  const setAt = (atMs: number) => (registry ? registry.setAt(atMs) : deps.areaSet);
  const siteAreas = createSiteAreas(setAt, SENSOR_SITES, clock);
  const security: SecurityOptions = { ...DEFAULT_SECURITY, ...deps.security };
  const authStore = deps.authStore ?? openAuthStore(':memory:');
  const access = createAccess({
    store: authStore,
    operatorTokens: security.operatorTokens,
    readAccess: deps.readAccess ?? 'signed-in',
    allowedOrigins: security.allowedOrigins,
  });
  const operatorGuard: OperatorGuard = {
    http: access.require('operate'),
    socket: (socket) => access.socketMay(socket, '/live', 'alert:ack'),
  };
  // Operators' names and comments go to holders of the operate right only (server/security/ops-redaction.ts).
  const requestSeesOpsDetails = (req: Request) =>
    judge('operate', access.principalOfRequest(req), access.readAccess) === 'allow';
  const checkIngestToken = ingestTokenCheck(deps.ingestTokens, authStore);
  const publicSurface = createPublicSurface({
    store,
    clock,
    state: () => engine.state,
    rollup,
    areasAt: (atMs) => (registry ? registry.setAt(atMs).collection : deps.areaSet.collection),
    webhooks: deps.webhooks ?? null,
    ...(deps.publicApi ? { options: deps.publicApi } : {}),
    guard: access.guard,
  });
  const web = express();
  const httpLog = deps.logger ?? componentLogger('http');
  web.use(requestLog(httpLog));
  web.disable('x-powered-by');
  if (deps.trustProxy !== undefined) web.set('trust proxy', deps.trustProxy);
  web.use(securityHeaders());
  // Deny by default: every route below is declared with the right it needs (server/http/guarded-router.ts),
  // whose guard is the route's first handler; what no route takes is refused (`noSuchRoute`, at the end).
  web.use(canonicalPath);
  // Express would answer it itself from the routes it finds, no guard in between; no route here takes one.
  web.use((req, res, next) => (req.method === 'OPTIONS' ? noSuchRoute(req, res, next) : next()));
  web.use(
    '/api/auth',
    authRoutes({ store: authStore, access, loginRateLimit: deps.loginRateLimit ?? LOGIN_LIMIT }),
  );
  web.use(
    '/api/admin',
    adminRoutes({ store: authStore, access, onTokenRevoked: () => dropRevokedSockets() }),
  );
  // Who a download is charged to: the signed-in principal, or the caller's address.
  const requester = (req: Request) => {
    const p = access.principalOfRequest(req);
    return p ? `principal:${p.name}` : ipKey(req.ip);
  };
  // Exports of the log are audited: who took which range. The same right as the exports' own routes.
  const audited = guardedRouter(access.guard);
  web.use(audited.router);
  audited.get(
    AUDITED_EXPORTS,
    'read',
    (req, res, next) => {
      // Read now: routers below rewrite req.path relative to where they are mounted.
      const query = new URLSearchParams(req.query as Record<string, string>).toString();
      const target = `${req.path}?${query}`.slice(0, 240);
      res.once('finish', () => {
        if (res.statusCode !== 200) return;
        access.audit({
          // Reads may be open to anonymous callers (`READ_ACCESS=open`).
          actor: access.principalOfRequest(req)?.name ?? 'anonymous',
          action: 'export',
          target,
          ip: req.ip ?? null,
        });
      });
      next();
    },
    // At most a few downloads at once per caller: each one holds a read of the log.
    exportSlots(security.exportsPerPrincipal, requester),
  );
  const httpServer = createServer(web);
  const io = new Server(httpServer, {
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    maxHttpBufferSize: security.maxSocketMessageBytes,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, originAllowed(req, security.allowedOrigins)),
    // skipMiddlewares false: a recovered connection passes the handshake checks (token, version) again.
    connectionStateRecovery: { maxDisconnectionDuration: security.recoveryWindowMs, skipMiddlewares: false },
  });

  const principalKey = (socket: Socket) => {
    const p = access.principalOf(socket);
    return p ? `principal:${p.name}` : ipKey(socket.handshake.address);
  };
  const guardOf = (nsp: string): MessageGuard => ({
    limiter: createMessageLimiter(nsp, security.messageRateLimit, deps.rateLimitRedis),
    principalKey,
  });
  const live = io.of('/live') as LiveNamespace;
  live.use(access.socketGuard('/live'));
  io.of('/replay').use(access.socketGuard('/replay'));
  // Scale path (docs/scaling.md): the shared log's tail, this node's metrics and readiness.
  const tail = createLogTail(store, deps.sharedLog, engine.state.seq);
  const metrics = createMetrics({ io, store, deliveredSeq: tail.head });
  const readiness = deps.readiness ?? createReadiness();
  readiness.add(() => store.lastSeq().then(() => null), 'event store');
  const fanOut = createFanOut(
    live,
    rollup,
    deps.batchWindowMs,
    engine.state.seq,
    metrics.batchSent,
    () => engine.state,
    deps.binarySitesMin,
  );
  const validation = deps.ingestValidationWorkers
    ? createValidationPool({ size: deps.ingestValidationWorkers })
    : undefined;
  await validation?.warm();
  const ingest = metrics.instrumentIngest(
    createIngestService({
      validation,
      store,
      rollup,
      isKnownArea,
      rules: admission,
      timeBounds: () => timeBoundsAt(admission, clock.now()),
      reports: () => engine.state.reports,
      reportsSeq: () => engine.state.seq,
      onAccepted: tail.through((events) => {
        engine.apply(events);
        fanOut.push(events);
        publicSurface.onAccepted(events);
      }, metrics.accepted),
    }),
  );
  const alarmOptions: AlarmOptions = { ...DEFAULT_ALARM_OPTIONS, ...deps.alarms };
  const stopClock = setupLiveNamespace(live, {
    alarms: alarmOptions,
    engine,
    store,
    clock,
    rollup,
    isKnownArea,
    areas: catalog,
    ingest,
    may: (socket, event) => access.socketMay(socket, '/live', event),
    seesOpsDetails: operatorGuard.socket,
    guard: guardOf('live'),
    resyncMaxEvents: security.liveResyncMaxEvents,
    patchBase: fanOut.patchedState,
    audit: (socket, action, target) =>
      access.audit({
        actor: access.principalOf(socket)?.name ?? 'unknown',
        action,
        target,
        ip: socket.handshake.address,
      }),
  });
  const ingestNsp = io.of('/ingest') as Namespace<IngestClientToServer, IngestServerToClient>;
  const closeIngest = setupIngestNamespace(ingestNsp, ingest, {
    checkToken: checkIngestToken,
    rateLimit: security.ingestRateLimit,
  });
  // A revoked token's open sockets are closed at once (their next message would be refused anyway).
  const dropRevokedSockets = () => {
    for (const socket of ingestNsp.sockets.values())
      if (!checkIngestToken((socket.handshake.auth as { token: string }).token)) socket.disconnect(true);
    for (const nsp of ['/live', '/replay'] as const)
      for (const socket of io.of(nsp).sockets.values())
        if (!access.socketMay(socket, nsp, 'connect')) socket.disconnect(true);
  };
  web.use(
    '/api',
    ingestHttpRoutes(ingest, {
      checkToken: checkIngestToken,
      rateLimit: security.ingestRateLimit,
      maxBodyBytes: security.maxMessageBytes,
      guard: access.guard,
    }),
  );

  web.use('/api', publicSurface.router);
  web.use(metricsRoutes({ metrics, readiness, guard: access.guard }));
  web.use(
    '/api',
    reviewRoutes({
      store,
      clock,
      isKnownArea,
      areasWithin,
      districts: catalog.districts,
      covidReconciliation: (area, days) => covidReconciliation(engine.state, area, rollup, days),
      guard: access.guard,
    }),
  );
  // Mounted before the SPA, whose catch-all would otherwise answer /docs.
  const docs = docsRoutes(deps.version, access.guard);
  // A getter: the datasets list the districts of the sets known when asked, not those known at start.
  const openData = {
    store,
    sensorArchive: archive,
    get districts() {
      return catalog.districts();
    },
  };
  web.use('/api', docs.api, openDataRoutes(openData, access.guard));
  web.use(docs.page);
  const replay = createReplay(io.of('/replay') as ReplayNamespace, {
    store,
    rollup,
    areaTree: catalog.tree,
    stateAt,
    latch,
    areasWithin,
    guard: access.guard,
    messageGuard: guardOf('replay'),
    sessionLimits: security.replaySessions,
    seesOpsDetails: { socket: operatorGuard.socket, request: requestSeesOpsDetails },
    foldBounds,
  });
  web.use('/api/replay', replay.router);
  web.use(
    '/api',
    apiRoutes({
      store,
      engine,
      stateAt,
      sensorArchive: archive,
      ingest,
      clock,
      rollup,
      isKnownArea,
      areasWithin,
      areas: (atMs) => (registry ? registry.setAt(atMs).collection : deps.areaSet.collection),
      siteAreas: siteAreas.body,
      areaSets: () =>
        registry?.list() ?? [
          {
            name: deps.areaSet.collection.name ?? 'areas',
            validFrom: deps.areaSet.collection.validFrom ?? null,
            validTo: deps.areaSet.collection.validTo ?? null,
            origin: 'built-in',
            schematic: deps.areaSet.collection.features.every((f) => f.properties.schematic === true),
            features: deps.areaSet.collection.features.length,
          },
        ],
      ingestTokens: deps.ingestTokens,
      version: deps.version,
      startedAtMs,
      guard: access.guard,
      seesOpsDetails: requestSeesOpsDetails,
    }),
  );
  web.use(
    '/api/alarms',
    alarmRoutes({ engine, ingest, clock, rollup, isKnownArea, access, options: alarmOptions }),
  );
  web.use(['/api', '/metrics'], noSuchRoute);
  if (deps.staticDir && existsSync(deps.staticDir)) {
    const staticDir = deps.staticDir;
    web.use(express.static(staticDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/wall, /kpi, /replay …) all load the same page; the login page must load. `/public`
    // has a page of its own, rendered with Preact for phones (vite.public.config.ts); a build without it
    // still shows `/public` through the SPA.
    const publicPage = existsSync(path.join(staticDir, 'public.html')) ? 'public.html' : 'index.html';
    const spa = guardedRouter(access.guard);
    spa.get(/^\/(?!api\/|socket\.io\/).*/, 'anyone', (req, res) =>
      res.sendFile(path.join(staticDir, /^\/public\/*$/.test(req.path) ? publicPage : 'index.html')),
    );
    web.use(spa.router);
  }
  web.use(noSuchRoute);
  web.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) return void res.status(err.status).json(err.body());
    const refused = bodyRefusal(err);
    if (refused) return void res.status(refused.status).json(refused.body());
    requestLogger(res, httpLog).error(
      { err, method: req.method, path: req.originalUrl.split('?')[0] },
      'request failed',
    );
    res.status(500).json({ error: 'internal' });
  });

  return {
    httpServer,
    web,
    io,
    ingest,
    engine,
    metrics,
    operatorGuard,
    access,
    authStore,
    replay,
    async close() {
      stopClock();
      siteAreas.stop();
      replay.close();
      publicSurface.close();
      closeIngest();
      fanOut.flush();
      fanOut.close();
      tail.close();
      await engine.snapshot();
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // A download still streaming (a stalled export, say) would hold the close for ever: a stopping node cuts it,
      // and the client sees fewer lines than the total it was announced.
      httpServer.closeAllConnections();
      await closed;
      // After the sockets: a batch still being checked then is checked in this thread, and appended.
      await validation?.close();
      if (!deps.authStore) authStore.close();
    },
  };
}
