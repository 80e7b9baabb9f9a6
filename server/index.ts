import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SingleBar, Presets } from 'cli-progress';
import { DATA_STREAMS, type IocEvent } from '../protocol';
import { SCHEMATIC_2021, SENSOR_SITES, createAreaSetRegistry } from '../geo';
import { areaSetsDir, loadAreaSetsDir } from '../geo/area-sets-dir';
import { createSimulation } from '../simulators/plan';
import { backfill, runLive, type LiveRunner } from '../simulators/runner';
import pkg from '../package.json';
import { watchAlertRulesFile } from './alerts/alert-rules-file';
import { createApp } from './app';
import { scenarioClock, wallClock, type Clock } from './clock';
import { loadConfig } from './config';
import { publicOptionsFromEnv } from './public/public-config';
import { webhookConfigFromEnv } from './public/webhook-config';
import { connectScalePath } from './cluster/scale-path';
import { openStore } from './store/open-store';

/** Sensor readings are backfilled only for the hours before the scenario starts: years of them would be ~10⁹. */
const SENSOR_HISTORY_MS = 6 * 3600_000;

async function main() {
  const config = loadConfig();
  // DATABASE_URL=postgres://… selects the shared PostgreSQL log, REDIS_URL the Redis adapter (docs/scaling.md).
  const opened = await openStore(process.env, config.dataDir);
  const store = opened.store;
  const scale = await connectScalePath(process.env, opened);
  console.log(`Event log: ${opened.describe}`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Sets installed by `npm run geo:import`; a bad file is skipped with a warning rather than stopping the server.
  const imported = loadAreaSetsDir(areaSetsDir(config.dataDir));
  for (const e of imported.errors) console.warn(`Skipping area set ${e}`);
  const areaSets = createAreaSetRegistry(imported.sets);
  const setNames = areaSets.list().map((s) => s.name);
  if (imported.sets.length) console.log(`Area sets: ${setNames.join(', ')}`);

  // The scenario clock starts only once history is in place; until then it stands at the scenario start.
  let clock: Clock = config.sim.enabled ? { now: () => config.sim.startMs, speed: () => 0 } : wallClock();
  const app = await createApp({
    store,
    ...scale.appDeps,
    clock: { now: () => clock.now(), speed: () => clock.speed() },
    areaSet: SCHEMATIC_2021,
    areaSets,
    ingestTokens: config.ingestTokens,
    security: {
      operatorTokens: config.operatorTokens,
      recoveryWindowMs: config.recoveryWindowMs,
      maxMessageBytes: config.maxMessageBytes,
      ingestRateLimit: config.ingestRateLimit,
      allowedOrigins: config.allowedOrigins,
    },
    batchWindowMs: config.batchWindowMs,
    version: pkg.version,
    staticDir: path.resolve(here, '../client'),
    webhooks: webhookConfigFromEnv(process.env),
    publicApi: publicOptionsFromEnv(process.env),
  });

  await scale.startInputs(app);

  let runner: LiveRunner | null = null;
  if (config.sim.enabled) {
    const { seed, startMs, speed, historyFromMs } = config.sim;
    const sim = createSimulation({
      seed,
      sites: SENSOR_SITES,
      sensorHistoryFromMs: startMs - SENSOR_HISTORY_MS,
      historyFromMs,
    });
    // The plan's events are built in-process from the seed (no boundary crossed): the trusted path, see appendPlanned.
    const send = async (events: IocEvent[]) => void (await app.ingest.appendPlanned(events));
    const lastTs = Math.max(
      0,
      ...(await Promise.all(DATA_STREAMS.map((s) => store.lastEventTsMs(s)))).map((t) => t ?? 0),
    );
    // The plan is a pure function of the seed, so resuming re-sends at most one chunk, which dedupe absorbs.
    const resumeMs = Math.max(historyFromMs, lastTs);
    if (resumeMs < startMs) {
      console.log(
        `Backfilling history ${new Date(resumeMs).toISOString()} → ${new Date(startMs).toISOString()}`,
      );
      const bar = new SingleBar(
        {
          format: 'Backfill {bar} {percentage}% | {events} events | {eta_formatted} left',
          etaBuffer: 50,
          // Without a terminal (CI, a service manager) print a line every few seconds instead of redrawing.
          noTTYOutput: true,
          notTTYSchedule: 5000,
        },
        Presets.shades_classic,
      );
      const t0 = Date.now();
      bar.start(1, 0, { events: 0 });
      const n = await backfill(sim, resumeMs, startMs, send, (done, events) => bar.update(done, { events }));
      bar.stop();
      await app.engine.snapshot();
      console.log(
        `Backfilled ${n.toLocaleString('en')} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const liveFrom = Math.max(startMs, lastTs);
    clock = scenarioClock(liveFrom, speed);
    runner = runLive(sim, clock.now, liveFrom, send);
  }

  // After the backfill, so history is folded under the rules it was recorded with.
  const stopAlertRules = watchAlertRulesFile({
    file: process.env.ALERT_RULES ?? path.join(config.dataDir, 'alert-rules.json'),
    engine: app.engine,
    ingest: app.ingest,
    clock: { now: () => clock.now(), speed: () => clock.speed() },
  });

  app.httpServer.listen(config.port, () => {
    const port = (app.httpServer.address() as { port: number }).port;
    console.log(`Long An IOC listening on http://localhost:${port} (data in ${config.dataDir})`);
    if (runner)
      console.log(
        `Simulation live from ${new Date(runner.cursorMs()).toISOString()}, seed ${config.sim.seed}`,
      );
    console.log(
      `Ingest token for sources is in ${path.join(config.dataDir, 'ingest-token')} (or INGEST_TOKENS); ` +
        `operator token for /console?operatorToken=… in ${path.join(config.dataDir, 'operator-token')} (or OPERATOR_TOKENS)`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining`);
    // Not ready from now on, so the load balancer sends new clients elsewhere; then no new inputs.
    scale.readiness.drain();
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.SHUTDOWN_DRAIN_MS ?? 0)));
    await scale.stopInputs();
    stopAlertRules();
    await runner?.stop();
    // Flush the log: an empty ingest queues behind every append in flight, so all acknowledged events are durable.
    await app.ingest.ingest([]);
    await app.close();
    await store.close();
    await scale.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
