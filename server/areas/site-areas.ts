import type { LonLat, SiteAreasResponse } from '../../protocol';
import type { AreaSet } from '../../geo/area-set';
import { createSiteAssignments, siteAreasBody } from '../../geo/site-assignments';
import type { Clock } from '../clock';
import { componentLogger, type Logger } from '../log/logger';

/** How often the live clock is checked against the validity dates; a scenario clock may run fast. */
const CHECK_MS = 5_000;

export interface SiteAreas {
  /** The assignment of the sites under the set in force at `atMs` (`GET /api/areas/sites`). */
  body(atMs: number): SiteAreasResponse;
  stop(): void;
}

/**
 * Keeps the sensor sites assigned to the units of the set in force: replay asks for any instant, and the live
 * clock is watched so that crossing a validity date (1 July 2025) re-assigns the sites at once and says so.
 */
export function createSiteAreas(
  setAt: (tsMs: number) => Pick<AreaSet, 'collection'>,
  sites: readonly { siteId: string; lonLat: LonLat }[],
  clock: Clock,
  log: Logger = componentLogger('areas'),
): SiteAreas {
  const assignments = createSiteAssignments(setAt, sites, (next, previous) => {
    if (previous)
      log.info(
        `Area set in force: ${next.set.collection.name} (was ${previous.set.collection.name}); sites re-assigned`,
      );
  });
  assignments.current(clock.now());
  const timer = setInterval(() => assignments.current(clock.now()), CHECK_MS);
  timer.unref();
  return {
    body: (atMs) => siteAreasBody(assignments.at(atMs)),
    stop: () => clearInterval(timer),
  };
}
