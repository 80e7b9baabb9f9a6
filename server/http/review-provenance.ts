import {
  METRICS_BY_NAME,
  vnDateKey,
  vnDayStartMs,
  DAY_MS,
  type IocEvent,
  type KpiProvenance,
  type MetricDef,
} from '../../protocol';
import type { DailyAggregateRow, EventStore } from '../store/event-store';

/**
 * How many events stand behind a metric's aggregate. A 0/1 count is its own event count and a ratio's weight
 * counts its denominator events; COVID sums (cases, doses) count reports, and the payment share counts both
 * the payments and the submissions it divides by.
 */
const EVENT_COUNT: Readonly<Record<string, { metric: string; use: 'value' | 'weight' | 'both' }>> = {
  'covid.new_cases': { metric: 'covid.reports', use: 'value' },
  'covid.recovered': { metric: 'covid.reports', use: 'value' },
  'covid.deaths': { metric: 'covid.reports', use: 'value' },
  'covid.vaccine_doses': { metric: 'covid.reports', use: 'value' },
  'dossier.online_payment_share': { metric: 'dossier.online_payment_share', use: 'both' },
};

export function eventCountSource(metric: MetricDef): { metric: string; use: 'value' | 'weight' | 'both' } {
  return (
    EVENT_COUNT[metric.name] ?? { metric: metric.name, use: metric.kind === 'ratio' ? 'weight' : 'value' }
  );
}

export function countEvents(rows: readonly DailyAggregateRow[], use: 'value' | 'weight' | 'both'): number {
  let n = 0;
  for (const r of rows) n += use === 'value' ? r.value : use === 'weight' ? r.weight : r.value + r.weight;
  return n;
}

/** The day an event is aggregated under: a COVID report under the day it covers, anything else its own. */
function aggregateDay(e: IocEvent): string {
  return e.stream === 'covid' ? e.date : vnDateKey(e.tsMs);
}

/**
 * Event time of the newest event that counted towards the metric on `day`. Only that day's events are read
 * (plus the next day, where a COVID report for `day` may arrive), so this stays cheap whatever the period.
 */
export async function lastEventOnDay(
  store: EventStore,
  metric: MetricDef,
  areas: readonly string[],
  day: string,
  toMs: number,
): Promise<number | null> {
  const fromMs = vnDayStartMs(day);
  let last: number | null = null;
  const events = store.iterateByTime({
    fromMs,
    toMs: Math.min(toMs, fromMs + 2 * DAY_MS),
    stream: metric.stream,
    areas,
  });
  for await (const e of events) {
    if (aggregateDay(e) !== day) continue;
    if (metric.value(e) === 0 && (metric.weight?.(e) ?? 0) === 0) continue;
    if (last === null || e.tsMs > last) last = e.tsMs;
  }
  return last;
}

/** Provenance of a metric over aggregate rows already read for [fromMs, toMs). */
export async function provenanceOf(
  store: EventStore,
  metric: MetricDef,
  area: string,
  areasWithin: readonly string[],
  fromDay: string,
  toDay: string,
  toMs: number,
): Promise<KpiProvenance> {
  const source = eventCountSource(metric);
  const countMetric = METRICS_BY_NAME.get(source.metric)!;
  const rows = await store.dailyAggregates(countMetric.name, area, fromDay, toDay);
  const events = countEvents(rows, source.use);
  const lastDay = rows.at(-1)?.day;
  const lastEventTsMs = lastDay ? await lastEventOnDay(store, countMetric, areasWithin, lastDay, toMs) : null;
  return {
    metric: metric.name,
    stream: metric.stream,
    formula: metric.formula,
    unit: metric.unit,
    events,
    lastEventTsMs,
  };
}
