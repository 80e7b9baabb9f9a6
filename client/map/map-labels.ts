import type { Layer, LayersList } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AreaInfo } from '../../geo/areas';
import { placeLabels, type PlacedLabel } from './label-placement';
import { LABEL_FONT, LABEL_OFFSET_PX, LABEL_SIZE_PX, LABEL_WEIGHT, LAYER_IDS } from './layers';

export type { PlacedLabel } from './label-placement';

type Labelled = AreaInfo & { priority?: number };

const isLabelLayer = (
  l: unknown,
): l is Layer<{ data: Labelled[]; sizeScale?: number; getPixelOffset?: unknown }> =>
  !!l && typeof l === 'object' && (l as Layer).id === LAYER_IDS.labels;

let measureCtx: CanvasRenderingContext2D | null | undefined;
/** Text width in px with the label font, or an estimate where no canvas can measure (tests). */
function textWidth(text: string, sizePx: number): number {
  if (measureCtx === undefined) measureCtx = document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * sizePx * 0.6;
  measureCtx.font = `${LABEL_WEIGHT} ${sizePx}px ${LABEL_FONT}`;
  return measureCtx.measureText(text).width;
}

/**
 * Places the label layer's labels for the map's current camera: each label's box (its text measured with the
 * label font, its 3 px outline, its offset above the seat) and the greedy pass of {@link placeLabels}.
 */
export function placeLabelsOnMap(map: MapLibreMap, list: LayersList): PlacedLabel[] {
  const layer = list.find(isLabelLayer);
  if (!layer) return [];
  const scale = layer.props.sizeScale ?? 1;
  const size = LABEL_SIZE_PX * scale;
  const offset = layer.props.getPixelOffset;
  const dy = Array.isArray(offset) ? Number(offset[1]) : -LABEL_OFFSET_PX * scale;
  const canvas = map.getCanvas();
  const view = { width: canvas.clientWidth, height: canvas.clientHeight };
  const candidates = layer.props.data.map((a, i) => {
    const p = map.project(a.seat as [number, number]);
    return {
      id: a.code,
      x: p.x,
      y: p.y + dy,
      width: textWidth(a.name, size) + 6,
      height: size * 1.25 + 6,
      // Without a priority, earlier labels win (the order the caller gave).
      priority: a.priority ?? -i,
    };
  });
  return placeLabels(candidates, view);
}

/** The font size, px, the list's label layer writes its labels at, or null when it has none. */
export function labelSizePx(list: LayersList): number | null {
  const layer = list.find(isLabelLayer);
  return layer ? LABEL_SIZE_PX * (layer.props.sizeScale ?? 1) : null;
}

/** The list with its label layer keeping only the placed labels. */
export function withPlacedLabels(list: LayersList, placed: readonly PlacedLabel[]): LayersList {
  const keep = new Set(placed.map((p) => p.id));
  return list.map((l) =>
    isLabelLayer(l) ? l.clone({ data: l.props.data.filter((a) => keep.has(a.code)) }) : l,
  );
}
