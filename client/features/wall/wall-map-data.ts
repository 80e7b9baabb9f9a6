import type { LngLatBoundsLike } from 'maplibre-gl';
import type { DashboardState } from '../../../protocol/state/dashboard-state';
import type { LonLat } from '../../../protocol';
import { siteStatus } from '../../../protocol/state/sensor-status';
import { DAY_MS, vnDateKey, vnDayStartMs } from '../../../protocol/time';
import { DISTRICT_PROFILES } from '../../../simulators/districts';
import { PROVINCE_CODE } from '../../../geo/areas';
import type { AreasCollection } from '../../net/api';
import { PROVINCE_BOUNDS } from '../../map/map-style';
import type { WallMetric } from './playlists';

const POPULATION = new Map(DISTRICT_PROFILES.map((d) => [d.code, d.population]));

/** Value per area code for the scene's metric at `nowMs` (scenario time). */
export function wallMetricValues(
  state: DashboardState,
  metric: WallMetric,
  nowMs: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const today = vnDateKey(nowMs);
  const start = vnDayStartMs(today);
  for (const [code, a] of Object.entries(state.areas)) {
    if (code === PROVINCE_CODE) continue;
    switch (metric) {
      case 'onlineToday':
        out[code] = a.daily[today]?.online ?? 0;
        break;
      case 'onTimeRate':
        out[code] = a.dossier.resolved
          ? Math.floor((1000 * a.dossier.resolvedOnTime) / a.dossier.resolved) / 10
          : 0;
        break;
      case 'covidPer100k': {
        // New cases of the last 7 days per 100,000 people: the measure the epidemic levels are set by.
        let week = 0;
        for (let i = 0; i < 7; i++) week += a.daily[vnDateKey(start - i * DAY_MS)]?.covidNewCases ?? 0;
        const pop = POPULATION.get(code);
        out[code] = pop ? Math.round((week * 100_000) / pop) : 0;
        break;
      }
      case 'epidemicLevel':
        out[code] = a.covid.epidemicLevel;
        break;
      case 'sensorAlarms':
        out[code] = 0;
        break;
    }
  }
  if (metric === 'sensorAlarms')
    for (const s of Object.values(state.sites))
      if (siteStatus(s, state.alerts, nowMs) === 'alarm') out[s.area] = (out[s.area] ?? 0) + 1;
  return out;
}

type Bounds = [[number, number], [number, number]];

/** The bounding box of an area's geometry in the set in force, or the province's when it is not there. */
export function areaBounds(areas: AreasCollection | null, code: string): LngLatBoundsLike {
  const f = areas?.features.find((x) => x.properties.code === code);
  if (!f) return PROVINCE_BOUNDS;
  const b: Bounds = [
    [Infinity, Infinity],
    [-Infinity, -Infinity],
  ];
  const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of rings)
    for (const ring of poly)
      for (const [lon, lat] of ring) {
        b[0][0] = Math.min(b[0][0], lon!);
        b[0][1] = Math.min(b[0][1], lat!);
        b[1][0] = Math.max(b[1][0], lon!);
        b[1][1] = Math.max(b[1][1], lat!);
      }
  return b;
}

/** About 10 km around a point: close enough to see the site, wide enough to see where it is. */
export function pointBounds([lon, lat]: LonLat): LngLatBoundsLike {
  const d = 0.05;
  return [
    [lon - d, lat - d],
    [lon + d, lat + d],
  ];
}
