import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { DISTRICTS_2021 } from '../../geo/areas';
import type { AreasCollection } from '../net/api';
import type { SiteMarker } from '../store/selectors';
import type { ChoroplethScale } from './colours';
import { districtLayer, labelLayer, sensorLayer } from './layers';
import { OFFLINE_STYLE, PROVINCE_BOUNDS } from './map-style';

// Without an explicit URL, Vite cannot bundle maplibre's worker and the map never loads.
setWorkerUrl(workerUrl);

export interface MapViewProps {
  areas: AreasCollection | null;
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  metric: string;
  markers: readonly SiteMarker[];
}

const FIT = { padding: 24, animate: false } as const;

/**
 * The map and its deck.gl overlay, created once for the page's life: re-creating them on a wall display that
 * runs for weeks leaks WebGL contexts. Props only change the overlay's layers.
 */
export default function MapView({ areas, values, scale, metric, markers }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapLibreOverlay | null>(null);

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style: OFFLINE_STYLE,
      bounds: PROVINCE_BOUNDS,
      fitBoundsOptions: FIT,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    // interleaved: MapLibre 6 draws deck.gl in its own GL context; the overlaid mode costs a second context.
    const deck = new MapLibreOverlay({ interleaved: true, layers: [] });
    map.addControl(deck);
    overlay.current = deck;
    // The panel resizes with the window and the layout grid: keep the whole province in view.
    const resize = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(PROVINCE_BOUNDS, FIT);
    });
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      overlay.current = null;
      map.removeControl(deck);
      map.remove();
    };
  }, []);

  useEffect(() => {
    const layers = [
      areas ? districtLayer({ areas, values, scale, metric }) : null,
      sensorLayer({ markers }),
      // Last, so names stay readable where sites crowd around a seat (Tân An, Bến Lức).
      labelLayer({ districts: DISTRICTS_2021 }),
    ];
    overlay.current?.setProps({ layers });
  }, [areas, values, scale, metric, markers]);

  return (
    <div className="map-canvas" data-testid="map-canvas">
      <div ref={container} className="map-canvas__gl" />
    </div>
  );
}
