import type { StateCreator } from 'zustand';
import type { Locale } from '../i18n';
import type { RootState } from './store';

/** What the map's districts are coloured by. */
export type ChoroplethMetric = 'onlineToday' | 'covidCumulative';

export interface UiSlice {
  locale: Locale;
  choropleth: ChoroplethMetric;
  setLocale: (locale: Locale) => void;
  setChoropleth: (choropleth: ChoroplethMetric) => void;
}

export const createUiSlice: StateCreator<RootState, [], [], UiSlice> = (set) => ({
  locale: 'vi',
  choropleth: 'onlineToday',
  setLocale: (locale) => set({ locale }),
  setChoropleth: (choropleth) => set({ choropleth }),
});
