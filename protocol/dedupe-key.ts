import type { IocEvent } from './events.schema';

/**
 * What makes two events "the same" for the log. Usually the source's own id, so re-sending is harmless. A COVID
 * report is a fact about an area and a day, whoever reports it: the simulator and a CSV import of the same
 * district and date are one report, and the first one logged wins, so the two never double count.
 */
export function dedupeKey(e: IocEvent): { source: string; id: string } {
  if (e.stream === 'covid') return { source: 'covid-report', id: `covid:${e.area}:${e.date}` };
  return { source: e.source, id: e.id };
}
