import { SingleBar, Presets } from 'cli-progress';
import type { DataStreamName, IocEvent } from '../protocol';
import { SENSOR_SITES } from '../geo';
import { COVID_SOURCE } from '../simulators/covid.simulator';
import { DOSSIER_SOURCE } from '../simulators/dossier.simulator';
import { createSimulation, type Simulation } from '../simulators/plan';
import { backfill, runLive, type LiveRunner } from '../simulators/runner';
import { SENSOR_SOURCE } from '../simulators/sensor.simulator';
import { runHistoryBackfill } from './sensor-history/run-history-backfill';
import type { Clock } from './clock';
import { clockFromAnchor, type ClockAnchor } from './cluster/scenario-lease';
import type { Config } from './config';
import type { EventStore } from './store/event-store';
import { componentLogger } from './log/logger';

/**
 * Sensor readings are logged only for the hours before the scenario starts (years of them would be ~10⁹); the
 * sensor history (server/sensor-history) covers the records before.
 */
export const SENSOR_HISTORY_MS = 6 * 3600_000;
/**
 * A node that takes the scenario over keeps the cluster's running clock when the log is at most this much real
 * time behind it (the previous holder just died): viewers see no jump back, and the first tick sends the missed
 * stretch. Further behind (the whole cluster was down), the clock restarts where the log stands, as one node does.
 */
const MAX_CATCH_UP_REAL_MS = 30_000;
/** After a failed append the run stops and starts again from the log after this long. */
const RETRY_MS = 2000;

/** Each stream's simulator source: only its own events tell where the plan stands. */
const PLAN_SOURCES: readonly (readonly [DataStreamName, string])[] = [
  ['dossier', DOSSIER_SOURCE],
  ['covid', COVID_SOURCE],
  ['sensor', SENSOR_SOURCE],
];

/**
 * The last scenario instant the log holds of the plan. Events of other sources (real sensors stamped with
 * today's time) must not move it, or a resumed scenario would skip ahead.
 */
export async function planResumeMs(store: EventStore): Promise<number> {
  const last = await Promise.all(PLAN_SOURCES.map(([stream, source]) => store.lastEventTsMs(stream, source)));
  return Math.max(0, ...last.map((t) => t ?? 0));
}

export interface ScenarioDeps {
  store: EventStore;
  sim: Config['sim'];
  /** Appends the plan's events (built in-process from the seed: the trusted path). */
  send: (events: IocEvent[]) => Promise<void>;
  /** Stores a snapshot once the backfilled history is in. */
  snapshot: () => Promise<void>;
  /** Told of every clock the scenario runs on: standing at the start during the backfill, then running. */
  onClock?: (anchor: Omit<ClockAnchor, 'holder'>) => Promise<void> | void;
  /** The sensor history file, written (in a worker, beside the event backfill) when it is not complete. */
  sensorHistory?: { file: string; complete: () => boolean };
}

export interface Scenario {
  /** The scenario clock: standing at the scenario start until history is in place. */
  clock(): Clock;
  /**
   * Backfills what the log lacks of the plan's history, then sends the plan live. The plan is a pure function
   * of the seed, so resuming where the log stands re-sends at most the last instant, which dedupe absorbs.
   * `running` is the cluster's clock as the previous holder published it, kept when the log is close behind.
   */
  start(running?: ClockAnchor | null): Promise<void>;
  /** Scenario instant up to which the live plan has been sent; null before live. */
  cursorMs(): number | null;
  /** Stops sending (a backfill in progress stops at its next chunk) and waits for the append in flight. */
  stop(): Promise<void>;
}

class Stopped extends Error {}

export function createScenario(deps: ScenarioDeps): Scenario {
  const { seed, startMs, speed, historyFromMs } = deps.sim;
  const sim = createSimulation({
    seed,
    sites: SENSOR_SITES,
    sensorHistoryFromMs: startMs - SENSOR_HISTORY_MS,
    historyFromMs,
  });
  let anchor: Omit<ClockAnchor, 'holder'> = { scenarioMs: startMs, realMs: Date.now(), speed: 0 };
  let runner: LiveRunner | null = null;
  // Bumped by every stop and start: a send of an older run is refused, so two runs never interleave.
  let generation = 0;

  const setAnchor = async (next: Omit<ClockAnchor, 'holder'>) => {
    anchor = next;
    await deps.onClock?.(next);
  };

  const start = async (running?: ClockAnchor | null): Promise<void> => {
    const gen = ++generation;
    const current = () => gen === generation;
    const send = async (events: IocEvent[]) => {
      if (!current()) throw new Stopped();
      await deps.send(events);
    };
    try {
      const resumeMs = Math.max(historyFromMs, await planResumeMs(deps.store));
      // Beside the event backfill, on the other core; live does not wait for it (the archive answers once done).
      const history = deps.sensorHistory;
      if (history && !history.complete()) {
        const t0 = Date.now();
        void runHistoryBackfill(history.file, {
          seed,
          sites: SENSOR_SITES,
          fromMs: historyFromMs,
          toMs: startMs - SENSOR_HISTORY_MS,
        }).then(
          () =>
            componentLogger('sensor-history').info(
              { seconds: (Date.now() - t0) / 1000 },
              'sensor history written',
            ),
          (err) => componentLogger('sensor-history').error({ err }, 'sensor history backfill failed'),
        );
      }
      if (resumeMs < startMs) {
        await setAnchor({ scenarioMs: startMs, realMs: Date.now(), speed: 0 });
        await backfillWithProgress(sim, resumeMs, startMs, send);
        await deps.snapshot();
      }
      if (!current()) return;
      const fromMs = Math.max(startMs, resumeMs);
      const behindMs = running ? clockFromAnchor(running).now() - fromMs : Infinity;
      const keep = running && running.speed > 0 && behindMs <= MAX_CATCH_UP_REAL_MS * running.speed;
      await setAnchor(keep ? running : { scenarioMs: fromMs, realMs: Date.now(), speed });
      if (!current()) return;
      const clock = clockFromAnchor({ ...anchor, holder: '' });
      runner = runLive(sim, clock.now, fromMs, async (events) => {
        if (!current()) return;
        try {
          await deps.send(events);
        } catch (err) {
          // The runner has moved past these events: resume from the log rather than leave a hole in the plan.
          componentLogger('scenario').error({ err }, 'scenario: append failed, resuming from the log');
          if (!current()) return;
          const failed = runner;
          generation++;
          void failed?.stop().catch(() => undefined);
          const retry = generation;
          setTimeout(() => {
            if (retry === generation) void start({ ...anchor, holder: '' });
          }, RETRY_MS).unref();
        }
      });
    } catch (err) {
      if (!(err instanceof Stopped)) throw err;
    }
  };

  return {
    clock: () => clockFromAnchor({ ...anchor, holder: '' }),
    start,
    cursorMs: () => runner?.cursorMs() ?? null,
    async stop() {
      generation++;
      const r = runner;
      runner = null;
      await r?.stop();
    },
  };
}

async function backfillWithProgress(
  sim: Simulation,
  fromMs: number,
  toMs: number,
  send: (events: IocEvent[]) => Promise<void>,
): Promise<void> {
  componentLogger('scenario').info(
    `Backfilling history ${new Date(fromMs).toISOString()} → ${new Date(toMs).toISOString()}`,
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
  const n = await backfill(sim, fromMs, toMs, send, (done, events) => bar.update(done, { events })).finally(
    () => bar.stop(),
  );
  componentLogger('scenario').info(
    `Backfilled ${n.toLocaleString('en')} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}
