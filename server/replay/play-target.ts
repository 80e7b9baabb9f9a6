/** A client that acknowledges late slows the replay down instead of receiving one huge catch-up batch. */
export const MAX_TICK_ELAPSED_MS = 1000;

/**
 * Where the replay clock goes on a tick: `speed` × the real time elapsed since the last advance (capped), never
 * past `limitMs` (the end of the range or of the log), never backwards.
 */
export function playTarget(cursorMs: number, speed: number, elapsedRealMs: number, limitMs: number): number {
  const step = Math.round(speed * Math.min(Math.max(0, elapsedRealMs), MAX_TICK_ELAPSED_MS));
  return Math.max(cursorMs, Math.min(cursorMs + step, limitMs));
}
