import { useEffect, useRef } from 'react';
import {
  Map as MapLibreMap,
  setWorkerUrl,
  type LngLatBoundsLike,
  type StyleSpecification,
} from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList } from '@deck.gl/core';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { DISTRICTS_2021 } from '../../geo/areas';
import type { AreasCollection } from '../net/api';
import type { SiteMarker } from '../store/selectors';
import type { ChoroplethScale } from './colours';
import { districtLayer, labelLayer, sensorLayer, wardLayer, type AreaFeature } from './layers';
import { OFFLINE_STYLE, PROVINCE_BOUNDS } from './map-style';
import { pickOf, type MapPick } from './map-pick';

// Without an explicit URL, Vite cannot bundle maplibre's worker and the map never loads.
setWorkerUrl(workerUrl);

export interface MapViewProps {
  areas: AreasCollection | null;
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  metric: string;
  markers: readonly SiteMarker[];
  /**
   * The wall's layers, replacing the operator's district/sensor/label set when given. Pass a memoised list:
   * a new array means new layers for deck.gl to diff.
   */
  layers?: LayersList;
  /** What to frame; the camera flies there when `key` changes and re-frames it on resize. Default: the province. */
  focus?: { key: string; bounds: LngLatBoundsLike };
  /** A basemap style (URL or object); read once, at creation. Default: the offline background-only style. */
  mapStyle?: string | StyleSpecification;
  /** The drill-down below a district (Tân An's wards) and the focused unit, outlined over the colours. */
  drill?: { features: readonly AreaFeature[]; focus: string };
  /** A click on a site or an area: the one dispatch of the map's clicks (map-pick.ts). */
  onPick?: (pick: MapPick) => void;
}

const FIT = { padding: 24, animate: false } as const;
/** The camera's flight to a new focus, ms: long enough to follow from across the room. */
const FLY_MS = 1500;

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
  onPick,
}: MapViewProps) {
  // The overlay is created once: its click handler reads the latest callback from here.
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapLibreOverlay | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const bounds = useRef<LngLatBoundsLike>(focus?.bounds ?? PROVINCE_BOUNDS);
  const initialStyle = useRef(mapStyle ?? OFFLINE_STYLE);

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style: initialStyle.current,
      bounds: bounds.current,
      fitBoundsOptions: FIT,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    // interleaved: MapLibre 6 draws deck.gl in its own GL context; the overlaid mode costs a second context.
    const deck = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onClick: (info) => {
        const pick = pickOf(info);
        if (pick) pickRef.current?.(pick);
      },
    });
    map.addControl(deck);
    overlay.current = deck;
    mapRef.current = map;
    // For e2e and the browser console: where a [lon, lat] is drawn (a site to click).
    (container.current as HTMLDivElement & { iocProject?: unknown }).iocProject = (
      lonLat: [number, number],
    ) => map.project(lonLat);
    // The panel resizes with the window and the layout grid: keep the framed area in view.
    const resize = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(bounds.current, FIT);
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

  useEffect(() => {
    const list = layers ?? [
      areas ? districtLayer({ areas, values, scale, metric }) : null,
      drill && drill.features.length > 0 ? wardLayer(drill) : null,
      sensorLayer({ markers }),
      // Last, so names stay readable where sites crowd around a seat (Tân An, Bến Lức).
      labelLayer({ districts: DISTRICTS_2021 }),
    ];
    overlay.current?.setProps({ layers: list });
  }, [areas, values, scale, metric, markers, layers, drill]);

  return (
    <div className="map-canvas" data-testid="map-canvas">
      <div ref={container} className="map-canvas__gl" />
    </div>
  );
}
