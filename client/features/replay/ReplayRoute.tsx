import { useEffect, useState } from 'react';
import { fetchHealth } from '../../net/api';
import { useStore } from '../../store/store';
import { connectReplay, type ReplayConnection } from './replay-connection';
import { ReplayConnectionContext } from './replay-context';
import { parseReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';
import { useAreasAtCursor } from './use-areas-at-cursor';
import { ReplayScreen } from './ReplayScreen';
import { useLinkSync } from './use-link-sync';
import { useTimelineLoader } from './use-timeline-loader';

/**
 * `/replay`: the operator's dashboard driven by an analyst's replay session. The link's range, position, speed,
 * area and scene apply once the server's scenario time is known (it is the default end of the range).
 */
export default function ReplayRoute() {
  const [connection, setConnection] = useState<ReplayConnection | null>(null);
  useAreasAtCursor();
  useTimelineLoader();
  useLinkSync();
  useEffect(() => {
    let conn: ReplayConnection | null = null;
    let cancelled = false;
    fetchHealth()
      .then((h) => h.nowMs)
      .catch(() => Date.now())
      .then((nowMs) => {
        if (cancelled) return;
        const link = parseReplayLink(window.location.search, nowMs);
        useReplayStore.setState({ fromMs: link.fromMs, toMs: link.toMs, speed: link.speed });
        useStore.setState({ focusArea: link.area, choropleth: link.scene, showSensors: link.sensors });
        conn = connectReplay(link.atMs, { play: link.playing });
        setConnection(conn);
      });
    return () => {
      cancelled = true;
      conn?.close();
    };
  }, []);
  return (
    <ReplayConnectionContext.Provider value={connection}>
      <ReplayScreen />
    </ReplayConnectionContext.Provider>
  );
}
