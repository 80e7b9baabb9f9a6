import { create } from 'zustand';
import type { Locale } from './core';

/**
 * The chosen language, in a store of its own: every view's text reads it, and keeping it out of the dashboard
 * store keeps that store (and the protocol reducers it pulls) out of pages that show no live data, `/public`.
 */
export interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: 'vi',
  setLocale: (locale) => set({ locale }),
}));
