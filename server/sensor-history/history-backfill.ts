import { vnDayNumber } from '../../protocol';
import type { SensorSite } from '../../geo/sensor-site';
import { SensorField } from '../../simulators/sensor.simulator';
import { HOURLY_FIELDS, sampledHourly } from '../../simulators/sensor-history';
import { dayStartMs } from '../../simulators/calendar';
import { Weather } from '../../simulators/weather';
import { dayKey, type HistorySpan, type SensorHistoryStore } from './history-store';

export interface HistoryPlan {
  seed: number;
  sites: readonly SensorSite[];
  /** First instant of the history (the start of the records). */
  fromMs: number;
  /** End of the history (exclusive): where the event log's own readings start. */
  toMs: number;
}

export interface HistoryProgress {
  /** Site-days written of the total. */
  done: number;
  total: number;
}

export const historySpan = (plan: HistoryPlan): HistorySpan => ({
  fromMs: plan.fromMs,
  toMs: plan.toMs,
  seed: plan.seed,
});

/**
 * Writes what the store lacks of the plan's hourly sensor summaries, a site at a time (one transaction, its
 * days in key order, so the table's pages fill in order). Hours outside [fromMs, toMs) are left out: before,
 * the records had not started; after, the event log holds the readings.
 */
export function writeSensorHistory(
  store: SensorHistoryStore,
  plan: HistoryPlan,
  onProgress: (p: HistoryProgress) => void = () => {},
): void {
  const field = new SensorField(plan.seed, plan.sites, new Weather(plan.seed));
  const sites = field.sites;
  const have = store.writtenDays();
  const firstDay = vnDayNumber(plan.fromMs);
  const lastDay = vnDayNumber(plan.toMs - 1);
  const perSite = lastDay - firstDay + 1;
  for (let s = 0; s < sites.length; s++) {
    const siteId = sites[s]!.siteId;
    const hours: { siteId: string; day: number; cells: Float64Array }[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      if (have.has(dayKey(siteId, day))) continue;
      const cells = sampledHourly(field, s, day);
      clipHours(cells, dayStartMs(day), plan.fromMs, plan.toMs);
      hours.push({ siteId, day, cells });
    }
    if (hours.length) store.writeHourly(hours);
    onProgress({ done: (s + 1) * perSite, total: sites.length * perSite });
  }
  store.setSpan(historySpan(plan));
}

/** Empties the hours of a day's cells that start outside [fromMs, toMs). */
function clipHours(cells: Float64Array, dayStart: number, fromMs: number, toMs: number): void {
  for (let h = 0; h < 24; h++) {
    const t = dayStart + h * 3_600_000;
    if (t >= fromMs && t < toMs) continue;
    cells.fill(NaN, h * HOURLY_FIELDS, (h + 1) * HOURLY_FIELDS);
    cells[h * HOURLY_FIELDS] = 0;
  }
}
