import { useEffect } from 'react';
import { fetchAreasAt, fetchSiteAreas } from '../../net/areas-api';
import { createAreaSetFollower } from '../../store/area-set-follower';
import { useStore } from '../../store/store';
import { useReplayStore } from './replay.store';

/**
 * Draws the area set valid at the replayed instant (issue 10): the 2021 districts and Tân An's wards for a 2021
 * cursor, the 2025 wards after 1 July 2025, switching when the cursor crosses the date. Sites are scoped by
 * the server's assignment in that set.
 */
export function useAreasAtCursor(): void {
  useEffect(() => {
    const follower = createAreaSetFollower({
      load: async (atMs) => {
        const [areas, sites] = await Promise.all([fetchAreasAt(atMs), fetchSiteAreas(atMs)]);
        return {
          name: sites.set,
          areas,
          siteAreas: sites.sites,
          validFrom: sites.validFrom,
          validTo: sites.validTo,
        };
      },
      show: (set) => {
        useStore.getState().setAreas(set.areas);
        useStore.getState().setSiteAreas(set.siteAreas);
      },
      onError: (e) => useStore.getState().setAreasError(e instanceof Error ? e.message : String(e)),
    });
    const at = useReplayStore.getState().position?.cursorMs;
    if (at !== undefined) follower.follow(at);
    return useReplayStore.subscribe((s) => {
      if (s.position) follower.follow(s.position.cursorMs);
    });
  }, []);
}
