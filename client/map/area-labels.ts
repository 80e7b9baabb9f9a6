import { AREAS_2021, TAN_AN_WARDS_2021, type AreaInfo } from '../../geo/areas';
import { polygonContains, polygonsOf, representativePoint } from '../../geo/ring';
import type { AreaGeometry } from '../../protocol';
import type { AreasCollection } from '../net/api';
import { districtFeatures, type AreaFeature } from './layers';

const KNOWN_SEATS = new Map([...AREAS_2021, ...TAN_AN_WARDS_2021].map((a) => [a.code, a.seat]));

/** A label for one unit: where it is written and how much it matters when labels collide. */
export interface AreaLabel extends AreaInfo {
  priority: number;
}

function labelOf(f: AreaFeature, priority: number): AreaLabel {
  const { code, name, kind, parent } = f.properties;
  const known = KNOWN_SEATS.get(code);
  // The wire's positions are [lon, lat] pairs, as the protocol's schema has checked.
  const geometry = f.geometry as AreaGeometry;
  // The known seat when the drawn shape holds it (a real outline may not hold an approximate seat), else a
  // point inside the shape: a label must name the unit it sits on.
  const seat =
    known && polygonsOf(geometry).some((p) => polygonContains(p, known))
      ? known
      : representativePoint(geometry);
  return { code, name, kind, parent, seat, priority };
}

/**
 * Labels of the units drawn: the top unit's children (districts in 2021, wards and former districts since 2025),
 * and the children of `drilled` (Tân An's wards when the view stands in it). The focused unit wins every
 * collision, then the larger units, then the wards; the placement pass hides the losers.
 */
export function areaLabels(areas: AreasCollection | null, focus: string, drilled?: string): AreaLabel[] {
  if (!areas) return [];
  const top = districtFeatures(areas).map((f) =>
    labelOf(f, (f.properties.code === focus ? 1e6 : 1e3) + (f.properties.areaKm2 ?? 0)),
  );
  const below = drilled
    ? (areas.features as AreaFeature[])
        .filter((f) => f.properties.parent === drilled)
        .map((f) => labelOf(f, (f.properties.code === focus ? 1e6 : 0) + (f.properties.areaKm2 ?? 0)))
    : [];
  // The drilled unit's own label would sit on top of its wards' labels: its wards name it instead.
  return [...top.filter((l) => l.code !== drilled || below.length === 0), ...below];
}
