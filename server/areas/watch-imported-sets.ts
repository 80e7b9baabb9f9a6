import type { AreaSetRegistry } from '../../geo/area-sets';
import { loadAreaSetsDir } from '../../geo/area-sets-dir';
import { componentLogger, type Logger } from '../log/logger';

/** How often the data directory is read for sets imported while the server runs. */
const POLL_MS = 30_000;

/**
 * Picks up sets that `npm run geo:import` writes into the data directory while the server runs: each new one
 * joins the registry, so the map, the rollup and (on the site areas' next check) the sites' assignment follow
 * it without a restart. Polled rather than watched: `fs.watch` is unreliable on network and container mounts.
 */
export function watchImportedSets(
  dir: string,
  registry: AreaSetRegistry,
  log: Logger = componentLogger('areas'),
  pollMs = POLL_MS,
): () => void {
  const check = () => {
    for (const set of loadAreaSetsDir(dir).sets)
      if (registry.add(set)) log.info(`Area set imported while running: ${set.name}`);
  };
  const timer = setInterval(check, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
