import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../../server/config';

/** Variables the README documents that the npm scripts read, not the server (scripts/audit.mjs). */
const SCRIPT_VARIABLES = ['AUDIT_REQUIRED'];

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.variable} ${p.message}`);
    throw err;
  }
  return [];
}

/** The names in the first column of README.md's configuration table (`| variable | default | …`). */
function readmeVariables(): string[] {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8').split('\n');
  const header = readme.findIndex((l) => /^\|\s*variable\s*\|/.test(l));
  expect(header).toBeGreaterThan(-1);
  const rows: string[] = [];
  for (const line of readme.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const first = line.split('|')[1]!;
    for (const m of first.matchAll(/`([A-Z0-9_*]+)`/g)) rows.push(m[1]!);
  }
  return rows;
}

/** `SNAPSHOT_EVERY_*` and `REPLAY_MAX_SESSIONS*` stand for every variable they start. */
const covers = (documented: string, variable: string) =>
  documented.endsWith('*') ? variable.startsWith(documented.replace(/_?\*$/, '')) : documented === variable;

describe('one configuration schema for the whole environment (issue 22)', () => {
  it('reports every bad variable at once, each with its reason', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      SIM_START: 'yesterday',
      SHUTDOWN_DRAIN_MS: '-5',
      SQLITE_SYNC: 'FULL; PRAGMA writable_schema = ON',
      LOG_LEVEL: 'loud',
      READ_ACCESS: 'closed',
      MQTT_PASSWORD: 'secret',
      REDIS_URL: 'redis://cache:6379',
      WEBHOOK_URLS: 'ftp://relay/h',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be a number',
        'SIM_START must be an ISO date-time, got "yesterday"',
        'SHUTDOWN_DRAIN_MS must be a number ≥ 0',
        'SQLITE_SYNC must be one of OFF, NORMAL, FULL, EXTRA',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'READ_ACCESS must be one of open, signed-in',
        'MQTT_PASSWORD needs MQTT_USERNAME',
        'REDIS_URL needs DATABASE_URL=postgres://…: nodes that share rooms must share one log',
        'WEBHOOK_URLS must list http(s) URLs only',
        'WEBHOOK_SECRET must be set, at least 16 characters, with WEBHOOK_URLS',
      ]),
    );
    expect(problems).toHaveLength(10);
    expect(() => loadConfig({ PORT: 'eighty', SIM_START: 'x' })).toThrow(
      /Configuration refused \(2 problems\):\n {2}PORT must be a number\n {2}SIM_START must be/,
    );
  });

  it('validates SHUTDOWN_DRAIN_MS and keeps SQLITE_SYNC to the pragma words', () => {
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(loadConfig({ SHUTDOWN_DRAIN_MS: '5000' }).shutdownDrainMs).toBe(5000);
    expect(problemsOf({ SHUTDOWN_DRAIN_MS: '2.5' })).toEqual(['SHUTDOWN_DRAIN_MS must be a whole number']);
    expect(problemsOf({ SHUTDOWN_DRAIN_MS: 'soon' })).toEqual(['SHUTDOWN_DRAIN_MS must be a number']);
    expect(loadConfig({}).store.sqliteSync).toBe('FULL');
    expect(loadConfig({ SQLITE_SYNC: 'normal' }).store.sqliteSync).toBe('NORMAL');
    expect(problemsOf({ SQLITE_SYNC: 'OFF, cache_size = 1' })).toHaveLength(1);
  });

  it('writes nothing while loading: no data directory, no token file', () => {
    const dir = path.join(tmpdir(), `ioc-config-never-${process.pid}-${Date.now()}`);
    const config = loadConfig({ DATA_DIR: dir });
    expect(existsSync(dir)).toBe(false);
    expect(config.ingestTokens).toEqual([]);
    expect(config.operatorTokens).toEqual([]);
    expect(loadConfig({ DATA_DIR: dir, INGEST_TOKENS: 'a-token, b-token' }).ingestTokens).toEqual([
      'a-token',
      'b-token',
    ]);
  });

  it("matches README.md's configuration table both ways", () => {
    const documented = readmeVariables();
    const undocumented = ENV_VARIABLES.filter((v) => !documented.some((d) => covers(d, v)));
    const unknown = documented.filter(
      (d) => !SCRIPT_VARIABLES.includes(d) && !ENV_VARIABLES.some((v) => covers(d, v)),
    );
    expect({ undocumented, unknown }).toEqual({ undocumented: [], unknown: [] });
  });
});
