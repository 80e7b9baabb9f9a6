import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/**
 * An environment for `loadConfig` with a data directory of its own, removed after the test. loadConfig writes
 * nothing (tests/unit/config-schema.test.ts); the directory keeps tests from pointing at the developer's ./data.
 */
export function configEnv(): (vars: Record<string, string>) => Record<string, string> {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return (vars) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ioc-config-'));
    dirs.push(dir);
    return { DATA_DIR: dir, ...vars };
  };
}
