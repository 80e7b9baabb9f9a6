import type { StateCreator } from 'zustand';
import type { MapMetric } from '../../protocol/state/map-metrics';
import { TAN_AN_CODE } from '../../geo/areas';
import { isFocusable } from './drill-down';
import type { RootState } from './store';

/** What the operator map's districts are coloured by: two of the map metrics of protocol/state/map-metrics.ts. */
export type ChoroplethMetric = Extract<MapMetric, 'onlineToday' | 'covidCumulative'>;

/** The district or Tân An ward a link asks to focus on (`?area=802`, `?area=27694`), or Tân An by default. */
export function focusFromUrl(search: string): string {
  const code = new URLSearchParams(search).get('area');
  return isFocusable(code) ? code : TAN_AN_CODE;
}

/** The map's colouring from a link (`?scene=covidCumulative`), else online dossiers. */
export function choroplethFromUrl(search: string): ChoroplethMetric {
  const scene = new URLSearchParams(search).get('scene');
  return scene === 'covidCumulative' ? scene : 'onlineToday';
}

/** Sensor sites are drawn unless a link hides them (`?sensors=0`). */
export function sensorsFromUrl(search: string): boolean {
  return new URLSearchParams(search).get('sensors') !== '0';
}

export interface UiSlice {
  choropleth: ChoroplethMetric;
  /** The district shown beside the province: its tiles, its line in the trend, its outline on the map. */
  focusArea: string;
  /** The sensor-site layer of the map; a scene may hide it to read the colours underneath. */
  showSensors: boolean;
  setFocusArea: (code: string) => void;
  setShowSensors: (show: boolean) => void;
  setChoropleth: (choropleth: ChoroplethMetric) => void;
}

export const createUiSlice: StateCreator<RootState, [], [], UiSlice> = (set) => ({
  choropleth: typeof window === 'undefined' ? 'onlineToday' : choroplethFromUrl(window.location.search),
  focusArea: typeof window === 'undefined' ? TAN_AN_CODE : focusFromUrl(window.location.search),
  showSensors: typeof window === 'undefined' ? true : sensorsFromUrl(window.location.search),
  setShowSensors: (showSensors) => set({ showSensors }),
  setFocusArea: (focusArea) => {
    set({ focusArea });
    // The link reproduces the view: a wall or a colleague opening it lands on the same district.
    if (typeof window !== 'undefined') {
      const url = new URL(window.location.href);
      if (focusArea === TAN_AN_CODE) url.searchParams.delete('area');
      else url.searchParams.set('area', focusArea);
      window.history.replaceState(null, '', url);
    }
  },
  setChoropleth: (choropleth) => set({ choropleth }),
});
