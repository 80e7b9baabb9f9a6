import type { SensorReading } from '../../protocol';
import type { SensorSite } from '../../geo/sensor-site';
import { SensorField, sensorReadingEvent } from '../../simulators/sensor.simulator';
import { Weather } from '../../simulators/weather';
import type { HistorySpan, HourCell, SensorHistoryStore } from './history-store';

const DAY = 86_400_000;

/** Readings as columns, in time order. */
export interface ReadingColumns {
  tsMs: number[];
  value: number[];
}

/**
 * The sensor history before the event log's own readings. Full cadence for the whole span is read from the
 * seeded plan itself (the same `siteReadings` loop the live events come from, so a reading here is the reading
 * the log would hold): writing 63 M readings for 90 days took 155 s and 427 MB on this machine, generating one
 * site-day on read takes a few milliseconds. Hourly summaries come from the store the backfill wrote.
 */
export interface SensorArchive {
  readonly span: HistorySpan;
  readonly sites: readonly SensorSite[];
  site(siteId: string): SensorSite | undefined;
  /** Every reading of a site with fromMs ≤ tsMs < toMs, clipped to the span. */
  raw(siteId: string, fromMs: number, toMs: number): ReadingColumns;
  hourly(siteId: string, fromMs: number, toMs: number): HourCell[];
  /** The latest reading of a site before `atMs` within the span, looking back at most `lookBackMs`. */
  lastBefore(siteId: string, atMs: number, lookBackMs?: number): SensorReading | null;
  /** Readings of every site in [fromMs, toMs) as events, a day at a time (an export's pages), by time. */
  events(fromMs: number, toMs: number, areas?: readonly string[]): Generator<SensorReading[]>;
}

export function createSensorArchive(
  store: SensorHistoryStore,
  span: HistorySpan,
  sites: readonly SensorSite[],
): SensorArchive {
  const field = new SensorField(span.seed, sites, new Weather(span.seed));
  const index = new Map(sites.map((s, i) => [s.siteId, i]));
  const clip = (fromMs: number, toMs: number) =>
    [Math.max(fromMs, span.fromMs), Math.min(toMs, span.toMs)] as const;

  return {
    span,
    sites,
    site: (siteId) => {
      const i = index.get(siteId);
      return i === undefined ? undefined : sites[i];
    },
    raw(siteId, fromMs, toMs) {
      const out: ReadingColumns = { tsMs: [], value: [] };
      const i = index.get(siteId);
      const [a, b] = clip(fromMs, toMs);
      if (i === undefined || !(b > a)) return out;
      field.siteReadings(i, a, b, (_k, t, v) => {
        out.tsMs.push(t);
        out.value.push(v);
      });
      return out;
    },
    hourly: (siteId, fromMs, toMs) => store.hourly(siteId, ...clip(fromMs, toMs)),
    lastBefore(siteId, atMs, lookBackMs = 3 * DAY) {
      const i = index.get(siteId);
      if (i === undefined) return null;
      // Back a few hours at a time: a healthy site answers from the first window.
      for (
        let to = Math.min(atMs, span.toMs), step = 3_600_000;
        to > span.fromMs && to > atMs - lookBackMs;
      ) {
        const from = Math.max(span.fromMs, to - step, atMs - lookBackMs);
        let last: SensorReading | null = null;
        field.siteReadings(i, from, to, (k, t, v) => void (last = sensorReadingEvent(sites[i]!, k, t, v)));
        if (last) return last;
        to = from;
        step *= 4;
      }
      return null;
    },
    *events(fromMs, toMs, areas) {
      const [a, b] = clip(fromMs, toMs);
      const wanted = areas ? new Set(areas) : null;
      for (let t = a; t < b; t += DAY) {
        const page: SensorReading[] = [];
        const end = Math.min(b, t + DAY);
        sites.forEach((site, i) => {
          if (wanted && !wanted.has(site.area)) return;
          field.siteReadings(i, t, end, (k, ts, v) => void page.push(sensorReadingEvent(site, k, ts, v)));
        });
        yield page.sort((x, y) => x.tsMs - y.tsMs || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      }
    },
  };
}
