/** Scenario time: the simulated instant the product is living in. Equal to wall time when nothing simulates. */
export interface Clock {
  now(): number;
  speed(): number;
}

export function wallClock(): Clock {
  return { now: () => Date.now(), speed: () => 1 };
}

/** A clock that starts at `startMs` and runs `speed` times faster than the real one. */
export function scenarioClock(startMs: number, speed: number, realNow: () => number = Date.now): Clock {
  const realStart = realNow();
  return { now: () => startMs + (realNow() - realStart) * speed, speed: () => speed };
}
