import { DAY_MS, vnDateKey, vnDayStartMs, type SensorKind } from '../../protocol';
import type { SensorArchive } from '../sensor-history/sensor-archive';
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
  const archive = src.sensorArchive?.() ?? null;
  for (const [chunkFrom, chunkTo] of monthChunks(fromDay, toDay)) {
    const rows = archive ? historyDays(archive, kinds, chunkFrom, chunkTo) : new Map<string, Summed>();
    for (const r of await src.store.siteDaily(kinds, chunkFrom, chunkTo)) {
      const key = `${r.day}|${r.siteId}|${r.kind}`;
      const h = rows.get(key);
      const row: Summed = {
        day: r.day,
        siteId: r.siteId,
        area: r.area,
        kind: r.kind as SensorKind,
        unit: r.unit,
        lonLat: [r.lon, r.lat],
        readings: r.n,
        sum: r.sum,
        min: r.min,
        max: r.max,
      };
      // The seam day: the history's early hours and the log's readings after them.
      if (h) {
        row.readings += h.readings;
        row.sum += h.sum;
        row.min = Math.min(row.min, h.min);
        row.max = Math.max(row.max, h.max);
      }
      rows.set(key, row);
    }
    const ordered = [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [, { sum, ...r }] of ordered) yield { ...r, mean: sum / r.readings };
  }
}

type Summed = Omit<SiteDay, 'mean'> & { sum: number };

/**
 * Site days of [fromDay, toDay) from the sensor history's hourly summaries (so `readings` is estimated where
 * those are: see sensor-history.ts), keyed as the rows are ordered: day, site, kind.
 */
function historyDays(
  archive: SensorArchive,
  kinds: readonly SensorKind[],
  fromDay: string,
  toDay: string,
): Map<string, Summed> {
  const out = new Map<string, Summed>();
  const end = Math.min(vnDayStartMs(toDay), archive.span.toMs);
  for (
    let t = Math.max(vnDayStartMs(fromDay), vnDayStartMs(vnDateKey(archive.span.fromMs)));
    t < end;
    t += DAY_MS
  ) {
    const day = vnDateKey(t);
    for (const site of archive.sites) {
      if (!kinds.includes(site.kind)) continue;
      const hours = archive.hourly(site.siteId, t, Math.min(t + DAY_MS, end));
      if (hours.length === 0) continue;
      const row: Summed = {
        day,
        siteId: site.siteId,
        area: site.area,
        kind: site.kind,
        unit: site.unit,
        lonLat: [site.lonLat[0], site.lonLat[1]],
        readings: 0,
        sum: 0,
        min: Infinity,
        max: -Infinity,
      };
      for (const h of hours) {
        row.readings += h.count;
        row.sum += h.mean * h.count;
        row.min = Math.min(row.min, h.min);
        row.max = Math.max(row.max, h.max);
      }
      out.set(`${day}|${site.siteId}|${site.kind}`, row);
    }
  }
  return out;
}
