import type { IocEvent } from './events.schema';

/**
 * What makes two events "the same" for the log: the source's own id, so re-sending is harmless. A COVID report
 * is no exception: the simulator's and a real source's reports of one (area, day) are both logged, and the
 * report ledger (`protocol/state/daily-reports.ts`) decides which one counts, as a source's corrected
 * re-send (a new id, a higher revision) replaces its earlier one there, not in the log.
 */
export function dedupeKey(e: IocEvent): { source: string; id: string } {
  return { source: e.source, id: e.id };
}
