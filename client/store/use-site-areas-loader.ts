import { useEffect } from 'react';
import { fetchSiteAreas } from '../net/areas-api';
import { useStore } from './store';

/**
 * Loads where each sensor site lies under the set in force now, so a ward focus counts its own sites. Without
 * it (request failed) sites count in the district their readings name, and a ward shows none.
 */
export function useSiteAreasLoader(): void {
  useEffect(() => {
    const ctrl = new AbortController();
    fetchSiteAreas(undefined, ctrl.signal).then(
      (body) => useStore.getState().setSiteAreas(body.sites),
      () => undefined,
    );
    return () => ctrl.abort();
  }, []);
}
