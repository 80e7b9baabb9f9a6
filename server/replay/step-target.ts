import type { EventStore } from '../store/event-store';

const FIRST_WINDOW_MS = 1000;

/**
 * Event time of the `count`-th event after `cursorMs` (strictly), or null when the log ends first. Looks in a
 * window that doubles until it holds enough events, so a step through dense sensor data reads little and a
 * step across a quiet night still finds the morning.
 */
export async function stepTarget(
  store: EventStore,
  cursorMs: number,
  count: number,
  endMs: number,
): Promise<number | null> {
  for (let width = FIRST_WINDOW_MS; ; width *= 2) {
    const to = Math.min(cursorMs + width, endMs);
    const times: number[] = [];
    for await (const e of store.iterateByTime({ fromMs: cursorMs + 1, toMs: to + 1 })) times.push(e.tsMs);
    if (times.length >= count) return times.sort((a, b) => a - b)[count - 1]!;
    if (to >= endMs) return null;
  }
}
