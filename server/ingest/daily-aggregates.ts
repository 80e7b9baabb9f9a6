import {
  METRICS,
  STREAMS,
  vnDateKey,
  vnDayNumber,
  type AreaRollup,
  type LoggedEvent,
  type MetricDef,
} from '../../protocol';
import type { DailyAggregateRow } from '../store/event-store';

const METRICS_BY_STREAM = new Map(STREAMS.map((s) => [s, METRICS.filter((m) => m.stream === s)]));

/**
 * Folds accepted events into per-day, per-area increments of every metric in the catalogue, so that a
 * three-year series is a read of a few thousand rows instead of a scan of millions of events.
 */
export function dailyIncrements(events: readonly LoggedEvent[], rollup: AreaRollup): DailyAggregateRow[] {
  const rows = new Map<string, DailyAggregateRow>();
  let lastDayNumber = NaN;
  let lastDay = '';
  for (const e of events) {
    let day: string;
    if (e.stream === 'covid') day = e.date;
    else {
      // Events come roughly in time order, so the day string is rarely rebuilt.
      const dayNumber = vnDayNumber(e.tsMs);
      if (dayNumber !== lastDayNumber) {
        lastDayNumber = dayNumber;
        lastDay = vnDateKey(e.tsMs);
      }
      day = lastDay;
    }
    for (const m of METRICS_BY_STREAM.get(e.stream) as MetricDef[]) {
      const value = m.value(e);
      const weight = m.weight ? m.weight(e) : 0;
      if (value === 0 && weight === 0) continue;
      for (const area of rollup(e.area)) {
        const key = m.name + '|' + area + '|' + day;
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
