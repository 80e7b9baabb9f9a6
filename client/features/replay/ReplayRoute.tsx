import { useEffect, useState } from 'react';
import { fetchHealth } from '../../net/api';
import { useAreasLoader } from '../../store/use-areas-loader';
import { connectReplay, type ReplayConnection } from './replay-connection';
import { ReplayConnectionContext } from './replay-context';
import { parseReplayLink } from './replay-link';
import { useReplayStore } from './replay.store';
import { ReplayScreen } from './ReplayScreen';
import { useLinkSync } from './use-link-sync';
import { useTimelineLoader } from './use-timeline-loader';

/**
 * `/replay`: the operator's dashboard driven by an analyst's replay session. The link's range and position
 * apply once the server's scenario time is known (it is the default end of the range).
 */
export default function ReplayRoute() {
  const [connection, setConnection] = useState<ReplayConnection | null>(null);
  useAreasLoader();
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
        conn = connectReplay(link.atMs);
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
