import type { MetricName } from '../../protocol';
import type { DailyAggregateRow } from '../store/event-store';
import { daysOf, monthChunks } from './days';
import type { OpenDataSource } from './source';

export interface DistrictDay {
  day: string;
  code: string;
  name: string;
  /** The day's aggregate of `metric` in this district, or undefined when nothing counted that day. */
  get(metric: MetricName): DailyAggregateRow | undefined;
}

/**
 * Every (day, district) of [fromDay, toDay) with the daily aggregates of `metrics`, day by day. The aggregates
 * are read one calendar month at a time, so memory holds one month of one dataset whatever the range.
 */
export async function* districtDays(
  src: OpenDataSource,
  metrics: readonly MetricName[],
  fromDay: string,
  toDay: string,
): AsyncGenerator<DistrictDay> {
  for (const [chunkFrom, chunkTo] of monthChunks(fromDay, toDay)) {
    const byDistrict = new Map<string, Map<string, DailyAggregateRow>>();
    for (const d of src.districts) {
      const rows = new Map<string, DailyAggregateRow>();
      for (const metric of metrics)
        for (const row of await src.store.dailyAggregates(metric, d.code, chunkFrom, chunkTo))
          rows.set(metric + '|' + row.day, row);
      byDistrict.set(d.code, rows);
    }
    for (const day of daysOf(chunkFrom, chunkTo))
      for (const d of src.districts) {
        const rows = byDistrict.get(d.code)!;
        yield { day, code: d.code, name: d.name, get: (metric) => rows.get(metric + '|' + day) };
      }
  }
}
