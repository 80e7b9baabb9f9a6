import type { DashboardState, LoggedEvent, PublicAnnouncement } from '../../protocol';

export interface LevelWatcherDeps {
  state: () => DashboardState;
  /** The areas whose level is public: the province and the units directly under it. */
  areas: () => readonly { code: string; name: string }[];
  now: () => number;
  announce: (a: PublicAnnouncement) => void;
  /**
   * Only a report this recent (event time vs. the clock) announces its change. History backfilled at start,
   * or a late import of last month's reports, moves the levels silently: a channel relays news, not archives.
   */
  recentMs?: number;
}

/**
 * Watches the epidemic level of each public area in the live state and announces every change. Called
 * after each accepted batch; batches without a COVID report cost one scan of the batch.
 */
export function createLevelWatcher(deps: LevelWatcherDeps): (events: readonly LoggedEvent[]) => void {
  const recentMs = deps.recentMs ?? 3600_000;
  const known = new Map<string, number>();
  const levelOf = (code: string) => deps.state().areas[code]?.covid.epidemicLevel ?? 1;
  for (const a of deps.areas()) known.set(a.code, levelOf(a.code));

  return (events) => {
    let reports = false;
    let recent = false;
    for (const e of events) {
      if (e.stream !== 'covid') continue;
      reports = true;
      if (e.tsMs >= deps.now() - recentMs) recent = true;
    }
    if (!reports) return;
    const state = deps.state();
    for (const { code, name } of deps.areas()) {
      const covid = state.areas[code]?.covid;
      const level = covid?.epidemicLevel ?? 1;
      const before = known.get(code) ?? level;
      known.set(code, level);
      if (level === before || !recent) continue;
      const date = covid?.lastDate ?? null;
      deps.announce({
        type: 'epidemic-level:changed',
        id: `${code}:${date ?? 'none'}:${before}-${level}`,
        area: code,
        name,
        fromLevel: before,
        toLevel: level,
        date,
        tsMs: deps.now(),
      });
    }
  };
}
