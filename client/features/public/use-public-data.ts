import { useEffect } from 'react';
import { fetchCovid, fetchPublicAreas, fetchSummary } from './public-api';
import { usePublicStore } from './public.store';

/** Figures change with daily reports and a few dossiers a minute: a minute's refresh is plenty. */
const REFRESH_MS = 60_000;

/** Loads the figures and the boundaries, then refreshes the figures; the server's ETag makes that cheap. */
export function usePublicData(): void {
  useEffect(() => {
    const ctrl = new AbortController();
    const { set } = usePublicStore.getState();
    const fail = (e: unknown) => {
      if (!ctrl.signal.aborted) set({ loadError: e instanceof Error ? e.message : String(e) });
    };
    const load = () => {
      fetchSummary(ctrl.signal).then((summary) => set({ summary, loadError: null }), fail);
      fetchCovid(ctrl.signal).then((covid) => set({ covid }), fail);
    };
    load();
    fetchPublicAreas(ctrl.signal).then((areas) => set({ areas }), fail);
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, []);
}
