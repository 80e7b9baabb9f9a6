import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy } from './engine/state-engine';
import type { ReadAccess } from './auth/access-policy';
import { DEFAULT_SECURITY } from './security/options';
import { DEFAULT_COVID_OFFICIAL_SOURCES, DEFAULT_FUTURE_TOLERANCE_MS } from './ingest/event-admission';
import { DEFAULT_SOURCE_ORDER } from '../protocol/state/daily-reports';

export interface Config {
  port: number;
  dataDir: string;
  /** Tokens a source may present to `/ingest` and `POST /api/ingest`. */
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
  /** Tokens that allow operator actions (acknowledging alerts …); `OPERATOR_TOKENS`, comma-separated. */
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
}

const DEFAULT_SIM_START = '2021-08-01T08:00:00+07:00';
const DEFAULT_HISTORY_FROM = '2019-01-01T00:00:00+07:00';

function parseTime(name: string, value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${name} must be an ISO date-time, got "${value}"`);
  return ms;
}

function parseNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}, got "${value}"`);
  return n;
}

function parseMax(name: string, n: number, max: number): number {
  if (n > max)
    throw new Error(`${name} must be at most ${max} (issue 7: sockets buffer whole messages), got ${n}`);
  return n;
}

function parseInteger(name: string, value: string, min: number): number {
  const n = parseNumber(name, value, min);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** An integer setting of DEFAULT_SECURITY, overridden by `env[name]`. */
const integerOr = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number) =>
  parseInteger(name, env[name] ?? String(fallback), min);

