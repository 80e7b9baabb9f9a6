import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Map as MapLibreMap,
  setWorkerUrl,
  type LngLatBoundsLike,
  type StyleSpecification,
} from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { LayersList } from '@deck.gl/core';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import neighbours from '../../geo/data/neighbour-provinces.geo.json';
import { useT } from '../i18n/use-t';
import type { AreasCollection } from '../net/api';
import type { SiteMarker } from '../store/selectors';
import type { AreaLabel } from './area-labels';
import type { ChoroplethScale } from './colours';
import { mapAttribution } from './map-attribution';
import { mapLocale } from './map-locale';
import { labelSizePx, placeLabelsOnMap, withPlacedLabels, type PlacedLabel } from './map-labels';
import {
  districtFeatures,
  districtLayer,
  focusLayer,
  labelLayer,
  neighbourLayer,
  sensorLayer,
  wardLayer,
  type AreaFeature,
} from './layers';
import { OFFLINE_STYLE, PROVINCE_BOUNDS } from './map-style';
import { pilotCellLayer, pilotMarkLayer } from './pilot-layers';
import type { PilotShapes } from './pilot-shapes';

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
  /** The pilot units' schematic cells and marks, drawn while one of them is chosen (`focus`). */
  pilots?: { shapes: PilotShapes; focus: string };
  /** Labels of the operator's map (default: none); the placement pass keeps those that do not collide. */
  labels?: readonly AreaLabel[];
  /** Called with what a click hit: an area (drill down) or a sensor site. */
  onPick?: (pick: MapPick) => void;
  /**
   * Keeps the drawn frame readable after it is shown (WebGL's preserveDrawingBuffer), so the replay's clip
   * export can copy the map into its frames; read once, at creation. Off elsewhere: it costs a copy a frame.
   */
  capturable?: boolean;
  /** Whether the boundaries' attribution is written over the map (default); the wall writes it in its legend. */
  attributionOnMap?: boolean;
}

const FIT = { padding: 24, animate: false } as const;
/** The camera's flight to a new focus, ms: long enough to follow from across the room. */
const FLY_MS = 1500;
const NEIGHBOURS = neighbourLayer(neighbours as Parameters<typeof neighbourLayer>[0]);

/** Within this many px of a site's centre a click picks the site (a marker's radius plus a finger's slack). */
const SITE_PICK_PX = 10;

/**
 * What a click at `point` (px) hits: the nearest site within {@link SITE_PICK_PX}, else the smallest drawn unit
 * containing the place. Done on the CPU from the data drawn rather than by deck.gl's GPU picking, which the
 * interleaved maplibre overlay does not give back reliably under SwiftShader; a province has a few hundred
 * sites and a few dozen units, so this costs well under a millisecond.
 */
function pickAt(map: MapLibreMap, point: { x: number; y: number }, drawn: Drawn): MapPick | null {
  let site: { id: string; d: number } | null = null;
  for (const m of drawn.markers) {
    const p = map.project(m.lonLat as [number, number]);
    const d = Math.hypot(p.x - point.x, p.y - point.y);
    if (d <= SITE_PICK_PX && (!site || d < site.d)) site = { id: m.siteId, d };
  }
  if (site) return { kind: 'site', siteId: site.id };
  const { lng, lat } = map.unproject([point.x, point.y]);
  let best: AreaFeature | null = null;
  for (const f of drawn.features) {
    if (best && (f.properties.areaKm2 ?? Infinity) >= (best.properties.areaKm2 ?? Infinity)) continue;
    if (booleanPointInPolygon([lng, lat], f)) best = f;
  }
  return best ? { kind: 'area', code: best.properties.code } : null;
}

