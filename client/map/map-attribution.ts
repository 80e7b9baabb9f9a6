import neighbours from '../../geo/data/neighbour-provinces.geo.json';
import type { AreasCollection } from '../net/api';

/** The attribution the boundaries' licences ask for (../shared/open-geo/SOURCE.md): the set's, the neighbours'. */
export function mapAttribution(areas: AreasCollection | null): string {
  return [areas?.attribution, neighbours.attribution].filter(Boolean).join(' · ');
}

/**
 * The same, each source cited once, for a wall where every character costs a seat-legible line: the
 * neighbours are public domain and ask only that geoBoundaries be cited, which the set's attribution already
 * does when its boundaries are geoBoundaries' too.
 */
export function compactMapAttribution(areas: AreasCollection | null): string {
  return areas?.attribution?.includes('geoBoundaries') ? areas.attribution : mapAttribution(areas);
}
