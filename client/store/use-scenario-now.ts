import { useEffect, useState } from 'react';
import { scenarioNowMs } from './clock.slice';
import { useStore } from './store';

/**
 * Scenario time, re-rendering every `periodMs`: ticks come once a second but the clock (and data ages) must
 * keep moving between them and through a short disconnect. Null before the first tick.
 */
export function useScenarioNow(periodMs = 1000): number | null {
  const clock = useStore((s) => s.clock);
  const [wallMs, setWallMs] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setWallMs(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return clock ? scenarioNowMs(clock, Math.max(wallMs, clock.receivedAtMs)) : null;
}
