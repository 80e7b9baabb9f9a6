import { parseInstant } from '../../protocol';
import { DAY_MS, vnDateKey, vnDayStartMs } from '../../protocol/time';
import type { AreasCollection } from '../net/api';

/** One area set as the client holds it: its geometry, where the sites lie in it, and when it applies. */
export interface HeldAreaSet {
  name: string;
  areas: AreasCollection;
  siteAreas: Readonly<Record<string, string | null>>;
  /** The instants it answers for: its validity, or the day asked when the server fell back to a nearest set. */
  fromMs: number;
  toMs: number;
}

export interface AreaSetFollowerDeps {
  /** Loads the set in force at `atMs` and the sites' assignment in it. */
  load(
    atMs: number,
  ): Promise<Omit<HeldAreaSet, 'fromMs' | 'toMs'> & { validFrom?: string | null; validTo?: string | null }>;
  /** Called with the set to draw whenever it changes. */
  show(set: HeldAreaSet): void;
  onError?(error: unknown): void;
}

export interface AreaSetFollower {
  /** The cursor moved to `atMs`: draw the set in force then, loading it only if no held set covers it. */
  follow(atMs: number): void;
  /** How many loads were started (a cache that works keeps this at one per set). */
  loads(): number;
}

const covers = (s: HeldAreaSet, atMs: number) => atMs >= s.fromMs && atMs < s.toMs;

/**
 * Follows a moving instant (the replay cursor) across area-set validity dates. Sets are cached by name and by
 * the span they answer for, so scrubbing back and forth over 1 July 2025 loads each set once; one load runs at
 * a time, and the newest instant asked wins when it ends.
 */
export function createAreaSetFollower(deps: AreaSetFollowerDeps): AreaSetFollower {
  const held: HeldAreaSet[] = [];
  let shown: HeldAreaSet | null = null;
  let wanted: number | null = null;
  let loading = false;
  let loads = 0;

  const show = (s: HeldAreaSet) => {
    if (s === shown) return;
    shown = s;
    deps.show(s);
  };
  const follow = (atMs: number) => {
    if (shown && covers(shown, atMs)) return;
    const cached = held.find((s) => covers(s, atMs));
    if (cached) return show(cached);
    wanted = atMs;
    if (loading) return;
    loading = true;
    loads++;
    deps
      .load(atMs)
      .then((got) => {
        const fromMs = got.validFrom ? parseInstant(got.validFrom) : -Infinity;
        const toMs = got.validTo ? parseInstant(got.validTo) : Infinity;
        const span =
          atMs >= fromMs && atMs < toMs
            ? { fromMs, toMs }
            : { fromMs: vnDayStartMs(vnDateKey(atMs)), toMs: vnDayStartMs(vnDateKey(atMs)) + DAY_MS };
        const set: HeldAreaSet = { name: got.name, areas: got.areas, siteAreas: got.siteAreas, ...span };
        held.push(set);
        if (wanted !== null && covers(set, wanted)) show(set);
      })
      .catch((e: unknown) => {
        // No retry loop against a failing server: the next cursor move asks again.
        wanted = null;
        deps.onError?.(e);
      })
      .finally(() => {
        loading = false;
        const next = wanted;
        wanted = null;
        if (next !== null && !(shown && covers(shown, next))) follow(next);
      });
  };
  return { follow, loads: () => loads };
}
