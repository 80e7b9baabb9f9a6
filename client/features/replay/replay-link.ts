import { REPLAY_SPEEDS, type ReplaySpeed } from '../../../protocol/replay.schema';
import { vnIso } from '../../../protocol/time';
import { choroplethFromUrl, focusFromUrl, sensorsFromUrl, type ChoroplethMetric } from '../../store/ui.slice';

/**
 * Everything a deep link restores: the scrubber's range, the replay position, the speed and whether it plays,
 * the area drilled into (a district or a Tân An ward) and the scene (the map's colouring and its sensor layer).
 */
export interface ReplayLink {
  fromMs: number;
  toMs: number;
  atMs: number;
  speed: ReplaySpeed;
  playing: boolean;
  area: string;
  scene: ChoroplethMetric;
  sensors: boolean;
}

const DEFAULT_RANGE_MS = 21 * 86_400_000;

/** A date (`2021-07-26`, Vietnam midnight), an ISO instant, or epoch ms; NaN otherwise. */
export function parseInstantParam(value: string | null): number {
  if (!value) return NaN;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00+07:00`);
  return Date.parse(value);
}

/**
 * Reads `?from&to&at&speed`; what is missing or invalid falls back to the three weeks before `nowMs`, the
 * position at the range start, and 60×. The position is kept inside the range.
 */
export function parseReplayLink(search: string, nowMs: number): ReplayLink {
  const q = new URLSearchParams(search);
  let toMs = parseInstantParam(q.get('to'));
  if (!Number.isFinite(toMs)) toMs = nowMs;
  let fromMs = parseInstantParam(q.get('from'));
  if (!Number.isFinite(fromMs) || fromMs >= toMs) fromMs = toMs - DEFAULT_RANGE_MS;
  const at = parseInstantParam(q.get('at'));
  const atMs = Number.isFinite(at) ? Math.min(Math.max(at, fromMs), toMs) : fromMs;
  const asked = Number(q.get('speed'));
  const speed = REPLAY_SPEEDS.find((s) => s === asked) ?? 60;
  return {
    fromMs,
    toMs,
    atMs,
    speed,
    playing: q.get('playing') === '1',
    area: focusFromUrl(search),
    scene: choroplethFromUrl(search),
    sensors: sensorsFromUrl(search),
  };
}

/**
 * The link when it needs nothing from the server: with its own end (`to`), the scenario time only fills
 * defaults it does not use. A copied link always carries one; null for a bare `/replay`.
 */
export function completeReplayLink(search: string): ReplayLink | null {
  const toMs = parseInstantParam(new URLSearchParams(search).get('to'));
  return Number.isFinite(toMs) ? parseReplayLink(search, toMs) : null;
}

export function formatReplayLink(link: ReplayLink, origin: string): string {
  const q = new URLSearchParams({
    // Vietnam local time to the millisecond: readable in a link, and exact.
    from: vnIso(link.fromMs, 'milliseconds'),
    to: vnIso(link.toMs, 'milliseconds'),
    at: vnIso(link.atMs, 'milliseconds'),
    speed: String(link.speed),
    area: link.area,
    scene: link.scene,
    sensors: link.sensors ? '1' : '0',
  });
  if (link.playing) q.set('playing', '1');
  return `${origin}/replay?${q.toString()}`;
}
