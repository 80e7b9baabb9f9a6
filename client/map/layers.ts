import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaInfo } from '../../geo/areas';
import type { AreaProperties, AreasCollection } from '../net/api';
import type { SensorStatus } from '../../protocol';
import type { SiteMarker } from '../store/selectors';
import { OUTSIDE_RING, STATUS_COLOURS, type ChoroplethScale } from './colours';
import { LABEL_FONT, LABEL_WEIGHT } from './label-font';

/** Stable layer ids: deck.gl matches layers across renders by id, so these must never change. */
export const LAYER_IDS = {
  neighbours: 'neighbour-provinces',
  districts: 'district-choropleth',
  sensors: 'sensor-sites',
  labels: 'district-labels',
  wards: 'drill-down-wards',
  focus: 'focused-area',
  pilots: 'pilot-units',
  pilotMarks: 'pilot-agency-marks',
} as const;

export { LABEL_FONT, LABEL_WEIGHT } from './label-font';
export const LABEL_SIZE_PX = 15;
export const LABEL_OFFSET_PX = 14;

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties>;

/**
 * Only the top unit's direct children are coloured (districts in 2021, wards since 2025): the province outline
 * would cover them, and Tân An's wards are drawn by the drill-down's own layer.
 */
const districtsCache = new WeakMap<AreasCollection, AreaFeature[]>();
export function districtFeatures(areas: AreasCollection): AreaFeature[] {
  let f = districtsCache.get(areas);
  if (!f) {
    const top = areas.features.find((x) => x.properties.parent === null)?.properties.code;
    f = areas.features.filter((x) => x.properties.parent !== null && x.properties.parent === top);
    districtsCache.set(areas, f);
  }
  return f;
}

export function districtLayer(p: {
  areas: AreasCollection;
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  /** Changes when the colouring metric changes; part of the update trigger. */
  metric: string;
}) {
  return new GeoJsonLayer<AreaProperties>({
    id: LAYER_IDS.districts,
    data: districtFeatures(p.areas),
    filled: true,
    stroked: true,
    getFillColor: (f) => p.scale.colourOf(p.values[f.properties.code] ?? 0),
    getLineColor: [210, 225, 240, 200],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
    // `values` is a new object only when the state changed (memoised upstream), so colours recompute then.
    updateTriggers: { getFillColor: [p.metric, p.scale.key, p.values] },
  });
}

/** Alarms are bigger as well as red: a wall display is read from across the room. Pixels, before scaling. */
export const markerRadius = (status: SensorStatus): number =>
  status === 'alarm' ? 9 : status === 'warning' ? 7 : 5;

/** The dark ring that keeps a marker apart from its neighbours and the choropleth under it. */
export const SENSOR_OUTLINE = {
  stroked: true,
  getLineColor: [10, 16, 24, 255] as [number, number, number, number],
  lineWidthUnits: 'pixels',
  getLineWidth: 2,
} as const;

/** A site as the map draws it: `outside` when the set in force places it in no unit (after an import). */
export type MapMarker = SiteMarker & { outside?: boolean };

/** `scale` multiplies marker and label sizes (the wall passes its width over 1920 px, so a 4K wall reads alike). */
export function sensorLayer(p: { markers: readonly MapMarker[]; scale?: number }) {
  // One character per site: the trigger changes exactly when some site's status (or placement) does.
  const statusKey = p.markers.map((m) => (m.outside ? m.status[0]!.toUpperCase() : m.status[0])).join('');
  return new ScatterplotLayer<MapMarker>({
    id: LAYER_IDS.sensors,
    data: p.markers,
    // A click opens the site's panel (MapView's onPick).
    pickable: true,
    getPosition: (m) => m.lonLat,
    getFillColor: (m) => STATUS_COLOURS[m.status],
    getRadius: (m) => markerRadius(m.status),
    radiusUnits: 'pixels',
    radiusScale: p.scale ?? 1,
    lineWidthScale: p.scale ?? 1,
    ...SENSOR_OUTLINE,
    getLineColor: (m) => (m.outside ? OUTSIDE_RING : SENSOR_OUTLINE.getLineColor),
    getLineWidth: (m) => (m.outside ? 4 : SENSOR_OUTLINE.getLineWidth),
    updateTriggers: {
      getFillColor: statusKey,
      getRadius: statusKey,
      getLineColor: statusKey,
      getLineWidth: statusKey,
    },
  });
}

/**
 * `offsetPx` lifts each name above its point (default {@link LABEL_OFFSET_PX} × `scale`, so the sites at a seat
 * stay visible); the wall writes names on their point, where a small map has room for them.
 */
export function labelLayer(p: { districts: readonly AreaInfo[]; scale?: number; offsetPx?: number }) {
  return new TextLayer<AreaInfo>({
    id: LAYER_IDS.labels,
    data: p.districts,
    getPosition: (a) => a.seat,
    getText: (a) => a.name,
    // 'auto' builds the atlas from the text itself, so Vietnamese diacritics (ă, ơ, ư, ạ …) all render.
    characterSet: 'auto',
    fontFamily: LABEL_FONT,
    fontWeight: LABEL_WEIGHT,
    getSize: LABEL_SIZE_PX,
    sizeUnits: 'pixels',
    sizeScale: p.scale ?? 1,
    getColor: [240, 244, 248, 255],
    fontSettings: { sdf: true },
    outlineWidth: 3,
    outlineColor: [8, 14, 22, 230],
    getPixelOffset: [0, -(p.offsetPx ?? LABEL_OFFSET_PX * (p.scale ?? 1))],
  });
}

/** The provinces around, drawn muted under everything: context, never data. */
export function neighbourLayer(data: FeatureCollection<Polygon | MultiPolygon, { name: string }>) {
  return new GeoJsonLayer<{ name: string }>({
    id: LAYER_IDS.neighbours,
    data,
    filled: true,
    stroked: true,
    getFillColor: [22, 32, 44, 255],
    getLineColor: [58, 72, 88, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
  });
}

/** The chosen unit, outlined thick over the colours so it stands out at any zoom. */
export function focusLayer(feature: AreaFeature | undefined) {
  return new GeoJsonLayer<AreaProperties>({
    id: LAYER_IDS.focus,
    data: feature ? [feature] : [],
    filled: false,
    stroked: true,
    getLineColor: [255, 209, 102, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
  });
}

/**
 * The drill-down's wards (Tân An's, in the set drawn) as outlines over the district colours, the focused one
 * filled, so a ward focus shows where it is without hiding the city's colour.
 */
export function wardLayer(p: { features: readonly AreaFeature[]; focus: string }) {
  return new GeoJsonLayer<AreaProperties>({
    id: LAYER_IDS.wards,
    data: p.features as AreaFeature[],
    filled: true,
    stroked: true,
    getFillColor: (f) => (f.properties.code === p.focus ? [255, 209, 102, 110] : [0, 0, 0, 0]),
    getLineColor: [255, 255, 255, 150],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getFillColor: p.focus },
  });
}
