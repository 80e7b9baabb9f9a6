import { create } from 'zustand';
import type { PublicAreas, PublicCovid, PublicSummary } from '../../../protocol/public.schema';
import type { LookupResult } from './public-api';

/**
 * The public page's own store: it holds only public figures, and it keeps the page's chunk free of the
 * operator store's slices.
 */
export interface PublicState {
  summary: PublicSummary | null;
  covid: PublicCovid | null;
  areas: PublicAreas | null;
  loadError: string | null;
  lookup: { pending: boolean; result: LookupResult | null };
  set: (patch: Partial<Omit<PublicState, 'set'>>) => void;
}

export const usePublicStore = create<PublicState>()((set) => ({
  summary: null,
  covid: null,
  areas: null,
  loadError: null,
  lookup: { pending: false, result: null },
  set: (patch) => set(patch),
}));

const initial = usePublicStore.getState();
export function resetPublicStore(): void {
  usePublicStore.setState(initial, true);
}
