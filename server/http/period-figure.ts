import {
  metricDay,
  metricFigure,
  splitByDay,
  sumRows,
  type MetricDef,
  type MetricFigure,
} from '../../protocol';
import type { EventStore } from '../store/event-store';

/**
 * A metric over [fromMs, toMs): whole days from the daily aggregates, and the part of a day at either end
 * (a comparison cut at the clock time of a period in progress: 1–10 July until 08:00) from that part's events,
 * counted under the day they are aggregated under. `within` lists the area and the areas under it.
 */
export async function periodFigure(
  store: EventStore,
  metric: MetricDef,
  area: string,
  within: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<MetricFigure> {
  const parts = splitByDay({ fromMs, toMs });
  const whole = parts.filter((p) => p.whole);
  const sums =
    whole.length > 0
      ? sumRows(await store.dailyAggregates(metric.name, area, whole[0]!.day, whole.at(-1)!.day + '~'))
      : { value: 0, weight: 0 };
  for (const p of parts.filter((x) => !x.whole))
    for await (const e of store.iterateByTime({
      fromMs: p.fromMs,
      toMs: p.toMs,
      stream: metric.stream,
      areas: within,
    })) {
      if (metricDay(e) !== p.day) continue;
      sums.value += metric.value(e);
      sums.weight += metric.weight?.(e) ?? 0;
    }
  return metricFigure(metric, sums);
}
