import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { DISTRICTS_2021 } from '../../../geo/areas';
import type { PublicAreas, PublicCovid } from '../../../protocol/public.schema';
import { OPEN_ATTRIBUTION } from '../../../geo/open-boundaries';
import { useCoreT } from '../../i18n/use-core-t';
import { mapLocale } from '../../map/map-locale';
import { PROVINCE_BOUNDS } from '../../map/map-style';
import { epidemicLayer, levelNumberLayer } from './epidemic-layers';

setWorkerUrl(workerUrl);

/** A light, offline background: the page is read outdoors on a phone, not on a control-room wall. */
const LIGHT_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8eef3' } }],
};
const FIT = { padding: 12, animate: false } as const;

export interface PublicMapProps {
  areas: PublicAreas | null;
  covid: PublicCovid | null;
  /** Called with the code of the district tapped. */
  onPick: (code: string) => void;
}

/** One map and one overlay for the page's life; new figures only replace the layers. */
export default function PublicMap({ areas, covid, onPick }: PublicMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapLibreOverlay | null>(null);
  const { t } = useCoreT();
  const initialLocale = useRef(mapLocale(t));

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style: LIGHT_STYLE,
      bounds: PROVINCE_BOUNDS,
      fitBoundsOptions: FIT,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      // A page scrolled with one finger must not be caught by the map; two fingers pan and zoom it.
      cooperativeGestures: true,
      // "Dùng hai ngón tay để di chuyển bản đồ", not maplibre's English default.
      locale: initialLocale.current,
    });
    const deck = new MapLibreOverlay({ interleaved: true, layers: [] });
    map.addControl(deck);
    overlay.current = deck;
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
    overlay.current?.setProps({
      layers: [areas ? epidemicLayer(areas, covid, onPick) : null, levelNumberLayer(DISTRICTS_2021, covid)],
    });
  }, [areas, covid, onPick]);

  return (
    <>
      <div ref={container} className="public-map__gl" data-testid="public-map-canvas" />
      <p className="public-map__attribution" data-testid="map-attribution">
        {OPEN_ATTRIBUTION}
      </p>
    </>
  );
}
