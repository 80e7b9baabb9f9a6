import { STREAMS, type HealthResponse } from '../../protocol';
import type { EventStore } from '../store/event-store';

/** Long enough for a busy store, short enough that a probe with a one-second-or-so timeout still gets 200. */
export const STORE_PROBE_MS = 800;

/**
 * The per-stream part of `/api/health`, read from the store if it answers in time. A store that fails or hangs
 * makes the report `down` with unknown times instead of an error: liveness is about this process, and a probe
 * that saw a 500 here would restart a node that only waits for its database.
 */
export async function storeReport(
  store: Pick<EventStore, 'lastEventTsMs'>,
  timeoutMs = STORE_PROBE_MS,
): Promise<Pick<HealthResponse, 'store' | 'streams'>> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  const read = Promise.all(STREAMS.map((s) => store.lastEventTsMs(s))).catch(() => null);
  const lastTs = await Promise.race([read, timedOut]);
  clearTimeout(timer);
  const streams = Object.fromEntries(
    STREAMS.map((s, i) => [s, { lastEventTsMs: lastTs?.[i] ?? null }]),
  ) as HealthResponse['streams'];
  return { store: lastTs ? 'ok' : 'down', streams };
}
