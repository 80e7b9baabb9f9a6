import { useEffect } from 'react';
import type { ReplayTimeline } from '../../../protocol';
import { onUnauthorized } from '../../access/on-unauthorized';
import { vnIso } from '../../../protocol/time';
import { useReplayStore } from './replay.store';

const BUCKETS = 240;

/**
 * Loads the scrubber's density and alert markers whenever the range changes, once the first seek has landed:
 * counting the range takes the server longer than the seek, and a link's state comes first.
 */
export function useTimelineLoader(): void {
  const fromMs = useReplayStore((s) => s.fromMs);
  const toMs = useReplayStore((s) => s.toMs);
  const landed = useReplayStore((s) => s.position !== null);
  useEffect(() => {
    if (toMs <= fromMs || !landed) return;
    const ctrl = new AbortController();
    const q = new URLSearchParams({
      from: vnIso(fromMs, 'milliseconds'),
      to: vnIso(toMs, 'milliseconds'),
      buckets: String(BUCKETS),
    });
    fetch(`/api/replay/timeline?${q.toString()}`, { signal: ctrl.signal })
      .then((r) => {
        if (r.status === 401) onUnauthorized();
        return r.ok ? (r.json() as Promise<ReplayTimeline>) : null;
      })
      .then((timeline) => timeline && useReplayStore.setState({ timeline }))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [fromMs, toMs, landed]);
}
