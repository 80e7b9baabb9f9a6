import type { IocEvent } from '../protocol';
import type { Simulation } from './plan';

export type SendEvents = (events: IocEvent[]) => Promise<void> | void;

export interface LiveRunner {
  /** Scenario instant up to which events have been sent. */
  cursorMs(): number;
  stop(): Promise<void>;
}

/**
 * Sends the plan's events as scenario time passes: every tick, the events between the previous tick and now.
 * A tick waits for the previous send to finish, so a slow server slows the source instead of piling up sends.
 */
export function runLive(
  sim: Simulation,
  now: () => number,
  fromMs: number,
  send: SendEvents,
  tickMs = 250,
): LiveRunner {
  let cursor = fromMs;
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const to = Math.floor(now());
    if (to <= cursor) return;
    const events = sim.eventsBetween(cursor, to);
    cursor = to;
    if (events.length) inFlight = inFlight.then(() => send(events));
  };
  const timer = setInterval(tick, tickMs);
  return {
    cursorMs: () => cursor,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

/**
 * Events per backfill send. Each send is one durable transaction (one fsync), so a day at a time (~2,000 events
 * in 2019) paid mostly for commits; far larger chunks only hold more memory for no further gain.
 */
export const BACKFILL_CHUNK_EVENTS = 20_000;

/**
 * Sends the plan's events of [fromMs, toMs), generated a day at a time and sent in chunks of about
 * `chunkEvents` (whole days, a busy day split), reporting progress as a fraction.
 */
export async function backfill(
  sim: Simulation,
  fromMs: number,
  toMs: number,
  send: SendEvents,
  onProgress: (done: number, events: number) => void = () => {},
  chunkEvents = BACKFILL_CHUNK_EVENTS,
): Promise<number> {
  const DAY = 86_400_000;
  let total = 0;
  let chunk: IocEvent[] = [];
  const flush = async (doneMs: number) => {
    total += chunk.length;
    const events = chunk;
    chunk = [];
    if (events.length) await send(events);
    onProgress((doneMs - fromMs) / (toMs - fromMs), total);
  };
  for (let a = fromMs; a < toMs; a += DAY) {
    const b = Math.min(a + DAY, toMs);
    const day = sim.eventsBetween(a, b);
    for (let i = 0; i < day.length; i += chunkEvents) {
      for (const e of day.slice(i, i + chunkEvents)) chunk.push(e);
      if (chunk.length >= chunkEvents)
        await flush(a + ((b - a) * Math.min(day.length, i + chunkEvents)) / day.length);
    }
  }
  await flush(toMs);
  return total;
}
