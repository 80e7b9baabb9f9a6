import { vnDateKey } from '../time';
import type { DashboardState } from './dashboard-state';
import { covidWeekPer100k, onlineOnDay, onTimeRate } from './kpis';
import { siteStatus } from './sensor-status';

/**
 * What a map's areas are coloured by, on the operator screen and the wall:
 * - `onlineToday`: online submissions on the day of `nowMs`;
 * - `onTimeRate`: resolved on time per 100 resolved (a percentage, 0–100, so the legend's classes read in %);
 * - `covidCumulative`: COVID cases reported so far;
 * - `covidPer100k`: new cases of the last 7 days per 100,000 people;
 * - `epidemicLevel`: the epidemic level of the latest report (1–4);
 * - `sensorAlarms`: sites in alarm in the area or under it.
 */
export type MapMetric =
  'onlineToday' | 'onTimeRate' | 'covidCumulative' | 'covidPer100k' | 'epidemicLevel' | 'sensorAlarms';

export interface MapMetricContext {
  /** People per area code, for per-capita metrics; an area without one has no value. */
  population?: ReadonlyMap<string, number>;
  /** The areas a site's area counts towards (itself and those above); by default itself only. */
  rollup?: (area: string) => readonly string[];
}

/**
 * The one selector of map values: value per area code of `metric` at `nowMs` (scenario time). Areas without a
 * figure (no resolved dossier, no population) are left out rather than drawn as 0. Not rounded.
 */
export function mapMetricValues(
  state: DashboardState,
  metric: MapMetric,
  nowMs: number,
  ctx: MapMetricContext = {},
): Record<string, number> {
  const out: Record<string, number> = {};
  if (metric === 'sensorAlarms') {
    for (const code of Object.keys(state.areas)) out[code] = 0;
    for (const s of Object.values(state.sites))
      if (siteStatus(s, state.alerts, nowMs) === 'alarm')
        for (const code of ctx.rollup ? ctx.rollup(s.area) : [s.area]) out[code] = (out[code] ?? 0) + 1;
    return out;
  }
  const today = vnDateKey(nowMs);
  for (const [code, a] of Object.entries(state.areas)) {
    let v: number | null;
    switch (metric) {
      case 'onlineToday':
        v = onlineOnDay(a, today);
        break;
      case 'onTimeRate': {
        const r = onTimeRate(a.dossier);
        v = r === null ? null : r * 100;
        break;
      }
      case 'covidCumulative':
        v = a.covid.cumulativeCases;
        break;
      case 'covidPer100k':
        v = covidWeekPer100k(a, nowMs, ctx.population?.get(code));
        break;
      case 'epidemicLevel':
        v = a.covid.epidemicLevel;
        break;
    }
    if (v !== null) out[code] = v;
  }
  return out;
}
