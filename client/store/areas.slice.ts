import type { StateCreator } from 'zustand';
import type { AreasCollection } from '../net/api';
import type { RootState } from './store';

export interface AreasSlice {
  areas: AreasCollection | null;
  areasError: string | null;
  /**
   * Site id → the unit it lies in under the set drawn (a ward of Tân An where the set has wards); null until
   * loaded, when sites count in the district their readings name.
   */
  siteAreas: Readonly<Record<string, string | null>> | null;
  setAreas: (areas: AreasCollection) => void;
  setSiteAreas: (siteAreas: Readonly<Record<string, string | null>>) => void;
  setAreasError: (message: string) => void;
}

export const createAreasSlice: StateCreator<RootState, [], [], AreasSlice> = (set) => ({
  areas: null,
  areasError: null,
  siteAreas: null,
  setAreas: (areas) => set({ areas, areasError: null }),
  setSiteAreas: (siteAreas) => set({ siteAreas }),
  setAreasError: (areasError) => set({ areasError }),
});
