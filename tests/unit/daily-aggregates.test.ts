import { describe, expect, it } from 'vitest';
import { METRICS, vnDateKey, type LoggedEvent } from '../../protocol';
import { SCHEMATIC_2021 } from '../../geo';
import { makeRollup } from '../../geo/areas';
import { dailyIncrements } from '../../server/ingest/daily-aggregates';
import type { DailyAggregateRow } from '../../server/store/event-store';
import { createSimulation } from '../../simulators/plan';
import { TEST_SITES, vn } from './sim-fixtures';

const rollup = makeRollup(SCHEMATIC_2021.areas);

/** The obvious fold, one row per (metric, area, day) any event touched: what the fast one must equal. */
function reference(events: readonly LoggedEvent[]): DailyAggregateRow[] {
  const rows = new Map<string, DailyAggregateRow>();
  for (const e of events) {
    const day = e.stream === 'covid' ? e.date : vnDateKey(e.tsMs);
    for (const m of METRICS.filter((x) => x.stream === e.stream)) {
      const value = m.value(e);
      const weight = m.weight?.(e) ?? 0;
      if (value === 0 && weight === 0) continue;
      for (const area of rollup(e.area)) {
        const key = `${m.name}|${area}|${day}`;
        const row = rows.get(key) ?? { metric: m.name, area, day, value: 0, weight: 0 };
        row.value += value;
        row.weight += weight;
        rows.set(key, row);
      }
    }
  }
  return [...rows.values()];
}

const sorted = (rows: DailyAggregateRow[]) =>
  [...rows].sort((a, b) => `${a.metric}|${a.area}|${a.day}`.localeCompare(`${b.metric}|${b.area}|${b.day}`));

describe('daily aggregates', () => {
  it('equal the obvious fold on a day of every stream (COVID wave, sensors included)', () => {
    const sim = createSimulation({
      seed: 5,
      sites: TEST_SITES,
      sensorHistoryFromMs: vn('2021-07-31T20:00'),
    });
    const events = sim
      .eventsBetween(vn('2021-07-31'), vn('2021-08-01'))
      .map((e, i) => ({ ...e, seq: i + 1 }) as LoggedEvent);
    expect(new Set(events.map((e) => e.stream))).toEqual(new Set(['dossier', 'covid', 'sensor']));
    expect(sorted(dailyIncrements(events, rollup))).toEqual(sorted(reference(events)));
  }, 60_000);
});
