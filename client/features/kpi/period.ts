import { likeForLike, periodProgress, toDateLabel, type Span } from '../../../protocol/compare';
import { parseInstant } from '../../../protocol/http.schema';
import { VN_OFFSET_MS, vnIso } from '../../../protocol/time';

/** How a review period is chosen; custom takes any span of whole days. */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

/** A span of whole Vietnam-time days: `from` inclusive, `to` exclusive, both `YYYY-MM-DD`. */
export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
}

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year', 'custom'];

const DAY_MS = 86_400_000;
const keyOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const parts = (key: string) => ({ y: Number(key.slice(0, 4)), m: Number(key.slice(5, 7)) - 1 });

export function addDays(key: string, days: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The month, quarter or year holding `dayKey`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, dayKey: string): Period {
  const { y, m } = parts(dayKey);
  if (kind === 'month') return { kind, from: keyOf(y, m, 1), to: keyOf(y, m + 1, 1) };
  if (kind === 'quarter') {
    const q = Math.floor(m / 3) * 3;
    return { kind, from: keyOf(y, q, 1), to: keyOf(y, q + 3, 1) };
  }
  return { kind, from: keyOf(y, 0, 1), to: keyOf(y + 1, 0, 1) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the URL form of a period: `2021-09` (month), `2021-Q3` (quarter), `2021` (year) or
 * `2021-01-01..2021-09-30` (custom, both days included, as people write ranges). Null when it is none of them.
 */
export function parsePeriod(text: string): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return periodContaining('month', `${text}-01`);
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) return periodContaining('quarter', keyOf(Number(m[1]), (Number(m[2]) - 1) * 3, 1));
  if (/^\d{4}$/.test(text)) return periodContaining('year', `${text}-01-01`);
  const [from, last] = text.split('..');
  if (!from || !last || !DATE.test(from) || !DATE.test(last)) return null;
  if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(last)) || last < from) return null;
  return { kind: 'custom', from, to: addDays(last, 1) };
}

/** The URL form of a period; `parsePeriod(formatPeriod(p))` gives `p` back. */
export function formatPeriod(p: Period): string {
  const { y, m } = parts(p.from);
  if (p.kind === 'month') return p.from.slice(0, 7);
  if (p.kind === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
  if (p.kind === 'year') return String(y);
  return `${p.from}..${addDays(p.to, -1)}`;
}

/** The period just before, of the same kind and length. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') {
    const n = daysBetween(p.from, p.to);
    return { kind: 'custom', from: addDays(p.from, -n), to: p.from };
  }
  return periodContaining(p.kind, addDays(p.from, -1));
}

/** The same days one year earlier (29 February maps to 1 March). */
export function sameLastYear(p: Period): Period {
  const back = (key: string) => {
    const { y, m } = parts(key);
    return keyOf(y - 1, m, Number(key.slice(8, 10)));
  };
  return { kind: p.kind, from: back(p.from), to: back(p.to) };
}

export type Comparison = 'none' | 'previous' | 'yoy';

export function comparisonPeriod(p: Period, c: Comparison): Period | null {
  return c === 'previous' ? previousPeriod(p) : c === 'yoy' ? sameLastYear(p) : null;
}

/** Most points a chart line may carry: beyond this a line is denser than the pixels that draw it. */
export const MAX_POINTS = 2000;

/** The finest bucket that keeps a daily chart of the period within {@link MAX_POINTS} points. */
export function bucketFor(p: Period): 'day' | 'month' {
  return daysBetween(p.from, p.to) <= MAX_POINTS ? 'day' : 'month';
}

/** The instants a period covers, Vietnam time. */
export const spanOf = (p: Bounds): Span => ({ fromMs: parseInstant(p.from), toMs: parseInstant(p.to) });

/** A request's bounds: `from` inclusive, `to` exclusive; dates, or instants when a span is cut at a clock time. */
export interface Bounds {
  from: string;
  to: string;
}

/**
 * What the review asks for and says about a period at `nowMs` (the scenario clock): the period itself, whether
 * it is complete, and the comparison cut to the same elapsed time (`likeForLike`): the year 2021 so far
 * against 2020 up to the same day and hour, never against all of 2020.
 */
export function reviewSpans(
  p: Period,
  cmp: Period | null,
  nowMs: number,
): { complete: boolean; asOfMs: number; compared: Bounds | null } {
  const progress = periodProgress(spanOf(p), nowMs);
  if (!cmp) return { complete: progress.complete, asOfMs: progress.asOfMs, compared: null };
  // Calendar periods are cut at the same date and time; a custom span of days after the same elapsed time.
  const l = likeForLike(spanOf(p), spanOf(cmp), nowMs, p.kind === 'custom' ? 'elapsed' : 'sameDate');
  return {
    complete: l.complete,
    asOfMs: l.asOfMs,
    compared: l.complete
      ? { from: cmp.from, to: cmp.to }
      : { from: vnIso(l.previous.fromMs), to: vnIso(l.previous.toMs) },
  };
}

/** `DD/MM/YYYY – DD/MM/YYYY`, or `DD/MM/YYYY – đến DD/MM` for a span to date (`toDate` formats the label). */
export function formatSpan(
  from: string,
  toExclusiveMs: number,
  complete: boolean,
  toDate: (ddmm: string) => string,
) {
  const d = (k: string) => `${k.slice(8, 10)}/${k.slice(5, 7)}/${k.slice(0, 4)}`;
  const lastDay = new Date(toExclusiveMs - 1 + VN_OFFSET_MS).toISOString().slice(0, 10);
  return `${d(from.slice(0, 10))} – ${complete ? d(lastDay) : toDate(toDateLabel(toExclusiveMs))}`;
}
