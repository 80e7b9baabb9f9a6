import type { LngLatBoundsLike, StyleSpecification } from 'maplibre-gl';

/**
 * An offline style: a background and nothing else. No tiles, sprites or glyph server, so the wall display works
 * on a closed network; all drawing (areas, sites, labels) is deck.gl's.
 */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0a131d' } }],
};

/** Long An's extent, `[[west, south], [east, north]]` in degrees. */
export const PROVINCE_BOUNDS: LngLatBoundsLike = [
  [105.5, 10.4],
  [106.75, 11.03],
];
