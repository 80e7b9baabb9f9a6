import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SourceName } from '../../protocol';
import { DEFAULT_SNAPSHOT_POLICY } from '../engine/state-engine';
import { DEFAULT_COVID_OFFICIAL_SOURCES, DEFAULT_FUTURE_TOLERANCE_MS } from '../ingest/event-admission';
import { LOG_LEVELS } from '../log/logger';
import { DEFAULT_ALARM_OPTIONS } from '../alarms/alarm-options';
import { DEFAULT_SECURITY } from '../security/options';
import { SQLITE_SYNC_LEVELS } from '../store/sqlite-sync';
import { DEFAULT_SOURCE_ORDER } from '../../protocol/state/daily-reports';

/** An empty variable counts as unset (`FOO= npm start`, compose files with blank values). */
const unset = (v: unknown) => (v === '' ? undefined : v);

function boundedNumber(min: number, opts: { whole?: boolean; max?: number }) {
  let n = z.coerce.number({ error: 'must be a number' }).min(min, `must be a number ≥ ${min}`);
  if (opts.whole) n = n.int('must be a whole number');
  if (opts.max !== undefined) n = n.max(opts.max, `must be at most ${opts.max}`);
  return n;
}

const numberVar = (fallback: number, min: number, opts: { whole?: boolean; max?: number } = {}) =>
  z.preprocess(unset, boundedNumber(min, opts).default(fallback));

const optionalNumberVar = (min: number, opts: { whole?: boolean; max?: number } = {}) =>
  z.preprocess(unset, boundedNumber(min, opts).optional());

function toInstant(v: string, ctx: z.RefinementCtx): number {
  const ms = Date.parse(v);
  if (!Number.isNaN(ms)) return ms;
  ctx.addIssue({ code: 'custom', message: `must be an ISO date-time, got "${v}"` });
  return z.NEVER;
}

const instantVar = (fallback: string) =>
  z.preprocess(unset, z.string().default(fallback).transform(toInstant));

const optionalInstantVar = z.preprocess(unset, z.string().transform(toInstant).optional());

const listVar = z.preprocess(
  unset,
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
);

const textVar = z.preprocess(unset, z.string().optional());

const enumVar = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(
    unset,
    z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(fallback as never),
  );

const urlVar = (protocols: RegExp, what: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .refine((u) => URL.canParse(u) && protocols.test(new URL(u).protocol), `must be ${what}`)
      .optional(),
  );

/** A PEM file named by the variable, read at start: a missing certificate fails now, not at the first reconnect. */
const pemFileVar = z.preprocess(
  unset,
  z
    .string()
    .optional()
    .transform((file, ctx) => {
      if (file === undefined) return undefined;
      try {
        return readFileSync(file);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `cannot read ${file}: ${(err as Error).message}` });
        return z.NEVER;
      }
    }),
);

/** As Express reads `trust proxy`: a hop count, true/false, or a list of addresses and subnets. */
const trustProxyVar = z.preprocess(
  unset,
  z
    .string()
    .optional()
    .transform((v): string | number | boolean | undefined => {
      if (v === undefined) return undefined;
      if (v === 'true' || v === 'false') return v === 'true';
      return /^\d+$/.test(v) ? Number(v) : v;
    }),
);

const S = DEFAULT_SECURITY;

/**
 * Every environment variable the server reads, with its type, bounds and default: the one place configuration
 * is validated. Keys are the variables' names (the README's configuration table is checked against them).
 */
