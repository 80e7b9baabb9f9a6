import type { AlarmOptions } from '../alarms/alarm-options';
import { hostname } from 'node:os';
import path from 'node:path';
import type { ReadAccess } from '../auth/access-policy';
import type { SnapshotPolicy } from '../engine/state-engine';
import type { LogLevel } from '../log/logger';
import type { MqttConfig } from '../mqtt/mqtt-config';
import type { PublicOptions } from '../public/public-surface';
import type { WebhookConfig } from '../public/webhook-config';
import type { SqliteSync } from '../store/sqlite-sync';
import { parseEnv, type Env, type EnvProblem } from './env-schema';

export { ENV_VARIABLES, EnvSchema, parseEnv, type Env, type EnvProblem } from './env-schema';

export interface Config {
  port: number;
  /** Absolute. Created by the server at start, not here: loading configuration writes nothing. */
  dataDir: string;
  /** Least severe level written (`LOG_LEVEL`). */
  logLevel: LogLevel;
  /**
   * Tokens a source may present to `/ingest` and `POST /api/ingest` (`INGEST_TOKENS`, comma-separated). Empty
   * on embedded defaults: the server then generates one into `$DATA_DIR/ingest-token` at start.
   */
  ingestTokens: string[];
  sim: {
    enabled: boolean;
    seed: number;
    /** Scenario start, ms; the clock resumes from the last simulated instant when history exists. */
    startMs: number;
    /** Scenario seconds per real second. */
    speed: number;
    /** Where the backfilled history begins, ms. */
    historyFromMs: number;
  };
  /** Fan-out window: how long events are gathered before a batch goes to each room. */
  batchWindowMs: number;
  /** Tokens that allow operator actions (`OPERATOR_TOKENS`); empty: generated into `$DATA_DIR/operator-token` at start. */
  operatorTokens: string[];
  /** How long Socket.IO keeps a dropped dashboard's session to replay what it missed (`RECOVERY_WINDOW_MS`). */
  recoveryWindowMs: number;
  /** Largest `POST /api/ingest` body accepted, bytes (`MAX_MESSAGE_BYTES`). */
  maxMessageBytes: number;
  /** Largest Socket.IO message, bytes (`MAX_SOCKET_MESSAGE_BYTES`, at most 64 KB). */
  maxSocketMessageBytes: number;
  /** Whether the dashboards' reads need a session (`READ_ACCESS=open|signed-in`). */
  readAccess: ReadAccess;
  /** Express's `trust proxy` (`TRUST_PROXY`): a hop count, `true`, or addresses such as `loopback`. */
  trustProxy: string | number | boolean | undefined;
  /** Ingest messages (socket batches or POSTs) allowed per token and per IP in each window. */
  ingestRateLimit: { windowMs: number; limit: number };
  /** Browser origins allowed to open sockets besides the page's own (`ALLOWED_ORIGINS`, comma-separated). */
  allowedOrigins: string[];
  /** `/live` and `/replay` message allowance (`SOCKET_MESSAGE_RATE_WINDOW_MS`, `_PER_SOCKET`, `_PER_PRINCIPAL`). */
  messageRateLimit: { windowMs: number; perSocket: number; perPrincipal: number };
  /** Largest gap `live:resync` fills before answering `too_far_behind` (`LIVE_RESYNC_MAX_EVENTS`). */
  liveResyncMaxEvents: number;
  /** Replay sessions at once (`REPLAY_MAX_SESSIONS`, `REPLAY_MAX_SESSIONS_PER_PRINCIPAL`). */
  replaySessions: { total: number; perPrincipal: number };
  /** Log downloads streaming at once per principal (`EXPORTS_PER_PRINCIPAL`). */
  exportsPerPrincipal: number;
  /** When the engine stores a snapshot (`SNAPSHOT_EVERY_EVENTS`, `SNAPSHOT_EVERY_MS`): what a replay seek folds at most. */
  snapshotPolicy: SnapshotPolicy;
  /** What ingest takes in besides a valid shape (issue 21, findings 3 and 6). */
  admission: {
    /** How far ahead of the IOC clock an event may be dated, ms (`EVENT_FUTURE_TOLERANCE_MS`). */
    futureToleranceMs: number;
    /** Start of the history: older events are refused (`EVENT_HISTORY_FROM`, default `SIM_HISTORY_FROM`). */
    historyFromMs: number;
    /** Sources whose COVID reports are official (`COVID_OFFICIAL_SOURCES`, comma-separated). */
    covidOfficialSources: string[];
    /** Sensor sites taken besides geo/data/sensor-sites.json (`EXTRA_SENSOR_SITES`, comma-separated ids). */
    extraSites: string[];
  };
  /**
   * Which source's daily report counts when several report one (area, day), strongest first (`SOURCE_ORDER`,
   * comma-separated names, `prefix*` patterns and `*`); default `*,sim-*,ext-sim-*`: any real source first.
   */
  sourceOrder: string[];
  /** What operators may do with alarms (`SHELVE_MAX_MIN`, `OUT_OF_SERVICE_MAX_MIN`, `RULES_EDIT`). */
  alarms: AlarmOptions;
  /** The event log: PostgreSQL when `DATABASE_URL` is set (schema `DATABASE_SCHEMA`), else SQLite in `dataDir`. */
  store: { databaseUrl: string | null; databaseSchema: string; sqliteSync: SqliteSync };
  /** The Socket.IO Redis Streams adapter (`REDIS_URL`, keys under `REDIS_PREFIX`); null alone. */
  redis: { url: string; prefix: string } | null;
  /** The broker connection (`MQTT_*`); null without `MQTT_URL`. */
  mqtt: MqttConfig | null;
  /** Where public announcements are posted (`WEBHOOK_*`); null without URLs. */
  webhooks: WebhookConfig | null;
  /** `/api/public`'s cache period, lookup limit and QR origin (`PUBLIC_*`). */
  publicApi: PublicOptions;
  /** The alert rules file followed while running (`ALERT_RULES`). */
  alertRulesFile: string;
  /** How long a stopping node stays unready before it closes its inputs (`SHUTDOWN_DRAIN_MS`). */
  shutdownDrainMs: number;
}