interface Drawn {
  markers: readonly SiteMarker[];
  features: readonly AreaFeature[];
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
  pilots,
  labels,
  onPick,
  capturable = false,
  attributionOnMap = true,
}: MapViewProps) {
  const { t } = useT();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapLibreOverlay | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const bounds = useRef<LngLatBoundsLike>(focus?.bounds ?? PROVINCE_BOUNDS);
  const initialStyle = useRef(mapStyle ?? OFFLINE_STYLE);
  const initialLocale = useRef(mapLocale(t));
  const initialCapturable = useRef(capturable);
  const pickRef = useRef(onPick);
  const drawnRef = useRef<Drawn>({ markers: [], features: [] });
  useEffect(() => {
    pickRef.current = onPick;
    // What a click can hit: the sites and the coloured units, and the wards when drilled into Tân An.
    drawnRef.current = {
      markers,
      features: [...(areas ? districtFeatures(areas) : []), ...(drill?.features ?? [])],
    };
  }, [onPick, markers, areas, drill]);
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
      ...(initialCapturable.current ? { canvasContextAttributes: { preserveDrawingBuffer: true } } : {}),
    });
    // interleaved: MapLibre 6 draws deck.gl in its own GL context; the overlaid mode costs a second context.
    const deck = new MapLibreOverlay({ interleaved: true, layers: [] });
    map.on('click', (e) => {
      const pick = pickAt(map, e.point, drawnRef.current);
      if (pick) pickRef.current?.(pick);
    });
    map.addControl(deck);
    overlay.current = deck;
    mapRef.current = map;
    // Labels are placed for the camera at rest: a moving camera keeps the last placement until it stops.
    const settled = () => setCamera((c) => ({ moves: c.moves + 1, view: map.getBounds().toArray() }));
    map.on('moveend', settled);
    map.on('load', settled);
    // For e2e and the browser console: where a [lon, lat] is drawn (a site to click).
    (container.current as HTMLDivElement & { iocProject?: unknown }).iocProject = (
      lonLat: [number, number],
    ) => map.project(lonLat);
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

  const highlighted = areas?.features.find((f) => f.properties.code === highlight) as AreaFeature | undefined;
  const list = useMemo(
    () =>
      layers ?? [
        areas ? districtLayer({ areas, values, scale, metric }) : null,
        drill && drill.features.length > 0 ? wardLayer(drill) : null,
        pilots ? pilotCellLayer(pilots) : null,
        focusLayer(highlighted),
        sensorLayer({ markers }),
        pilots ? pilotMarkLayer(pilots) : null,
        // Last, so names stay readable where sites crowd around a seat (Tân An, Bến Lức).
        labels ? labelLayer({ districts: labels }) : null,
      ],
    [layers, areas, values, scale, metric, drill, pilots, highlighted, markers, labels],
  );
  // What is drawn as chosen, for e2e: a unit of the set, or a pilot's cell or mark.
  const shownHighlight =
    highlighted?.properties.code ??
    (pilots &&
    [
      ...pilots.shapes.cells.map((f) => f.properties.code),
      ...pilots.shapes.marks.map((m) => m.code),
    ].includes(pilots.focus)
      ? pilots.focus
      : undefined);

  useEffect(() => {
    const map = mapRef.current;
    if (map) setPlaced(placeLabelsOnMap(map, list));
    // Placement depends on the label layer's data and the camera, not on every layer of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera, layers, labels]);

  useEffect(() => {
    overlay.current?.setProps({ layers: [NEIGHBOURS, ...withPlacedLabels(list, placed)] });
  }, [list, placed]);

  const attribution = mapAttribution(areas);
  return (
    <div
      className="map-canvas"
      data-testid="map-canvas"
      data-labels={JSON.stringify(placed)}
      data-camera-moves={camera.moves}
      data-highlight={shownHighlight}
      data-label-px={labelSizePx(list) ?? undefined}
      data-view-bounds={camera.view ? JSON.stringify(camera.view) : undefined}
    >
      <div ref={container} className="map-canvas__gl" />
      {attributionOnMap ? (
        <p className="map-canvas__attribution" data-testid="map-attribution">
          {attribution}
        </p>
      ) : null}
    </div>
  );
}
