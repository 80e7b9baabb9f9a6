import { useEffect, useState } from 'react';
import type { ReplayConnection } from './replay-connection';
import { ReplayConnectionContext } from './replay-context';
import { openReplaySession } from './replay-start';
import { useAreasAtCursor } from './use-areas-at-cursor';
import { ReplayScreen } from './ReplayScreen';
import { useLinkSync } from './use-link-sync';
import { useTimelineLoader } from './use-timeline-loader';

/**
 * `/replay`: the operator's dashboard driven by an analyst's replay session. A copied link opens at its
 * instant at once (its session may already be open, see replay-start.ts); a bare `/replay` first asks the
 * server's scenario time, the default end of the range.
 */
export default function ReplayRoute() {
  const [connection, setConnection] = useState<ReplayConnection | null>(null);
  useAreasAtCursor();
  useTimelineLoader();
  useLinkSync();
  useEffect(() => {
    let conn: ReplayConnection | null = null;
    let cancelled = false;
    void openReplaySession(window.location.search).then((c) => {
      if (cancelled) return c.close();
      conn = c;
      setConnection(c);
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
