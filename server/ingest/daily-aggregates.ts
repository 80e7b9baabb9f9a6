import { METRICS, vnDateKey, type AreaRollup, type LoggedEvent } from '../../protocol';
import type { DailyAggregateRow } from '../store/event-store';

/**
 * Folds accepted events into per-day, per-area increments of every metric in the catalogue, so that a
 * three-year series is a read of a few thousand rows instead of a scan of millions of events.
 */
export function dailyIncrements(events: readonly LoggedEvent[], rollup: AreaRollup): DailyAggregateRow[] {
  const rows = new Map<string, DailyAggregateRow>();
  for (const e of events) {
    const day = e.stream === 'covid' ? e.date : vnDateKey(e.tsMs);
    for (const m of METRICS) {
      if (m.stream !== e.stream) continue;
      const value = m.value(e);
      const weight = m.weight ? m.weight(e) : 0;
      if (value === 0 && weight === 0) continue;
      for (const area of rollup(e.area)) {
        const key = `${m.name}|${area}|${day}`;
        const row = rows.get(key);
        if (row) {
          row.value += value;
          row.weight += weight;
        } else rows.set(key, { metric: m.name, area, day, value, weight });
      }
    }
  }
  return [...rows.values()];
}
