import { create } from 'zustand';
import { useLocaleStore } from '../i18n/locale.store';
import { createAreasSlice, type AreasSlice } from './areas.slice';
import { createClockSlice, type ClockSlice } from './clock.slice';
import { createConnectionSlice, type ConnectionSlice } from './connection.slice';
import { createDashboardSlice, type DashboardSlice } from './dashboard.slice';
import { createUiSlice, type UiSlice } from './ui.slice';

export type RootState = ConnectionSlice & DashboardSlice & ClockSlice & AreasSlice & UiSlice;

/** One store built from typed slices (zustand's slices pattern); server data lives here, never in useState. */
export const useStore = create<RootState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createDashboardSlice(...a),
  ...createClockSlice(...a),
  ...createAreasSlice(...a),
  ...createUiSlice(...a),
}));

const initialState = useStore.getState();
const initialLocale = useLocaleStore.getState();

/** Back to the state the page started with; tests call it between cases so none leaks into the next. */
export function resetStore(): void {
  useStore.setState(initialState, true);
  useLocaleStore.setState(initialLocale, true);
}
