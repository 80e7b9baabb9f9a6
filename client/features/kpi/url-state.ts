import { AREAS_2021, PROVINCE_CODE } from '../../../geo/areas';
import { PILOT_AREAS } from '../../../geo/pilot-units';
import type { MetricName } from '../../../protocol';
import { formatPeriod, parsePeriod, periodContaining, type Comparison, type Period } from './period';

/** Metrics the district ranking can be ordered by. */
export const RANKING_METRICS = [
  'dossier.online_submitted',
  'dossier.online_share',
  'dossier.on_time_rate',
  'dossier.late_resolved',
  'dossier.online_payment_share',
  'covid.new_cases',
] as const satisfies readonly MetricName[];
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Everything the review shows is decided by this, and all of it lives in the URL so a link reproduces it. */
export interface ReviewViewState {
  period: Period;
  area: string;
  compare: Comparison;
  rank: RankingMetric;
  /** Metric whose provenance is open, or null. */
  why: string | null;
  lang: 'vi' | 'en';
}

const AREA_CODES = new Set([...AREAS_2021, ...PILOT_AREAS].map((a) => a.code));
const COMPARISONS: readonly Comparison[] = ['none', 'previous', 'yoy'];

const oneOf = <T extends string>(list: readonly T[], value: string | null, fallback: T): T =>
  list.includes(value as T) ? (value as T) : fallback;

/** Reads the view state from a query string; anything missing or malformed takes its default. */
export function parseViewState(search: string, todayKey: string): ReviewViewState {
  const q = new URLSearchParams(search);
  const area = q.get('area');
  return {
    period: parsePeriod(q.get('p') ?? '') ?? periodContaining('year', todayKey),
    area: area && AREA_CODES.has(area) ? area : PROVINCE_CODE,
    compare: oneOf(COMPARISONS, q.get('cmp'), 'none'),
    rank: oneOf(RANKING_METRICS, q.get('rank'), 'dossier.online_submitted'),
    why: q.get('why') || null,
    lang: q.get('lang') === 'en' ? 'en' : 'vi',
  };
}

/** The query string of a view state, in a fixed order so equal states give equal links. */
export function formatViewState(s: ReviewViewState): string {
  const q = new URLSearchParams({ p: formatPeriod(s.period), area: s.area, cmp: s.compare, rank: s.rank });
  if (s.why) q.set('why', s.why);
  if (s.lang !== 'vi') q.set('lang', s.lang);
  return q.toString();
}
