import { ScatterplotLayer } from '@deck.gl/layers';
import type { LonLat } from '../../protocol';
import type { SiteMarker } from '../store/selectors';
import { STATUS_COLOURS, type ChoroplethScale, type Rgba } from './colours';

/** Stable ids of the wall's own layers (the district, site and label layers are layers.ts's). */
export const WALL_LAYER_IDS = { pulse: 'wall-alarm-pulse', focus: 'wall-alert-focus' } as const;

/**
 * Epidemic-level colours of Resolution 128/NQ-CP as the province's COVID map uses them: green (1, low),
 * yellow (2), orange (3), red (4, very high).
 */
export const EPIDEMIC_COLOURS: readonly Rgba[] = [
  [46, 160, 87, 215],
  [240, 200, 60, 215],
  [240, 130, 40, 225],
  [214, 48, 49, 235],
];

/** A categorical "scale" for levels 1–4, shaped like the choropleth scales so the legend and layer take it. */
export const EPIDEMIC_SCALE: ChoroplethScale = {
  key: 'epidemic-levels',
  colourOf: (level) => EPIDEMIC_COLOURS[Math.min(4, Math.max(1, Math.round(level))) - 1]!,
  classes: EPIDEMIC_COLOURS.map((colour, i) => ({ colour, from: i + 1, to: i + 1 })),
};

/**
 * Rings around sites in alarm that swell and shrink: `phase` flips twice a second. No deck.gl transition in
 * between: it would redraw every frame for good, which a software-rendered wall (and a week-long soak) pays
 * for; two draws a second read as a pulse from across the room.
 */
export function alarmPulseLayer(p: { markers: readonly SiteMarker[]; phase: 0 | 1; scale?: number }) {
  const alarms = p.markers.filter((m) => m.status === 'alarm');
  return new ScatterplotLayer<SiteMarker>({
    id: WALL_LAYER_IDS.pulse,
    data: alarms,
    getPosition: (m) => m.lonLat,
    filled: false,
    stroked: true,
    getLineColor: STATUS_COLOURS.alarm,
    lineWidthUnits: 'pixels',
    getLineWidth: 4,
    radiusUnits: 'pixels',
    getRadius: p.phase ? 28 : 14,
    radiusScale: p.scale ?? 1,
    lineWidthScale: p.scale ?? 1,
    updateTriggers: { getRadius: p.phase },
  });
}

/** A large ring on the place of the alert that holds the wall. */
export function alertFocusLayer(p: { lonLat: LonLat | null; scale?: number }) {
  return new ScatterplotLayer<LonLat>({
    id: WALL_LAYER_IDS.focus,
    data: p.lonLat ? [p.lonLat] : [],
    getPosition: (d) => d,
    filled: false,
    stroked: true,
    getLineColor: [255, 255, 255, 240],
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    radiusUnits: 'pixels',
    getRadius: 44,
    radiusScale: p.scale ?? 1,
    lineWidthScale: p.scale ?? 1,
  });
}
