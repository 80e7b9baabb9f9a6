import { latchSiteReadings, type DashboardState, type SensorReading } from '../../protocol';
import type { SensorArchive } from './sensor-archive';

/**
 * The state at `atMs` with each site's last reading from the sensor history (tsMs ≤ atMs) where the log has
 * none as recent: a replay before the log's own readings shows every site with its value and age. A site the
 * log has read since the history's end is left alone; so is a site with nothing in the last days (it says so).
 */
export function latchHistory(
  archive: SensorArchive | null,
  sites: readonly { siteId: string }[],
  state: DashboardState,
  atMs: number,
): DashboardState {
  if (!archive || atMs < archive.span.fromMs) return state;
  const readings: SensorReading[] = [];
  for (const { siteId } of sites) {
    const prev = state.sites[siteId];
    if (prev && prev.tsMs >= archive.span.toMs) continue;
    const r = archive.lastBefore(siteId, atMs + 1);
    if (r) readings.push(r);
  }
  return latchSiteReadings(state, readings);
}
