import type { SensorKind } from '../../protocol';
import { monthChunks } from './days';
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
 * Daily summaries per site and kind from the store's `site_daily` aggregate (count, sum, min, max per site,
 * kind and day, kept in the append transaction), read one calendar month at a time: a download holds one
 * month of rows whatever its range, and never touches the readings themselves.
 */
export async function* siteDays(
  src: OpenDataSource,
  kinds: readonly SensorKind[],
  fromDay: string,
  toDay: string,
): AsyncGenerator<SiteDay> {
  for (const [chunkFrom, chunkTo] of monthChunks(fromDay, toDay))
    for (const r of await src.store.siteDaily(kinds, chunkFrom, chunkTo))
      yield {
        day: r.day,
        siteId: r.siteId,
        area: r.area,
        kind: r.kind as SensorKind,
        unit: r.unit,
        lonLat: [r.lon, r.lat],
        readings: r.n,
        mean: r.sum / r.n,
        min: r.min,
        max: r.max,
      };
}
