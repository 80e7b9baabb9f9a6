import {
  METRIC,
  eventCountSource,
  metricDay,
  vnDayStartMs,
  DAY_MS,
  type KpiProvenance,
  type MetricDef,
} from '../../protocol';
import type { DailyAggregateRow, EventStore } from '../store/event-store';

/** The events behind a metric's rows, read as {@link eventCountSource} says. */
export function countEvents(rows: readonly DailyAggregateRow[], use: 'value' | 'weight' | 'both'): number {
  let n = 0;
  for (const r of rows) n += use === 'value' ? r.value : use === 'weight' ? r.weight : r.value + r.weight;
  return n;
}

/**
 * Event times of the newest events that counted towards each metric on its own last day. Metrics of the same
 * stream and day share one read of that day's events (plus the next day, where a COVID report for the day may
 * arrive), so a whole scorecard costs a day or two of events, whatever the period.
 */
export async function lastEventsOnDays(
  store: EventStore,
  wanted: readonly { metric: MetricDef; day: string }[],
  areas: readonly string[],
  toMs: number,
): Promise<Map<MetricDef, number>> {
  const last = new Map<MetricDef, number>();
  const groups = new Map<string, MetricDef[]>();
  for (const w of wanted) {
    const key = `${w.metric.stream}|${w.day}`;
    groups.set(key, [...(groups.get(key) ?? []), w.metric]);
  }
  for (const [key, metrics] of groups) {
    const [stream, day] = key.split('|') as [MetricDef['stream'], string];
    const fromMs = vnDayStartMs(day);
    const events = store.iterateByTime({ fromMs, toMs: Math.min(toMs, fromMs + 2 * DAY_MS), stream, areas });
    for await (const e of events) {
      if (metricDay(e) !== day) continue;
      for (const m of metrics) {
        if (m.value(e) === 0 && (m.weight?.(e) ?? 0) === 0) continue;
        if (e.tsMs > (last.get(m) ?? -Infinity)) last.set(m, e.tsMs);
      }
    }
  }
  return last;
}

/** Provenance of each metric over [fromDay, toDay): formula, events behind it and the newest of them. */
export async function provenanceOfAll(
  store: EventStore,
  metrics: readonly MetricDef[],
  area: string,
  areasWithin: readonly string[],
  range: { fromDay: string; toDay: string; toMs: number },
): Promise<KpiProvenance[]> {
  const counted = await Promise.all(
    metrics.map(async (metric) => {
      const source = eventCountSource(metric);
      const countMetric = METRIC[source.metric];
      const rows = await store.dailyAggregates(countMetric.name, area, range.fromDay, range.toDay);
      return { metric, countMetric, events: countEvents(rows, source.use), day: rows.at(-1)?.day };
    }),
  );
  const wanted = counted.flatMap((c) => (c.day ? [{ metric: c.countMetric, day: c.day }] : []));
  const last = await lastEventsOnDays(store, wanted, areasWithin, range.toMs);
  return counted.map(({ metric, countMetric, events, day }) => ({
    metric: metric.name,
    stream: metric.stream,
    formula: metric.formula,
    unit: metric.unit,
    events,
    lastEventTsMs: day ? (last.get(countMetric) ?? null) : null,
  }));
}
