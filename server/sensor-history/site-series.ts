import {
  vnDateKey,
  vnDayNumber,
  vnDayStartMs,
  vnIso,
  type SiteSeriesBucket,
  type SiteSeriesResponse,
} from '../../protocol';
import type { SensorSite } from '../../geo/sensor-site';
import type { EventStore } from '../store/event-store';
import type { SensorArchive } from './sensor-archive';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A reading's time to the millisecond, in Vietnam time (`vnIso` keeps whole seconds: buckets). */
const vnIsoMs = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 23) + '+07:00';

/** A bucket being summed: readings, their sum, min and max. */
interface Cell {
  count: number;
  sum: number;
  min: number;
  max: number;
}

const bucketStart = (tMs: number, bucket: 'hour' | 'day') =>
  bucket === 'hour' ? Math.floor(tMs / HOUR) * HOUR : vnDayNumber(tMs) * DAY - 7 * HOUR;

function add(cells: Map<number, Cell>, t: number, c: Cell): void {
  const cur = cells.get(t);
  if (!cur) return void cells.set(t, { ...c });
  cur.count += c.count;
  cur.sum += c.sum;
  cur.min = Math.min(cur.min, c.min);
  cur.max = Math.max(cur.max, c.max);
}

/** The log's readings of one site in [fromMs, toMs), by time: narrowed to its area by the store's index. */
async function logReadings(store: EventStore, site: SensorSite, fromMs: number, toMs: number) {
  const out: { tsMs: number; value: number }[] = [];
  if (!(toMs > fromMs)) return out;
  for await (const e of store.iterateByTime({ fromMs, toMs, stream: 'sensor', areas: [site.area] }))
    if (e.stream === 'sensor' && e.siteId === site.siteId) out.push({ tsMs: e.tsMs, value: e.value });
  return out.sort((a, b) => a.tsMs - b.tsMs);
}

/**
 * One site's readings over [fromMs, toMs): from the sensor history before its end (`archive.span.toMs`), from
 * the event log after it. Raw points are the readings; hour and day buckets are count, min, max and mean,
 * summed across the seam (a day can hold hours of both).
 */
export async function buildSiteSeries(
  store: EventStore,
  archive: SensorArchive | null,
  site: SensorSite,
  bucket: SiteSeriesBucket,
  fromMs: number,
  toMs: number,
): Promise<SiteSeriesResponse> {
  const seam = archive ? Math.min(Math.max(fromMs, archive.span.toMs), toMs) : fromMs;
  const head = { siteId: site.siteId, kind: site.kind, unit: site.unit, bucket };
  // Long stretches of the log summarised by day: its per-site daily summaries instead of every reading.
  const fromDaily = bucket === 'day' && toMs - seam > 2 * DAY;
  const logged = fromDaily ? [] : await logReadings(store, site, seam, toMs);
  if (bucket === 'raw') {
    const points: SiteSeriesResponse['points'] = [];
    if (archive) {
      const r = archive.raw(site.siteId, fromMs, seam);
      for (let i = 0; i < r.tsMs.length; i++) points.push({ t: vnIsoMs(r.tsMs[i]!), value: r.value[i]! });
    }
    for (const r of logged) points.push({ t: vnIsoMs(r.tsMs), value: r.value });
    return { ...head, points };
  }
  const cells = new Map<number, Cell>();
  if (archive)
    for (const h of archive.hourly(site.siteId, bucketStart(fromMs, 'hour'), seam))
      add(cells, bucketStart(h.hourMs, bucket), {
        count: h.count,
        sum: h.mean * h.count,
        min: h.min,
        max: h.max,
      });
  if (fromDaily) {
    const rows = await store.siteDaily([site.kind], vnDateKey(seam), vnDateKey(toMs - 1) + '~');
    for (const r of rows)
      if (r.siteId === site.siteId)
        add(cells, vnDayStartMs(r.day), { count: r.n, sum: r.sum, min: r.min, max: r.max });
  } else {
    for (const r of logged)
      add(cells, bucketStart(r.tsMs, bucket), { count: 1, sum: r.value, min: r.value, max: r.value });
  }
  const points = [...cells.entries()]
    .filter(([t, c]) => c.count > 0 && t + (bucket === 'hour' ? HOUR : DAY) > fromMs && t < toMs)
    .sort((a, b) => a[0] - b[0])
    .map(([t, c]) => ({
      t: vnIso(t),
      mean: Math.round((c.sum / c.count) * 1000) / 1000,
      min: c.min,
      max: c.max,
      count: Math.round(c.count),
    }));
  return { ...head, points };
}