export const EnvSchema = z.object({
  PORT: numberVar(8080, 0, { whole: true }),
  DATA_DIR: z.preprocess(unset, z.string().default('./data')),
  LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
  INGEST_TOKENS: listVar,
  OPERATOR_TOKENS: listVar,
  SIM: enumVar(['on', 'off'], 'on'),
  SIM_SEED: numberVar(2021, 0),
  SIM_START: instantVar('2021-08-01T08:00:00+07:00'),
  SIM_SPEED: numberVar(1, 0),
  SIM_HISTORY_FROM: instantVar('2019-01-01T00:00:00+07:00'),
  BATCH_WINDOW_MS: numberVar(100, 10),
  RECOVERY_WINDOW_MS: numberVar(S.recoveryWindowMs, 0),
  MAX_MESSAGE_BYTES: numberVar(S.maxMessageBytes, 1024),
  // Socket.IO buffers whole messages (issue 7): the default is also the ceiling.
  MAX_SOCKET_MESSAGE_BYTES: numberVar(S.maxSocketMessageBytes, 1024, { max: S.maxSocketMessageBytes }),
  READ_ACCESS: enumVar(['open', 'signed-in'], 'signed-in'),
  TRUST_PROXY: trustProxyVar,
  INGEST_RATE_WINDOW_MS: numberVar(S.ingestRateLimit.windowMs, 100),
  INGEST_RATE_LIMIT: numberVar(S.ingestRateLimit.limit, 1),
  ALLOWED_ORIGINS: listVar,
  // Whole seconds: the limiter counts its windows in seconds.
  SOCKET_MESSAGE_RATE_WINDOW_MS: numberVar(S.messageRateLimit.windowMs, 1000, { whole: true }),
  SOCKET_MESSAGE_RATE_PER_SOCKET: numberVar(S.messageRateLimit.perSocket, 10, { whole: true }),
  SOCKET_MESSAGE_RATE_PER_PRINCIPAL: numberVar(S.messageRateLimit.perPrincipal, 10, { whole: true }),
  LIVE_RESYNC_MAX_EVENTS: numberVar(S.liveResyncMaxEvents, 100, { whole: true }),
  REPLAY_MAX_SESSIONS: numberVar(S.replaySessions.total, 1, { whole: true }),
  REPLAY_MAX_SESSIONS_PER_PRINCIPAL: numberVar(S.replaySessions.perPrincipal, 1, { whole: true }),
  EXPORTS_PER_PRINCIPAL: numberVar(S.exportsPerPrincipal, 1, { whole: true }),
  SNAPSHOT_EVERY_EVENTS: numberVar(DEFAULT_SNAPSHOT_POLICY.everyEvents, 100),
  SNAPSHOT_EVERY_MS: numberVar(DEFAULT_SNAPSHOT_POLICY.everyEventMs, 60_000),
  EVENT_FUTURE_TOLERANCE_MS: numberVar(DEFAULT_FUTURE_TOLERANCE_MS, 0),
  // Default: SIM_HISTORY_FROM (the simulator's history is the history).
  EVENT_HISTORY_FROM: optionalInstantVar,
  COVID_OFFICIAL_SOURCES: listVar.transform((l) => (l.length ? l : [...DEFAULT_COVID_OFFICIAL_SOURCES])),
  EXTRA_SENSOR_SITES: listVar,
  // Strongest first: names, `prefix*` patterns and `*`; default any real source before the simulators.
  SOURCE_ORDER: listVar
    .refine(
      (l) => l.every((p) => /^[\w.:-]*\*?$/.test(p)),
      'each entry must be a source name, a prefix* pattern or *',
    )
    .transform((l) => (l.length ? l : [...DEFAULT_SOURCE_ORDER])),
  ALERT_RULES: textVar,
  // Every shelving expires (ISA-18.2): at most a shift by default, a day at the most.
  SHELVE_MAX_MIN: numberVar(DEFAULT_ALARM_OPTIONS.shelveMaxMin, 1, { whole: true, max: 24 * 60 }),
  OUT_OF_SERVICE_MAX_MIN: numberVar(DEFAULT_ALARM_OPTIONS.outOfServiceMaxMin, 1, {
    whole: true,
    max: 90 * 24 * 60,
  }),
  RULES_EDIT: enumVar(['admins', 'operators'], DEFAULT_ALARM_OPTIONS.rulesEditableBy),
  // How long a stopping node stays up but unready, so the load balancer moves clients away first.
  SHUTDOWN_DRAIN_MS: numberVar(0, 0, { whole: true, max: 600_000 }),
  // A pragma takes no bound parameter: only these words ever reach it.
  SQLITE_SYNC: z.preprocess(
    (v) => (typeof v === 'string' && v !== '' ? v.toUpperCase() : undefined),
    z.enum(SQLITE_SYNC_LEVELS, { error: `must be one of ${SQLITE_SYNC_LEVELS.join(', ')}` }).default('FULL'),
  ),
  DATABASE_URL: urlVar(/^postgres(ql)?:$/, 'a postgres:// URL'),
  DATABASE_SCHEMA: z.preprocess(unset, z.string().default('public')),
  REDIS_URL: urlVar(/^rediss?:$/, 'a redis:// or rediss:// URL'),
  REDIS_PREFIX: z.preprocess(unset, z.string().default('ioc')),
  MQTT_URL: urlVar(/^(mqtts?|wss?|tcp|tls):$/, 'an mqtt://, mqtts://, ws:// or wss:// URL'),
  MQTT_CLIENT_ID: textVar,
  MQTT_SHARE_GROUP: textVar,
  MQTT_SOURCE: z.preprocess(
    unset,
    z
      .string()
      .default('mqtt')
      .refine((v) => SourceName.safeParse(v).success, 'must be a source name (letters, digits, _ . : -)'),
  ),
  MQTT_SESSION_EXPIRY_S: optionalNumberVar(0, { whole: true }),
  MQTT_USERNAME: textVar,
  MQTT_PASSWORD: textVar,
  MQTT_CA_FILE: pemFileVar,
  MQTT_CERT_FILE: pemFileVar,
  MQTT_KEY_FILE: pemFileVar,
  WEBHOOK_URLS: listVar.pipe(
    z.array(
      z
        .string()
        .refine(
          (u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol),
          'must list http(s) URLs only',
        ),
    ),
  ),
  WEBHOOK_SECRET: textVar,
  WEBHOOK_MAX_ATTEMPTS: numberVar(8, 1, { whole: true }),
  WEBHOOK_BASE_DELAY_MS: numberVar(2000, 0),
  PUBLIC_BASE_URL: urlVar(/^https?:$/, 'an http(s) URL'),
  PUBLIC_CACHE_MS: numberVar(5000, 1),
  PUBLIC_LOOKUP_LIMIT: numberVar(30, 1),
});

