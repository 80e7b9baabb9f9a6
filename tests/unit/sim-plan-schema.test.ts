import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IocEvent } from '../../protocol';
import { SENSOR_SITES } from '../../geo';
import { createSimulation } from '../../simulators/plan';
import { loadConfig } from '../../server/config';
import { DAY, HOUR } from './sim-fixtures';

/*
 * The backfill appends the simulator's events without the schema check (IngestService.appendPlanned). That is
 * sound only if every event it generates passes the schema: this checks all ~2M of them for the default
 * configuration (seed, scenario start, history start, 6 h of raw sensor readings as server/scenario.ts backfills),
 * not a sample. Other seeds are covered by the sampled checks in the other sim-*.test.ts files.
 */
describe('the default backfill plan', () => {
  it('passes the event schema, every event of it', () => {
    const { seed, startMs, historyFromMs } = loadConfig({
      DATA_DIR: path.join(tmpdir(), 'ioc-unit-config'),
      INGEST_TOKENS: 'unit-test-token',
    }).sim;
    const sim = createSimulation({
      seed,
      sites: SENSOR_SITES,
      sensorHistoryFromMs: startMs - 6 * HOUR,
      historyFromMs,
    });
    let checked = 0;
    const failures: string[] = [];
    for (let a = historyFromMs; a < startMs; a += DAY) {
      for (const e of sim.eventsBetween(a, Math.min(a + DAY, startMs))) {
        checked++;
        const r = IocEvent.safeParse(e);
        if (!r.success && failures.length < 5) failures.push(`${e.id}: ${r.error.issues[0]?.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1_500_000);
  }, 900_000);
});
