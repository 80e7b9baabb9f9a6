import { useEffect } from 'react';
import { PROVINCE_CODE } from '../geo/areas';
import { OperatorScreen } from './features/operator/OperatorScreen';
import { fetchAreas } from './net/api';
import { connectLive } from './net/live-socket';
import { useStore } from './store/store';

/** A wall display runs unattended: a failed areas load is retried instead of waiting for someone to reload. */
const AREAS_RETRY_MS = 10_000;

export function App() {
  useEffect(() => connectLive(useStore.getState(), PROVINCE_CODE), []);

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

  return <OperatorScreen />;
}
