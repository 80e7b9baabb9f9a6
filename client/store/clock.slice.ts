import type { StateCreator } from 'zustand';
import type { ClockTick } from '../../protocol';
import type { RootState } from './store';

/** The last `live:clock` tick and when (browser wall time) it arrived, so the time can run on between ticks. */
export interface ClockState extends ClockTick {
  receivedAtMs: number;
}

export interface ClockSlice {
  clock: ClockState | null;
  setClock: (tick: ClockTick, receivedAtMs: number) => void;
}

export const createClockSlice: StateCreator<RootState, [], [], ClockSlice> = (set) => ({
  clock: null,
  setClock: (tick, receivedAtMs) => set({ clock: { nowMs: tick.nowMs, speed: tick.speed, receivedAtMs } }),
});

/** Scenario time at browser wall time `wallMs`: the tick's time plus the elapsed time scaled by its speed. */
export function scenarioNowMs(clock: ClockState, wallMs: number): number {
  return clock.nowMs + Math.max(0, wallMs - clock.receivedAtMs) * clock.speed;
}
