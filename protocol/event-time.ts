import type { IocEvent } from './events.schema';
import { DAY_MS, vnDayStartMs } from './time';

/**
 * The span of event time an installation takes in: from the start of its history to a little after its clock's
 * now. Ingest refuses what falls outside, and the reducers skip it, so one event dated years away (issue 21,
 * finding 3) can neither move a clock nor shrink a window, even from a log written before the check existed.
 */
export interface EventTimeBounds {
  /** Earliest event time accepted, ms: the start of the history. */
  notBeforeMs: number;
  /** Latest event time accepted, ms: the IOC clock's now plus the tolerance for sources' clock skew. */
  notAfterMs: number;
}

/** Why an event is outside its time: ahead of the clock, or before the history. */
export type OutOfTimeReason = 'future_event' | 'stale_event';

/**
 * Whether an event lies within `bounds`: its `tsMs` and, for a COVID report, the day it covers (a report for
 * tomorrow is a forecast, not a fact; one for a day before the history belongs to no window of the dashboard).
 */
export function outOfTime(ev: IocEvent, bounds: EventTimeBounds): OutOfTimeReason | null {
  if (ev.tsMs > bounds.notAfterMs) return 'future_event';
  if (ev.tsMs < bounds.notBeforeMs) return 'stale_event';
  if (ev.stream === 'covid') {
    const dayStartMs = vnDayStartMs(ev.date);
    if (!(dayStartMs <= bounds.notAfterMs)) return 'future_event'; // NaN too: no such day
    if (dayStartMs + DAY_MS <= bounds.notBeforeMs) return 'stale_event';
  }
  return null;
}
