import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { DEFAULT_SNAPSHOT_POLICY } from '../../server/engine/state-engine';

describe('snapshot policy from the environment', () => {
  const dirs: string[] = [];
  const env = (vars: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-config-'));
    dirs.push(dir);
    return { DATA_DIR: dir, ...vars };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('defaults to the engine policy and takes SNAPSHOT_EVERY_EVENTS and SNAPSHOT_EVERY_MS', () => {
    expect(loadConfig(env({})).snapshotPolicy).toEqual(DEFAULT_SNAPSHOT_POLICY);
    expect(
      loadConfig(env({ SNAPSHOT_EVERY_EVENTS: '5000', SNAPSHOT_EVERY_MS: '3600000' })).snapshotPolicy,
    ).toEqual({ everyEvents: 5000, everyEventMs: 3_600_000 });
  });

  it('refuses a policy that would snapshot on almost every event', () => {
    expect(() => loadConfig(env({ SNAPSHOT_EVERY_EVENTS: '10' }))).toThrow(
      /SNAPSHOT_EVERY_EVENTS must be a number ≥ 100/,
    );
    expect(() => loadConfig(env({ SNAPSHOT_EVERY_MS: 'often' }))).toThrow(/SNAPSHOT_EVERY_MS/);
  });
});
