import { create } from 'zustand';

/** Ranges the panel offers, ms, with the bucket each reads: raw for short ones, hourly or daily for long. */
export const SITE_RANGES = [
  { id: '6h', ms: 6 * 3_600_000, bucket: 'raw' },
  { id: '24h', ms: 24 * 3_600_000, bucket: 'raw' },
  { id: '7d', ms: 7 * 86_400_000, bucket: 'hour' },
  { id: '30d', ms: 30 * 86_400_000, bucket: 'hour' },
  { id: '1y', ms: 365 * 86_400_000, bucket: 'day' },
] as const;
export type SiteRangeId = (typeof SITE_RANGES)[number]['id'];

/** At most this many sites on one chart: more lines than that cannot be told apart. */
export const MAX_COMPARED_SITES = 4;

export interface SitePanelState {
  /** The sites on the chart, the first the one clicked; empty: the panel is closed. */
  siteIds: string[];
  /** Whether a click on the map adds a site to the chart instead of replacing it. */
  comparing: boolean;
  range: SiteRangeId;
  /** Why the last site could not be added (another unit, already four). */
  refused: 'unit' | 'full' | null;
  pick(siteId: string, unitOf: (id: string) => string | undefined): void;
  remove(siteId: string): void;
  setComparing(on: boolean): void;
  setRange(range: SiteRangeId): void;
  close(): void;
}

/** Pure: what a click on site `id` does to the chart's sites. */
export function pickSite(
  s: Pick<SitePanelState, 'siteIds' | 'comparing'>,
  id: string,
  unitOf: (id: string) => string | undefined,
): Pick<SitePanelState, 'siteIds' | 'refused'> {
  if (!s.comparing || s.siteIds.length === 0) return { siteIds: [id], refused: null };
  if (s.siteIds.includes(id)) return { siteIds: s.siteIds, refused: null };
  if (unitOf(id) !== unitOf(s.siteIds[0]!)) return { siteIds: s.siteIds, refused: 'unit' };
  if (s.siteIds.length >= MAX_COMPARED_SITES) return { siteIds: s.siteIds, refused: 'full' };
  return { siteIds: [...s.siteIds, id], refused: null };
}

export const useSitePanel = create<SitePanelState>()((set) => ({
  siteIds: [],
  comparing: false,
  range: '24h',
  refused: null,
  pick: (id, unitOf) => set((s) => pickSite(s, id, unitOf)),
  remove: (id) => set((s) => ({ siteIds: s.siteIds.filter((x) => x !== id), refused: null })),
  setComparing: (comparing) => set({ comparing, refused: null }),
  setRange: (range) => set({ range }),
  close: () => set({ siteIds: [], comparing: false, refused: null }),
}));
