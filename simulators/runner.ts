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

/** Sends the plan's events of [fromMs, toMs) in day-sized chunks, reporting progress as a fraction. */
export async function backfill(
  sim: Simulation,
  fromMs: number,
  toMs: number,
  send: SendEvents,
  onProgress: (done: number, events: number) => void = () => {},
): Promise<number> {
  const DAY = 86_400_000;
  let total = 0;
  for (let a = fromMs; a < toMs; a += DAY) {
    const b = Math.min(a + DAY, toMs);
    const events = sim.eventsBetween(a, b);
    total += events.length;
    await send(events);
    onProgress((b - fromMs) / (toMs - fromMs), total);
  }
  return total;
}
