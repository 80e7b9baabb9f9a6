import { create } from 'zustand';
import type { ReplayAlertMarker, ReplayPosition, ReplayTimeline } from '../../../protocol';
import type { ReplaySpeed } from '../../../protocol/replay.schema';

/**
 * The replay's own controls and scrubber data. The replayed dashboard state itself goes into the shared
 * store's feed and clock, so the operator's map, tiles and chart draw it unchanged.
 */
export interface ReplayControls {
  fromMs: number;
  toMs: number;
  position: ReplayPosition | null;
  /** The link's instant, shown by the clock until the first seek lands there (then `position` holds it). */
  pendingAtMs: number | null;
  /** The speed chosen for the next play; the position's speed is what the server runs. */
  speed: ReplaySpeed;
  timeline: ReplayTimeline | null;
  lastAlert: ReplayAlertMarker | null;
  /** Set when a command failed, shown until the next one succeeds. */
  error: string | null;
  busy: boolean;
}

export const useReplayStore = create<ReplayControls>()(() => ({
  fromMs: 0,
  toMs: 0,
  position: null,
  pendingAtMs: null,
  speed: 60,
  timeline: null,
  lastAlert: null,
  error: null,
  busy: false,
}));
