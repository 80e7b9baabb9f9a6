import { DAY_MS, type DeadlineKpis } from '../../protocol';
import type { EventStore } from '../store/event-store';

/** "About to be late": open dossiers whose legal deadline falls within the next two days. */
export const DUE_SOON_WINDOW_MS = 2 * DAY_MS;
/**
 * How far back open dossiers are looked for. The longest statutory limits are 30 working days (about six
 * weeks); a dossier open for longer than this is counted by neither figure, a limit the review states.
 */
export const OPEN_LOOKBACK_MS = 90 * DAY_MS;

/**
 * Dossiers of `areas` still open at `asOfMs`, split into overdue and due soon. This needs each dossier's own
 * deadline, which no daily aggregate keeps, so it reads the submissions and resolutions of the look-back
 * window from the log.
 */
export async function deadlinesAt(
  store: EventStore,
  areas: readonly string[],
  asOfMs: number,
): Promise<DeadlineKpis> {
  const open = new Map<string, number>();
  let events = 0;
  let lastEventTsMs: number | null = null;
  const filter = { fromMs: asOfMs - OPEN_LOOKBACK_MS, toMs: asOfMs, stream: 'dossier' as const, areas };
  for await (const e of store.iterateByTime(filter)) {
    if (e.stream !== 'dossier' || e.action === 'paid') continue;
    const key = `${e.source}|${e.dossierCode}`;
    // Events arrive in seq order, not time order: a resolution may be read before its submission.
    if (e.action === 'submitted') {
      if (!open.has(key)) open.set(key, e.dueMs);
      else open.delete(key);
    } else if (open.has(key)) open.delete(key);
    else open.set(key, Number.NaN);
    // Reading months of a province takes seconds: let sockets and other requests in between.
    if (++events % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (lastEventTsMs === null || e.tsMs > lastEventTsMs) lastEventTsMs = e.tsMs;
  }
  let overdueOpen = 0;
  let dueSoon = 0;
  for (const dueMs of open.values()) {
    // NaN marks a resolution whose submission lies before the window: that dossier is closed.
    if (Number.isNaN(dueMs)) continue;
    if (dueMs < asOfMs) overdueOpen++;
    else if (dueMs < asOfMs + DUE_SOON_WINDOW_MS) dueSoon++;
  }
  return {
    asOfMs,
    overdueOpen,
    dueSoon,
    windowMs: DUE_SOON_WINDOW_MS,
    provenance: {
      metric: 'dossier.deadlines',
      stream: 'dossier',
      formula:
        'dossiers submitted in the 90 days before the instant and not resolved by it; overdue when past dueMs, due soon when dueMs is within 2 days',
      unit: 'dossiers',
      events,
      lastEventTsMs,
    },
  };
}
