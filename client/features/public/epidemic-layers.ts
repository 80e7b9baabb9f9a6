import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaInfo } from '../../../geo/areas';
import type { PublicAreas, PublicCovid } from '../../../protocol/public.schema';
import { LEVEL_COLOURS } from './epidemic-levels';

type Props = PublicAreas['features'][number]['properties'];
type AreaFeature = Feature<Polygon | MultiPolygon, Props>;

/** Districts coloured by their epidemic level; the province outline is left out so it covers nothing. */
export function epidemicLayer(areas: PublicAreas, covid: PublicCovid | null, onPick: (code: string) => void) {
  const levels = levelsOf(covid);
  return new GeoJsonLayer<Props>({
    id: 'public-epidemic-levels',
    data: areas.features.filter((f) => f.properties.parent !== null) as AreaFeature[],
    filled: true,
    stroked: true,
    getFillColor: (f) => LEVEL_COLOURS[levels[f.properties.code] ?? 1]!,
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    // A tap names the district under the map: names drawn on a phone-sized map would overlap.
    pickable: true,
    onClick: (info) => {
      if (info.object) onPick((info.object as AreaFeature).properties.code);
    },
    // A new report changes `covid` (a new object from the server), and only then do colours recompute.
    updateTriggers: { getFillColor: [covid?.generatedAtMs] },
  });
}

function levelsOf(covid: PublicCovid | null): Record<string, number> {
  const levels: Record<string, number> = {};
  for (const d of covid?.districts ?? []) levels[d.code] = d.epidemicLevel;
  return levels;
}

/** Each district's level as a number at its seat, readable without the colours. */
export function levelNumberLayer(districts: readonly AreaInfo[], covid: PublicCovid | null) {
  const levels = levelsOf(covid);
  return new TextLayer<AreaInfo>({
    id: 'public-level-numbers',
    data: districts,
    getPosition: (a) => a.seat,
    getText: (a) => String(levels[a.code] ?? 1),
    fontFamily: '"Be Vietnam Pro", system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
    fontWeight: 700,
    getSize: 13,
    sizeUnits: 'pixels',
    getColor: [255, 255, 255, 255],
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: [30, 30, 30, 220],
    updateTriggers: { getText: [covid?.generatedAtMs] },
  });
}
