import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { AreaProperties } from '../net/api';
import { LAYER_IDS } from './layers';
import type { PilotShapes } from './pilot-shapes';

const CHOSEN: [number, number, number, number] = [255, 209, 102, 255];

/**
 * The pilot communes and ward as their schematic cells over the district colours: outlined, the chosen one
 * filled and outlined like any chosen unit, so it stands out without hiding its district.
 */
export function pilotCellLayer(p: { shapes: PilotShapes; focus: string }) {
  return new GeoJsonLayer<AreaProperties>({
    id: LAYER_IDS.pilots,
    data: p.shapes.cells as PilotShapes['cells'][number][],
    filled: true,
    stroked: true,
    getFillColor: (f) => (f.properties.code === p.focus ? [255, 209, 102, 120] : [255, 255, 255, 40]),
    getLineColor: (f) => (f.properties.code === p.focus ? CHOSEN : [255, 255, 255, 200]),
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.code === p.focus ? 3 : 1.5),
    updateTriggers: { getFillColor: p.focus, getLineColor: p.focus, getLineWidth: p.focus },
  });
}

/** The Department of ICT, a unit with no territory, as a mark at its office; ringed when chosen. */
export function pilotMarkLayer(p: { shapes: PilotShapes; focus: string }) {
  return new ScatterplotLayer<PilotShapes['marks'][number]>({
    id: LAYER_IDS.pilotMarks,
    data: p.shapes.marks as PilotShapes['marks'][number][],
    getPosition: (m) => m.lonLat,
    radiusUnits: 'pixels',
    getRadius: (m) => (m.code === p.focus ? 9 : 6),
    getFillColor: (m) => (m.code === p.focus ? CHOSEN : [255, 255, 255, 220]),
    stroked: true,
    getLineColor: [10, 16, 24, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    updateTriggers: { getRadius: p.focus, getFillColor: p.focus },
  });
}
