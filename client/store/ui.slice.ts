import type { StateCreator } from 'zustand';
import { DISTRICTS_2021, TAN_AN_CODE } from '../../geo/areas';
import type { Locale } from '../i18n';
import type { RootState } from './store';

/** What the map's districts are coloured by. */
export type ChoroplethMetric = 'onlineToday' | 'covidCumulative';

/** The district a link asks to focus on (`?area=802`), or Tân An, the capital, by default. */
export function focusFromUrl(search: string): string {
  const code = new URLSearchParams(search).get('area');
  return DISTRICTS_2021.some((d) => d.code === code) ? code! : TAN_AN_CODE;
}

export interface UiSlice {
  locale: Locale;
  choropleth: ChoroplethMetric;
  /** The district shown beside the province: its tiles, its line in the trend, its outline on the map. */
  focusArea: string;
  setFocusArea: (code: string) => void;
  setLocale: (locale: Locale) => void;
  setChoropleth: (choropleth: ChoroplethMetric) => void;
}

export const createUiSlice: StateCreator<RootState, [], [], UiSlice> = (set) => ({
  locale: 'vi',
  choropleth: 'onlineToday',
  focusArea: typeof window === 'undefined' ? TAN_AN_CODE : focusFromUrl(window.location.search),
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
  setLocale: (locale) => set({ locale }),
  setChoropleth: (choropleth) => set({ choropleth }),
});
