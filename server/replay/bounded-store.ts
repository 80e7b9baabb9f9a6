import { outOfTime, type EventTimeBounds } from '../../protocol';
import type { EventStore } from '../store/event-store';

/**
 * The log as replay folds it: reads by time skip the events outside the fold bounds, as the state engine does,
 * so playing through a log written before event time was checked (a COVID day 9999-12-31, a reading of 2099)
 * shows what a seek shows, and the browser, folding the batches it is sent, never sees them either.
 */
export function withinFoldBounds(store: EventStore, bounds: () => EventTimeBounds): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    async *iterateByTime(filter: Parameters<EventStore['iterateByTime']>[0]) {
      const b = bounds();
      for await (const e of store.iterateByTime(filter)) if (!outOfTime(e, b)) yield e;
    },
  });
}
