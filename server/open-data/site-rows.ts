import { vnDayStartMs, type SensorKind } from '../../protocol';
import { addDays } from './days';
import type { OpenDataSource } from './source';

export interface SiteDay {
  day: string;
  siteId: string;
  area: string;
  kind: SensorKind;
  unit: string;
  lonLat: [number, number];
  readings: number;
  mean: number;
  min: number;
  max: number;
}

/**
 * Daily summaries per site and kind, computed from the logged readings one day at a time (the log is the
 * truth, and min/max are not additive, so the per-area daily aggregates cannot give them). Only days the
 * province's `sensor.readings` aggregate marks as holding readings are scanned.
 */
export async function* siteDays(
  src: OpenDataSource,
  kinds: readonly SensorKind[],
  fromDay: string,
  toDay: string,
  provinceCode: string,
): AsyncGenerator<SiteDay> {
  const days = await src.store.dailyAggregates('sensor.readings', provinceCode, fromDay, toDay);
  for (const { day } of days) {
    const sites = new Map<string, SiteDay>();
    const fromMs = vnDayStartMs(day);
    const toMs = vnDayStartMs(addDays(day, 1));
    for await (const e of src.store.iterateByTime({ fromMs, toMs, stream: 'sensor' })) {
      if (e.stream !== 'sensor' || !kinds.includes(e.kind)) continue;
      const key = e.siteId + '|' + e.kind;
      const s = sites.get(key);
      if (!s) {
        sites.set(key, {
          day,
          siteId: e.siteId,
          area: e.area,
          kind: e.kind,
          unit: e.unit,
          lonLat: e.lonLat,
          readings: 1,
          mean: e.value,
          min: e.value,
          max: e.value,
        });
        continue;
      }
      s.readings += 1;
      // Running mean: the sum of a day of readings never has to be kept.
      s.mean += (e.value - s.mean) / s.readings;
      s.min = Math.min(s.min, e.value);
      s.max = Math.max(s.max, e.value);
    }
    yield* [...sites.values()].sort((a, b) => (a.siteId + a.kind < b.siteId + b.kind ? -1 : 1));
  }
}
