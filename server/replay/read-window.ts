import type { LoggedEvent, StreamName } from '../../protocol';
import type { EventStore } from '../store/event-store';

export interface Window {
  /** Inclusive end actually covered: smaller than asked when the asked window held too many events. */
  toMs: number;
  /** Events with fromMs < tsMs ≤ toMs, in seq order. */
  events: LoggedEvent[];
}

/**
 * Events of (fromMs, toMs], at most `maxEvents` of them: when the window holds more, it is halved until it
 * fits, so a batch never exceeds what a client can draw. A single millisecond is never split.
 */
export async function readWindow(
  store: EventStore,
  fromMs: number,
  toMs: number,
  maxEvents: number,
): Promise<Window> {
  let end = toMs;
  for (;;) {
    const events: LoggedEvent[] = [];
    const single = end - fromMs <= 1;
    for await (const e of store.iterateByTime({ fromMs: fromMs + 1, toMs: end + 1 })) {
      events.push(e);
      if (!single && events.length > maxEvents) break;
    }
    if (single || events.length <= maxEvents) return { toMs: end, events };
    end = fromMs + Math.floor((end - fromMs) / 2);
  }
}

/** Events of [fromMs, toMs) of the given streams, in event-time order (seq breaking ties). */
export async function readByTime(
  store: EventStore,
  fromMs: number,
  toMs: number,
  streams: readonly StreamName[],
): Promise<LoggedEvent[]> {
  const out: LoggedEvent[] = [];
  for (const stream of streams)
    for await (const e of store.iterateByTime({ fromMs, toMs, stream })) out.push(e);
  return out.sort((a, b) => a.tsMs - b.tsMs || a.seq - b.seq);
}