export type Env = z.output<typeof EnvSchema>;

/** One bad variable and why, as the start-up error lists them. */
export interface EnvProblem {
  variable: string;
  message: string;
}

const given = (raw: Record<string, string | undefined>, key: string) => unset(raw[key]) !== undefined;

/**
 * Rules between variables. They look only at which variables are set, so they are checked on the raw
 * environment even when a variable's own value is bad: every problem is reported in one go.
 */
function crossProblems(raw: Record<string, string | undefined>): EnvProblem[] {
  const out: EnvProblem[] = [];
  const problem = (variable: string, message: string) => out.push({ variable, message });
  if (given(raw, 'REDIS_URL') && !given(raw, 'DATABASE_URL'))
    problem('REDIS_URL', 'needs DATABASE_URL=postgres://…: nodes that share rooms must share one log');
  if (given(raw, 'MQTT_PASSWORD') && !given(raw, 'MQTT_USERNAME'))
    problem('MQTT_PASSWORD', 'needs MQTT_USERNAME');
  if (given(raw, 'MQTT_CERT_FILE') !== given(raw, 'MQTT_KEY_FILE'))
    problem(
      given(raw, 'MQTT_CERT_FILE') ? 'MQTT_KEY_FILE' : 'MQTT_CERT_FILE',
      'must be set too: MQTT_CERT_FILE and MQTT_KEY_FILE go together',
    );
  // An unsigned announcement could be forged by anyone on the way.
  if ((raw.WEBHOOK_URLS ?? '').trim() !== '' && (raw.WEBHOOK_SECRET ?? '').length < 16)
    problem('WEBHOOK_SECRET', 'must be set, at least 16 characters, with WEBHOOK_URLS');
  return out;
}

/** The environment, validated whole: the typed values, or every problem found. */
export function parseEnv(
  raw: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; problems: EnvProblem[] } {
  const parsed = EnvSchema.safeParse(raw);
  const problems: EnvProblem[] = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message }))),
    ...crossProblems(raw),
  ];
  if (problems.length || !parsed.success) return { ok: false, problems };
  return { ok: true, env: parsed.data };
}

/** The variables the schema knows, in its order. */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];
