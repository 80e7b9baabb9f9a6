import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Map as MapLibreMap,
  setWorkerUrl,
  type LngLatBoundsLike,
  type StyleSpecification,
} from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import neighbours from '../../geo/data/neighbour-provinces.geo.json';
import { useT } from '../i18n/use-t';
import type { AreasCollection } from '../net/api';
import type { SiteMarker } from '../store/selectors';
import type { AreaLabel } from './area-labels';
import type { ChoroplethScale } from './colours';
import { mapLocale } from './map-locale';
import { placeLabelsOnMap, withPlacedLabels, type PlacedLabel } from './map-labels';
import {
  districtLayer,
  focusLayer,
  labelLayer,
  LAYER_IDS,
  neighbourLayer,
  sensorLayer,
  wardLayer,
  type AreaFeature,
} from './layers';
import { OFFLINE_STYLE, PROVINCE_BOUNDS } from './map-style';

// Without an explicit URL, Vite cannot bundle maplibre's worker and the map never loads.
setWorkerUrl(workerUrl);

/** What a click on the map hit: one dispatch, so area drill-down and site panels cannot fight over clicks. */
export type MapPick = { kind: 'area'; code: string } | { kind: 'site'; siteId: string };

export interface MapViewProps {
  areas: AreasCollection | null;
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  metric: string;
  markers: readonly SiteMarker[];
  /**
   * The wall's layers, replacing the operator's district/sensor/label set when given. Pass a memoised list:
   * a new array means new layers for deck.gl to diff. A label layer among them is thinned like the operator's.
   */
  layers?: LayersList;
  /** What to frame; the camera flies there when `key` changes and re-frames it on resize. Default: the province. */
  focus?: { key: string; bounds: LngLatBoundsLike };
  /** A basemap style (URL or object); read once, at creation. Default: the offline background-only style. */
  mapStyle?: string | StyleSpecification;
  /** The drill-down below a district (Tân An's wards) and the focused unit, outlined over the colours. */
  drill?: { features: readonly AreaFeature[]; focus: string };
  /** The unit outlined as chosen. */
  highlight?: string;
  /** Labels of the operator's map (default: none); the placement pass keeps those that do not collide. */
  labels?: readonly AreaLabel[];
  /** Called with what a click hit: an area (drill down) or a sensor site. */
  onPick?: (pick: MapPick) => void;
}

const FIT = { padding: 24, animate: false } as const;
/** The camera's flight to a new focus, ms: long enough to follow from across the room. */
const FLY_MS = 1500;
const NEIGHBOURS = neighbourLayer(neighbours as Parameters<typeof neighbourLayer>[0]);

function pickOf(info: PickingInfo): MapPick | null {
  const id = info.layer?.id;
  const object = info.object as { properties?: { code?: string }; siteId?: string } | undefined;
  if (!object) return null;
  if (id === LAYER_IDS.sensors && object.siteId) return { kind: 'site', siteId: object.siteId };
  if ((id === LAYER_IDS.districts || id === LAYER_IDS.wards) && object.properties?.code)
    return { kind: 'area', code: object.properties.code };
  return null;
}

/**
 * The map and its deck.gl overlay, created once for the page's life: re-creating them on a wall display that
 * runs for weeks leaks WebGL contexts. Props only change the overlay's layers.
 */
export default function MapView({
  areas,
  values,
  scale,
  metric,
  markers,
  layers,
  focus,
  mapStyle,
  drill,
  highlight,
  labels,
  onPick,
}: MapViewProps) {
  const { t } = useT();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapLibreOverlay | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const bounds = useRef<LngLatBoundsLike>(focus?.bounds ?? PROVINCE_BOUNDS);
  const initialStyle = useRef(mapStyle ?? OFFLINE_STYLE);
  const initialLocale = useRef(mapLocale(t));
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  const [placed, setPlaced] = useState<readonly PlacedLabel[]>([]);
  const [camera, setCamera] = useState<{ moves: number; view: number[][] | null }>({ moves: 0, view: null });

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style: initialStyle.current,
      bounds: bounds.current,
      fitBoundsOptions: FIT,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      locale: initialLocale.current,
    });
    // interleaved: MapLibre 6 draws deck.gl in its own GL context; the overlaid mode costs a second context.
    const deck = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onClick: (info) => {
        const pick = pickOf(info);
        if (pick) pickRef.current?.(pick);
      },
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
    });
    map.addControl(deck);
    overlay.current = deck;
    mapRef.current = map;
    // Labels are placed for the camera at rest: a moving camera keeps the last placement until it stops.
    const settled = () => setCamera((c) => ({ moves: c.moves + 1, view: map.getBounds().toArray() }));
    map.on('moveend', settled);
    map.on('load', settled);
    // The panel resizes with the window and the layout grid: keep the framed area in view.
    const resize = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(bounds.current, FIT);
      settled();
    });
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      overlay.current = null;
      mapRef.current = null;
      map.removeControl(deck);
      map.remove();
    };
  }, []);

  const focusKey = focus?.key;
  useEffect(() => {
    if (!focus) return;
    bounds.current = focus.bounds;
    mapRef.current?.fitBounds(focus.bounds, { padding: 24, duration: FLY_MS });
    // Only a new key moves the camera; new bounds of the same focus (areas reloaded) wait for the next resize.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);

  const list = useMemo(
    () =>
      layers ?? [
        areas ? districtLayer({ areas, values, scale, metric }) : null,
        drill && drill.features.length > 0 ? wardLayer(drill) : null,
        focusLayer(areas?.features.find((f) => f.properties.code === highlight) as AreaFeature | undefined),
        sensorLayer({ markers }),
        // Last, so names stay readable where sites crowd around a seat (Tân An, Bến Lức).
        labels ? labelLayer({ districts: labels }) : null,
      ],
    [layers, areas, values, scale, metric, drill, highlight, markers, labels],
  );

  useEffect(() => {
    const map = mapRef.current;
    if (map) setPlaced(placeLabelsOnMap(map, list));
    // Placement depends on the label layer's data and the camera, not on every layer of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera, layers, labels]);

  useEffect(() => {
    overlay.current?.setProps({ layers: [NEIGHBOURS, ...withPlacedLabels(list, placed)] });
  }, [list, placed]);

  const attribution = [areas?.attribution, neighbours.attribution].filter(Boolean).join(' · ');
  return (
    <div
      className="map-canvas"
      data-testid="map-canvas"
      data-labels={JSON.stringify(placed)}
      data-camera-moves={camera.moves}
      data-view-bounds={camera.view ? JSON.stringify(camera.view) : undefined}
    >
      <div ref={container} className="map-canvas__gl" />
      <p className="map-canvas__attribution" data-testid="map-attribution">
        {attribution}
      </p>
    </div>
  );
}
