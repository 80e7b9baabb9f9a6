import { createHash } from 'node:crypto';
import pg from 'pg';
import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../clock';
import { quoteIdent } from '../store/postgres-migrations';
import { componentLogger, type Logger } from '../log/logger';

/** The cluster's scenario clock: scenario instant `scenarioMs` at real instant `realMs`, running `speed`×. */
export interface ClockAnchor {
  scenarioMs: number;
  realMs: number;
  speed: number;
  /** Which node published it (for logs and operators). */
  holder: string;
}

/** The clock an anchor describes; every node computes the same instant from it (clocks kept by NTP). */
export function clockFromAnchor(anchor: ClockAnchor, realNow: () => number = Date.now): Clock {
  return {
    now: () => anchor.scenarioMs + (realNow() - anchor.realMs) * anchor.speed,
    speed: () => anchor.speed,
  };
}

export interface ScenarioLeaseOptions {
  url: string;
  schema: string;
  /** This node's name in the published clock and in logs. */
  holder: string;
  /** How often a node that does not hold the lease tries to take it (and re-reads the clock). */
  pollMs?: number;
  /** This node took the lease: start the simulator. Awaited; `anchor()` is fresh when it is called. */
  onAcquired(): Promise<void>;
  /** This node lost the lease (its PostgreSQL session ended): stop the simulator at once. */
  onLost(): Promise<void>;
  /** The root logger's `scenario-lease` child when omitted. */
  logger?: Logger;
}

export interface ScenarioLease {
  /** Settles once the first attempt is over (and, if the lease was taken, `onAcquired` has finished). */
  ready: Promise<void>;
  held(): boolean;
  /** The clock last published by the holder, as this node last read (or published) it; null before any. */
  anchor(): ClockAnchor | null;
  /** The holder publishes the clock it runs the scenario on; the other nodes read it. */
  publish(anchor: Omit<ClockAnchor, 'holder'>): Promise<void>;
  /** Stops trying and ends the session, which releases the lease at once: a clean shutdown hands it over. */
  close(): Promise<void>;
}

export const DEFAULT_LEASE_POLL_MS = 1000;
/** A session that does not answer a query in this long is treated as lost (a half-open connection). */
const QUERY_TIMEOUT_MS = 5000;
/**
 * The server side of the session notices a silent peer within about idle + interval × count seconds and ends
 * the session, which frees the lock; a process killed outright closes its socket and frees it at once.
 */
const SERVER_KEEPALIVE = '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3';
/** First key of the two-key advisory lock space (distinct from the one-key space the migrations lock uses). */
const LEASE_CLASS = 8042021;

/** The lock's second key: one lease per schema, so test runs and clusters sharing a database do not meet. */
export function leaseKey(schema: string): [number, number] {
  return [LEASE_CLASS, createHash('sha256').update(`scenario:${schema}`).digest().readInt32BE(0)];
}

/**
 * The right to run the scenario (simulator and clock) in a cluster: a PostgreSQL session-level advisory lock,
 * held by one node's dedicated session. The others try to take it every `pollMs`; when the holder dies its
 * session ends and the next try of another node succeeds. Why PostgreSQL rather than a Redis key with a TTL
 * (docs/scaling.md): the lease guards writes to the log, so it lives where the log lives (a node cut off from
 * PostgreSQL can neither write nor keep the lease), it is freed the moment the holder's session ends rather
 * than after a TTL, there is nothing to renew, and it works with `DATABASE_URL` alone.
 */
export function startScenarioLease(opts: ScenarioLeaseOptions): ScenarioLease {
  const pollMs = opts.pollMs ?? DEFAULT_LEASE_POLL_MS;
  const log = opts.logger ?? componentLogger('scenario-lease');
  const key = leaseKey(opts.schema);
  const table = `${quoteIdent(opts.schema)}.scenario_clock`;
  let client: pg.Client | null = null;
  let held = false;
  let stopped = false;
  let latest: ClockAnchor | null = null;
  let wake: (() => void) | null = null;

  const lose = (c: pg.Client, err?: unknown) => {
    if (client !== c) return;
    client = null;
    void c.end().catch(() => undefined);
    if (!held) return;
    held = false;
    log.warn(`scenario lease lost${err instanceof Error ? `: ${err.message}` : ''}`);
    void opts.onLost().catch((e: unknown) => log.error({ err: e }, 'scenario lease: stopping failed'));
  };

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({
      connectionString: opts.url,
      query_timeout: QUERY_TIMEOUT_MS,
      options: SERVER_KEEPALIVE,
    });
    c.on('error', (err) => lose(c, err));
    c.on('end', () => lose(c));
    client = c;
    try {
      await c.connect();
    } catch (err) {
      client = null;
      void c.end().catch(() => undefined);
      throw err;
    }
    return c;
  };

  const readAnchor = async (c: pg.Client): Promise<ClockAnchor | null> => {
    const row = (
      await c.query<{ scenario_ms: string; real_ms: string; speed: number; holder: string }>(
        `SELECT scenario_ms, real_ms, speed, holder FROM ${table}`,
      )
    ).rows[0];
    return row
      ? {
          scenarioMs: Number(row.scenario_ms),
          realMs: Number(row.real_ms),
          speed: row.speed,
          holder: row.holder,
        }
      : null;
  };

  const round = async () => {
    let c = client;
    try {
      c ??= await connect();
      if (held) {
        // Nothing to renew; a query shows whether the session (and so the lock) is still there.
        await c.query('SELECT 1');
        return;
      }
      const taken = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', key);
      latest = (await readAnchor(c)) ?? latest;
      if (!taken.rows[0]?.ok) return;
      held = true;
      log.info(`scenario lease taken by ${opts.holder}`);
      await opts.onAcquired();
    } catch (err) {
      if (c) lose(c, err);
      if (!held) log.warn(`scenario lease: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const ready = round();
  void (async () => {
    await ready;
    while (!stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!stopped) await round();
    }
  })();

  return {
    ready,
    held: () => held,
    anchor: () => latest,
    async publish(anchor) {
      const c = client;
      if (!held || !c) return;
      latest = { ...anchor, holder: opts.holder };
      await c.query(
        `INSERT INTO ${table} (id, scenario_ms, real_ms, speed, holder) VALUES (true, $1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET scenario_ms = $1, real_ms = $2, speed = $3, holder = $4`,
        [Math.round(anchor.scenarioMs), Math.round(anchor.realMs), anchor.speed, opts.holder],
      );
    },
    async close() {
      stopped = true;
      wake?.();
      held = false;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** `ioc_scenario_lease_held`: 1 on the node that runs the scenario, 0 on the others (which node to look at). */
export function registerLeaseMetric(registry: Registry, lease: Pick<ScenarioLease, 'held'>): void {
  new Gauge({
    name: 'ioc_scenario_lease_held',
    help: 'Whether this node holds the scenario lease (runs the simulator and the scenario clock)',
    registers: [registry],
    collect() {
      this.set(lease.held() ? 1 : 0);
    },
  });
}