/** A bad environment: every problem, one per line, each naming its variable and the reason. */
export class ConfigError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(
      `Configuration refused (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.variable} ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * The start-up line about read access. `open` hands every dossier code, procedure and agency to anyone who
 * asks, so it is shouted, not mentioned: an install left open by mistake should be noticed in its first log.
 */
export function readAccessAnnouncement(readAccess: ReadAccess): string {
  if (readAccess === 'signed-in')
    return 'Read access: signed-in (READ_ACCESS): dashboards and the read API need a session or a display token; users: npm run users -- list';
  return (
    'WARNING: READ_ACCESS=open: anyone who can reach this server reads every dashboard, the event log and the ' +
    'read API without signing in (dossier codes, procedures, agencies). For demos only; unset READ_ACCESS to require a sign-in.'
  );
}

/**
 * The broker connection. The client id defaults to one per host and port, so that a restarted node finds its
 * session (and the messages it had not acknowledged) again, and two nodes on one host never take each other's.
 */
function mqttConfig(env: Env): MqttConfig | null {
  if (!env.MQTT_URL) return null;
  return {
    url: env.MQTT_URL,
    clientId: env.MQTT_CLIENT_ID ?? `ioc-${hostname()}-${env.PORT}`,
    source: env.MQTT_SOURCE,
    ...(env.MQTT_SHARE_GROUP ? { shareGroup: env.MQTT_SHARE_GROUP } : {}),
    ...(env.MQTT_SESSION_EXPIRY_S !== undefined ? { sessionExpirySeconds: env.MQTT_SESSION_EXPIRY_S } : {}),
    credentials: {
      ...(env.MQTT_USERNAME ? { username: env.MQTT_USERNAME } : {}),
      ...(env.MQTT_PASSWORD ? { password: env.MQTT_PASSWORD } : {}),
      ...(env.MQTT_CA_FILE ? { ca: env.MQTT_CA_FILE } : {}),
      ...(env.MQTT_CERT_FILE ? { cert: env.MQTT_CERT_FILE } : {}),
      ...(env.MQTT_KEY_FILE ? { key: env.MQTT_KEY_FILE } : {}),
    },
  };
}

function webhookConfig(env: Env): WebhookConfig | null {
  if (!env.WEBHOOK_URLS.length) return null;
  return {
    urls: env.WEBHOOK_URLS,
    secret: env.WEBHOOK_SECRET ?? '',
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: env.WEBHOOK_BASE_DELAY_MS,
    maxDelayMs: 10 * 60_000,
    timeoutMs: 10_000,
  };
}

/**
 * The whole configuration from the environment, validated by one schema (`EnvSchema`). Pure apart from reading
 * the MQTT certificate files it names: no directory or token file is created here (the server does that at
 * start, server/auth/generated-tokens.ts), so a test can load any configuration without touching the disk.
 * Throws a {@link ConfigError} listing every bad variable.
 */
export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  const parsed = parseEnv(raw);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  const env = parsed.env;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    port: env.PORT,
    dataDir,
    logLevel: env.LOG_LEVEL,
    ingestTokens: env.INGEST_TOKENS,
    sim: {
      enabled: env.SIM === 'on',
      seed: env.SIM_SEED,
      startMs: env.SIM_START,
      speed: env.SIM_SPEED,
      historyFromMs: env.SIM_HISTORY_FROM,
    },
    batchWindowMs: env.BATCH_WINDOW_MS,
    operatorTokens: env.OPERATOR_TOKENS,
    recoveryWindowMs: env.RECOVERY_WINDOW_MS,
    maxMessageBytes: env.MAX_MESSAGE_BYTES,
    maxSocketMessageBytes: env.MAX_SOCKET_MESSAGE_BYTES,
    // Secure by default (issue 21): reading the dashboards takes a session or a display token; `open` is a demo's
    // explicit choice, announced at start.
    readAccess: env.READ_ACCESS,
    trustProxy: env.TRUST_PROXY,
    ingestRateLimit: { windowMs: env.INGEST_RATE_WINDOW_MS, limit: env.INGEST_RATE_LIMIT },
    allowedOrigins: env.ALLOWED_ORIGINS,
    messageRateLimit: {
      windowMs: env.SOCKET_MESSAGE_RATE_WINDOW_MS,
      perSocket: env.SOCKET_MESSAGE_RATE_PER_SOCKET,
      perPrincipal: env.SOCKET_MESSAGE_RATE_PER_PRINCIPAL,
    },
    liveResyncMaxEvents: env.LIVE_RESYNC_MAX_EVENTS,
    replaySessions: { total: env.REPLAY_MAX_SESSIONS, perPrincipal: env.REPLAY_MAX_SESSIONS_PER_PRINCIPAL },
    exportsPerPrincipal: env.EXPORTS_PER_PRINCIPAL,
    snapshotPolicy: { everyEvents: env.SNAPSHOT_EVERY_EVENTS, everyEventMs: env.SNAPSHOT_EVERY_MS },
    admission: {
      futureToleranceMs: env.EVENT_FUTURE_TOLERANCE_MS,
      // The simulator's history is the history: a backfill from before it would be refused event by event.
      historyFromMs: env.EVENT_HISTORY_FROM ?? env.SIM_HISTORY_FROM,
      covidOfficialSources: env.COVID_OFFICIAL_SOURCES,
      extraSites: env.EXTRA_SENSOR_SITES,
    },
    sourceOrder: env.SOURCE_ORDER,
    alarms: {
      shelveMaxMin: env.SHELVE_MAX_MIN,
      outOfServiceMaxMin: env.OUT_OF_SERVICE_MAX_MIN,
      rulesEditableBy: env.RULES_EDIT,
    },
    store: {
      databaseUrl: env.DATABASE_URL ?? null,
      databaseSchema: env.DATABASE_SCHEMA,
      sqliteSync: env.SQLITE_SYNC,
    },
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX } : null,
    mqtt: mqttConfig(env),
    webhooks: webhookConfig(env),
    publicApi: {
      cacheTtlMs: env.PUBLIC_CACHE_MS,
      lookupLimit: { windowMs: 60_000, limit: env.PUBLIC_LOOKUP_LIMIT },
      ...(env.PUBLIC_BASE_URL ? { baseUrl: env.PUBLIC_BASE_URL } : {}),
    },
    alertRulesFile: env.ALERT_RULES ?? path.join(dataDir, 'alert-rules.json'),
    shutdownDrainMs: env.SHUTDOWN_DRAIN_MS,
  };
}
