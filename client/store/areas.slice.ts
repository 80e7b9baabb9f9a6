import type { StateCreator } from 'zustand';
import type { AreasCollection } from '../net/api';
import type { RootState } from './store';

export interface AreasSlice {
  areas: AreasCollection | null;
  areasError: string | null;
  setAreas: (areas: AreasCollection) => void;
  setAreasError: (message: string) => void;
}

export const createAreasSlice: StateCreator<RootState, [], [], AreasSlice> = (set) => ({
  areas: null,
  areasError: null,
  setAreas: (areas) => set({ areas, areasError: null }),
  setAreasError: (areasError) => set({ areasError }),
});
