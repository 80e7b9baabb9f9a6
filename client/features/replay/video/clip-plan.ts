/**
 * What a replay clip covers: the scenario range, how many scenario seconds pass per second of video, and the
 * frame rate. A dashboard's figures move by the minute, so 10 frames a second is smooth enough (24 scenario
 * hours in 30 s of video is 4,8 scenario minutes a frame) and keeps the export to a few hundred frames.
 */
export interface ClipPlan {
  fromMs: number;
  toMs: number;
  /** Scenario seconds per video second, e.g. 2880 for 24 h in 30 s. */
  speed: number;
  fps: number;
}

export const CLIP_FPS = 10;
/** 1080p: what a meeting-room screen or a report's embedded video shows sharp. */
export const CLIP_WIDTH = 1920;
export const CLIP_HEIGHT = 1080;
/** Speeds offered (scenario seconds per video second): 24 h in 120, 60, 30 and 15 s. */
export const CLIP_SPEEDS = [720, 1440, 2880, 5760] as const;
/** Lengths offered from the replay's position, in scenario hours. */
export const CLIP_HOURS = [1, 6, 24, 72] as const;

/** The clip's length in seconds of video. */
export function clipSeconds(plan: ClipPlan): number {
  return Math.max(0, plan.toMs - plan.fromMs) / 1000 / plan.speed;
}

/**
 * The scenario instant each frame shows, in order: frame i holds from i/fps to (i+1)/fps of video and shows
 * the state at the start of that span, so the first frame is the range's start.
 */
export function clipFrameTimes(plan: ClipPlan): number[] {
  const frames = Math.ceil(clipSeconds(plan) * plan.fps - 1e-9);
  const stepMs = (plan.speed * 1000) / plan.fps;
  return Array.from({ length: frames }, (_, i) => plan.fromMs + i * stepMs);
}
