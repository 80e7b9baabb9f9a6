import { describe, expect, it } from 'vitest';
import { configEnv } from './support/config-env';
import { loadConfig } from '../../server/config';
import { DEFAULT_SNAPSHOT_POLICY } from '../../server/engine/state-engine';

describe('snapshot policy from the environment', () => {
  const env = configEnv();

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