function parseReadAccess(value: string): ReadAccess {
  if (value === 'open' || value === 'signed-in') return value;
  throw new Error(`READ_ACCESS must be "open" or "signed-in", got "${value}"`);
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

/** As Express reads `trust proxy`: a hop count, true/false, or a list of addresses and subnets. */
function parseTrustProxy(value: string | undefined): string | number | boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * The ingest token: from `INGEST_TOKENS` (comma-separated, for rotation) or, on embedded defaults, a random
 * one kept in the data directory so that `npm run sim` can read it and no well-known token ever ships.
 */
function ingestTokens(env: NodeJS.ProcessEnv, dataDir: string): string[] {
  return tokensOrGenerated(parseList(env.INGEST_TOKENS), path.join(dataDir, 'ingest-token'));
}

/** Tokens from the environment or, on embedded defaults, one random token kept (mode 600) in `file`. */
function tokensOrGenerated(fromEnv: string[], file: string): string[] {
  if (fromEnv.length) return fromEnv;
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
  return [readFileSync(file, 'utf8').trim()];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const simHistoryFrom = env.SIM_HISTORY_FROM ?? DEFAULT_HISTORY_FROM;
  const covidOfficial = parseList(env.COVID_OFFICIAL_SOURCES);
  return {
    port: parseNumber('PORT', env.PORT ?? '8080', 0),
    dataDir,
    ingestTokens: ingestTokens(env, dataDir),
    sim: {
      enabled: (env.SIM ?? 'on') !== 'off',
      seed: parseNumber('SIM_SEED', env.SIM_SEED ?? '2021', 0),
      startMs: parseTime('SIM_START', env.SIM_START ?? DEFAULT_SIM_START),
      speed: parseNumber('SIM_SPEED', env.SIM_SPEED ?? '1', 0),
      historyFromMs: parseTime('SIM_HISTORY_FROM', simHistoryFrom),
    },
    batchWindowMs: parseNumber('BATCH_WINDOW_MS', env.BATCH_WINDOW_MS ?? '100', 10),
    // No operator token by default: operator actions stay closed until someone is given the right.
    // Like the ingest token: generated into the data directory on embedded defaults, so that acknowledging an
    // alert always takes a right, and the operator of a fresh install can find the token.
    operatorTokens: tokensOrGenerated(parseList(env.OPERATOR_TOKENS), path.join(dataDir, 'operator-token')),
    recoveryWindowMs: parseNumber('RECOVERY_WINDOW_MS', env.RECOVERY_WINDOW_MS ?? '120000', 0),
    maxMessageBytes: parseNumber(
      'MAX_MESSAGE_BYTES',
      env.MAX_MESSAGE_BYTES ?? String(DEFAULT_SECURITY.maxMessageBytes),
      1024,
    ),
    maxSocketMessageBytes: parseMax(
      'MAX_SOCKET_MESSAGE_BYTES',
      parseNumber(
        'MAX_SOCKET_MESSAGE_BYTES',
        env.MAX_SOCKET_MESSAGE_BYTES ?? String(DEFAULT_SECURITY.maxSocketMessageBytes),
        1024,
      ),
      DEFAULT_SECURITY.maxSocketMessageBytes,
    ),
    // Secure by default (issue 21): reading the dashboards takes a session or a display token; `open` is a demo's
    // explicit choice, announced at start.
    readAccess: parseReadAccess(env.READ_ACCESS ?? 'signed-in'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    ingestRateLimit: {
      windowMs: parseNumber('INGEST_RATE_WINDOW_MS', env.INGEST_RATE_WINDOW_MS ?? '10000', 100),
      limit: parseNumber('INGEST_RATE_LIMIT', env.INGEST_RATE_LIMIT ?? '1000', 1),
    },
    allowedOrigins: parseList(env.ALLOWED_ORIGINS),
    messageRateLimit: {
      // Whole seconds: the limiter counts its windows in seconds.
      windowMs: integerOr(
        env,
        'SOCKET_MESSAGE_RATE_WINDOW_MS',
        DEFAULT_SECURITY.messageRateLimit.windowMs,
        1000,
      ),
      perSocket: integerOr(
        env,
        'SOCKET_MESSAGE_RATE_PER_SOCKET',
        DEFAULT_SECURITY.messageRateLimit.perSocket,
        10,
      ),
      perPrincipal: integerOr(
        env,
        'SOCKET_MESSAGE_RATE_PER_PRINCIPAL',
        DEFAULT_SECURITY.messageRateLimit.perPrincipal,
        10,
      ),
    },
    liveResyncMaxEvents: integerOr(env, 'LIVE_RESYNC_MAX_EVENTS', DEFAULT_SECURITY.liveResyncMaxEvents, 100),
    replaySessions: {
      total: integerOr(env, 'REPLAY_MAX_SESSIONS', DEFAULT_SECURITY.replaySessions.total, 1),
      perPrincipal: integerOr(
        env,
        'REPLAY_MAX_SESSIONS_PER_PRINCIPAL',
        DEFAULT_SECURITY.replaySessions.perPrincipal,
        1,
      ),
    },
    exportsPerPrincipal: integerOr(env, 'EXPORTS_PER_PRINCIPAL', DEFAULT_SECURITY.exportsPerPrincipal, 1),
    snapshotPolicy: {
      everyEvents: parseNumber(
        'SNAPSHOT_EVERY_EVENTS',
        env.SNAPSHOT_EVERY_EVENTS ?? String(DEFAULT_SNAPSHOT_POLICY.everyEvents),
        100,
      ),
      everyEventMs: parseNumber(
        'SNAPSHOT_EVERY_MS',
        env.SNAPSHOT_EVERY_MS ?? String(DEFAULT_SNAPSHOT_POLICY.everyEventMs),
        60_000,
      ),
    },
    admission: {
      futureToleranceMs: parseNumber(
        'EVENT_FUTURE_TOLERANCE_MS',
        env.EVENT_FUTURE_TOLERANCE_MS ?? String(DEFAULT_FUTURE_TOLERANCE_MS),
        0,
      ),
      // The simulator's history is the history: a backfill from before it would be refused event by event.
      historyFromMs: parseTime('EVENT_HISTORY_FROM', env.EVENT_HISTORY_FROM ?? simHistoryFrom),
      covidOfficialSources: covidOfficial.length ? covidOfficial : [...DEFAULT_COVID_OFFICIAL_SOURCES],
      extraSites: parseList(env.EXTRA_SENSOR_SITES),
    },
    sourceOrder: parseSourceOrder(env.SOURCE_ORDER),
  };
}

function parseSourceOrder(value: string | undefined): string[] {
  const order = parseList(value);
  if (order.length === 0) return [...DEFAULT_SOURCE_ORDER];
  const bad = order.find((p) => !/^[\w.:-]*\*?$/.test(p));
  if (bad) throw new Error(`SOURCE_ORDER: "${bad}" is not a source name, a prefix* pattern or *`);
  return order;
}
