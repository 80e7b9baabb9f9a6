import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMATIC_2021, SENSOR_SITES, createAreaSetRegistry } from '../geo';
import { areaSetsDir, loadAreaSetsDir } from '../geo/area-sets-dir';
import pkg from '../package.json';
import { watchAlertRulesFile } from './alerts/alert-rules-file';
import { createApp } from './app';
import { admissionRules } from './ingest/event-admission';
import { watchImportedSets } from './areas/watch-imported-sets';
import { wallClock, type Clock } from './clock';
import { clockFromAnchor, registerLeaseMetric, type ScenarioLease } from './cluster/scenario-lease';
import { loadConfig, readAccessAnnouncement } from './config';
import { withGeneratedTokens } from './auth/generated-tokens';
import { connectScalePath } from './cluster/scale-path';
import { openStore } from './store/open-store';
import { SENSOR_HISTORY_MS, createScenario, type Scenario } from './scenario';
import { openHistory } from './sensor-history/open-history';
import { openAuthStore } from './auth/auth-store';
import { firstRunSignIn } from './auth/first-run';
import { auditRuleChange } from './auth/audit-rule-change';
import { componentLogger, createLogger, setRootLogger } from './log/logger';

async function main() {
  // The only read of the environment: one schema, every bad variable reported at once (server/config).
  const config = withGeneratedTokens(loadConfig());
  // JSON lines for a log shipper; readable lines only when a person watches the terminal.
  const logger = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY === true });
  setRootLogger(logger);
  const log = logger.child({ component: 'server' });
  // DATABASE_URL=postgres://… selects the shared PostgreSQL log, REDIS_URL the Redis adapter (docs/scaling.md).
  const opened = await openStore(config.store, config.dataDir);
  const store = opened.store;
  const scale = await connectScalePath(config, opened);
  log.info(`Event log: ${opened.describe}`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Sets installed by `npm run geo:import`; a bad file is skipped with a warning rather than stopping the server.
  const imported = loadAreaSetsDir(areaSetsDir(config.dataDir));
  for (const e of imported.errors) log.warn(`Skipping area set ${e}`);
  const areaSets = createAreaSetRegistry(imported.sets);
  watchImportedSets(areaSetsDir(config.dataDir), areaSets);
  const setNames = areaSets.list().map((s) => s.name);
  if (imported.sets.length) log.info(`Area sets: ${setNames.join(', ')}`);

  // Set once the app exists (the scenario sends through its ingest); the clock reads them on every call.
  let scenario: Scenario | null = null;
  let lease: ScenarioLease | null = null;
  const standing: Clock = { now: () => config.sim.startMs, speed: () => 0 };
  const followed = (): Clock => {
    const anchor = lease?.anchor();
    return anchor ? clockFromAnchor(anchor) : standing;
  };
  const current = (): Clock =>
    !config.sim.enabled ? wallClock() : lease && !lease.held() ? followed() : (scenario?.clock() ?? standing);
  const clock: Clock = { now: () => current().now(), speed: () => current().speed() };
  const authStore = openAuthStore(path.join(config.dataDir, 'auth.sqlite'));
  // The simulated sensor history before the log's own readings (server/sensor-history/sensor-archive.ts).
  const history = config.sim.enabled
    ? openHistory(
        config.dataDir,
        {
          seed: config.sim.seed,
          fromMs: config.sim.historyFromMs,
          toMs: config.sim.startMs - SENSOR_HISTORY_MS,
        },
        SENSOR_SITES,
      )
    : null;
  const app = await createApp({
    store,
    ...scale.appDeps,
    clock,
    areaSet: SCHEMATIC_2021,
    areaSets,
    ingestTokens: config.ingestTokens,
    security: {
      operatorTokens: config.operatorTokens,
      recoveryWindowMs: config.recoveryWindowMs,
      maxMessageBytes: config.maxMessageBytes,
      maxSocketMessageBytes: config.maxSocketMessageBytes,
      ingestRateLimit: config.ingestRateLimit,
      allowedOrigins: config.allowedOrigins,
      messageRateLimit: config.messageRateLimit,
      liveResyncMaxEvents: config.liveResyncMaxEvents,
      replaySessions: config.replaySessions,
      exportsPerPrincipal: config.exportsPerPrincipal,
    },
    batchWindowMs: config.batchWindowMs,
    snapshotPolicy: config.snapshotPolicy,
    version: pkg.version,
    staticDir: path.resolve(here, '../client'),
    webhooks: config.webhooks,
    publicApi: config.publicApi,
    alarms: config.alarms,
    authStore,
    readAccess: config.readAccess,
    admission: admissionRules(config.admission),
    sourceOrder: config.sourceOrder,
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
    sensorArchive: () => history?.archive() ?? null,
  });

  await scale.startInputs(app);

  if (config.sim.enabled) {
    const sc = createScenario({
      store,
      sim: config.sim,
      // The plan's events are built in-process from the seed (no boundary crossed): the trusted path, see appendPlanned.
      send: async (events) => void (await app.ingest.appendPlanned(events)),
      snapshot: () => app.engine.snapshot(),
      onClock: (anchor) => lease?.publish(anchor),
      ...(history ? { sensorHistory: { file: history.file, complete: history.complete } } : {}),
    });
    scenario = sc;
    // Alone, this node runs the scenario; with a shared log, only the node holding the lease does (docs/scaling.md).
    if (scale.startScenarioLease) {
      const l = scale.startScenarioLease({
        onAcquired: () => sc.start(l.anchor()),
        onLost: () => sc.stop(),
      });
      lease = l;
      registerLeaseMetric(app.metrics.registry, l);
      await l.ready;
    } else {
      await sc.start();
    }
  }

  // After the backfill, so history is folded under the rules it was recorded with.
  const stopAlertRules = watchAlertRulesFile({
    file: config.alertRulesFile,
    engine: app.engine,
    ingest: app.ingest,
    clock,
    onChanged: auditRuleChange(app.access),
  });

  app.httpServer.listen(config.port, () => {
    const port = (app.httpServer.address() as { port: number }).port;
    log.info(`Long An IOC listening on http://localhost:${port} (data in ${config.dataDir})`);
    const cursor = scenario?.cursorMs();
    if (cursor != null)
      log.info(`Simulation live from ${new Date(cursor).toISOString()}, seed ${config.sim.seed}`);
    else if (lease) log.info(`Simulation: following the node that holds the scenario lease`);
    log.info(
      `Ingest token for sources is in ${path.join(config.dataDir, 'ingest-token')} (or INGEST_TOKENS); ` +
        `operator token for /console?operatorToken=… in ${path.join(config.dataDir, 'operator-token')} (or OPERATOR_TOKENS)`,
    );
    if (config.readAccess === 'open') log.warn(readAccessAnnouncement(config.readAccess));
    else log.info(readAccessAnnouncement(config.readAccess));
    for (const line of firstRunSignIn(authStore, `http://localhost:${port}`)) log.warn(line.trim());
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: draining`);
    // Not ready from now on, so the load balancer sends new clients elsewhere; then no new inputs.
    scale.readiness.drain();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    await scale.stopInputs();
    stopAlertRules();
    await scenario?.stop();
    // Ending the lease's session releases it at once: another node takes the scenario over on its next try.
    await lease?.close();
    // Flush the log: an empty ingest queues behind every append in flight, so all acknowledged events are durable.
    await app.ingest.ingest([]);
    await app.close();
    await store.close();
    authStore.close();
    history?.close();
    await scale.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  // Before the configured logger exists (a bad configuration) this is the default root logger: still JSON.
  componentLogger('server').fatal(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
