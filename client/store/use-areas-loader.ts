import { useEffect } from 'react';
import { fetchAreas } from '../net/api';
import { useStore } from './store';

/** A wall display runs unattended: a failed areas load is retried instead of waiting for someone to reload. */
const AREAS_RETRY_MS = 10_000;

/** Loads the area geometry into the store once per page, retrying until it succeeds. */
export function useAreasLoader(): void {
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchAreas(ctrl.signal).then(useStore.getState().setAreas, (e: unknown) => {
        if (ctrl.signal.aborted) return;
        useStore.getState().setAreasError(e instanceof Error ? e.message : String(e));
        timer = setTimeout(load, AREAS_RETRY_MS);
      });
    };
    load();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, []);
}
