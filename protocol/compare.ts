import {
  DAY_MS,
  VN_OFFSET_MS,
  vnBucketStart,
  vnDateKey,
  vnDayStartMs,
  vnNextBucket,
  type Bucket,
} from './time';

/** A span of time, `fromMs` inclusive, `toMs` exclusive. */
export interface Span {
  fromMs: number;
  toMs: number;
}

/**
 * A period as far as it has been lived: complete once `nowMs` has reached its end, else "to date" up to
 * `asOfMs` (= now). A figure of a period in progress is a figure "so far", and is labelled so.
 */
export interface PeriodProgress {
  span: Span;
  complete: boolean;
  /** End of what the figures cover: the period's end when complete, else `nowMs`. */
  asOfMs: number;
}

export function periodProgress(span: Span, nowMs: number): PeriodProgress {
  const complete = nowMs >= span.toMs;
  return { span, complete, asOfMs: complete ? span.toMs : Math.max(span.fromMs, nowMs) };
}

/** Two spans that can be compared fairly: the same length of time from each one's start. */
export interface LikeForLike {
  current: Span;
  previous: Span;
  /** False when the current period is still in progress: both spans are then cut to the time it has run. */
  complete: boolean;
  /** End of the current span: the period's end, or now. */
  asOfMs: number;
}

/**
 * How the earlier span is cut: `elapsed` after the same time from its start (a custom span of days), or at
 * the `sameDate` and clock time, counted in calendar months from its start (1 January–1 October 08:00 against
 * 1 January–1 October 08:00 of the year before, whatever leap day lies between).
 */
export type Alignment = 'elapsed' | 'sameDate';

/** Whole Vietnam-time calendar months from the month of `fromMs` to that of `toMs`. */
function monthsBetween(fromMs: number, toMs: number): number {
  const a = new Date(fromMs + VN_OFFSET_MS);
  const b = new Date(toMs + VN_OFFSET_MS);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

/** The same Vietnam-time date and clock time `months` calendar months earlier (past a month's end: its end). */
function monthsEarlier(tsMs: number, months: number): number {
  const d = new Date(tsMs + VN_OFFSET_MS);
  const shifted = Date.UTC(
    d.getUTCFullYear(),
    d.getUTCMonth() - months,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months + 1, 1);
  return Math.min(shifted, monthEnd) - VN_OFFSET_MS;
}

/**
 * The one rule every comparison follows: a period in progress is compared with the same span of the period it
 * is compared with, never with the whole of it. Today until 08:05 is compared with yesterday until 08:05
 * (Vietnam has no daylight saving, so elapsed time is clock time), the 10 first days of a month with the 10
 * first days of the other month, a year until 1 October with the year before until 1 October; a complete
 * period with the whole of the other. The earlier span never runs past its own period's end (1–31 March so far
 * against February stops at the end of February).
 */
export function likeForLike(
  current: Span,
  previous: Span,
  nowMs: number,
  align: Alignment = 'elapsed',
): LikeForLike {
  const p = periodProgress(current, nowMs);
  if (p.complete) return { current, previous, complete: true, asOfMs: current.toMs };
  const cut =
    align === 'elapsed'
      ? previous.fromMs + (p.asOfMs - current.fromMs)
      : monthsEarlier(p.asOfMs, monthsBetween(previous.fromMs, current.fromMs));
  return {
    current: { fromMs: current.fromMs, toMs: p.asOfMs },
    previous: { fromMs: previous.fromMs, toMs: Math.min(previous.toMs, Math.max(previous.fromMs, cut)) },
    complete: false,
    asOfMs: p.asOfMs,
  };
}

/** The Vietnam-time day, month or year holding `tsMs`. */
export function bucketSpan(tsMs: number, bucket: Bucket): Span {
  const fromMs = vnBucketStart(tsMs, bucket);
  return { fromMs, toMs: vnNextBucket(fromMs, bucket) };
}

/** "Today so far" against the same span of yesterday: 00:00 → the clock time of `nowMs`, Vietnam time. */
export function todaySoFar(nowMs: number): LikeForLike {
  const today = bucketSpan(nowMs, 'day');
  return likeForLike(today, { fromMs: today.fromMs - DAY_MS, toMs: today.fromMs }, nowMs);
}

/** "This month so far" against the same number of days (and hours) of the month before. */
export function monthSoFar(nowMs: number): LikeForLike {
  const month = bucketSpan(nowMs, 'month');
  return likeForLike(month, bucketSpan(month.fromMs - 1, 'month'), nowMs, 'sameDate');
}

/** Which way a change is good for a KPI: more dossiers on time is good, more late dossiers is bad. */
export type Polarity = 'higherIsBetter' | 'lowerIsBetter' | 'neutral';

/** A change with what it means: its direction, and whether that is good or bad for the KPI. */
export interface Change {
  /** current − previous, in the KPI's unit; null when either side has no figure. */
  delta: number | null;
  direction: 'up' | 'down' | 'flat' | null;
  verdict: 'better' | 'worse' | 'same' | 'neutral' | null;
}

export function change(current: number | null, previous: number | null, polarity: Polarity): Change {
  if (current === null || previous === null) return { delta: null, direction: null, verdict: null };
  const delta = current - previous;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const verdict =
    direction === 'flat'
      ? 'same'
      : polarity === 'neutral'
        ? 'neutral'
        : (direction === 'up') === (polarity === 'higherIsBetter')
          ? 'better'
          : 'worse';
  return { delta, direction, verdict };
}

/** `DD/MM` of the Vietnam-time day of the last instant before `asOfMs`, the date a "to date" label names. */
export function toDateLabel(asOfMs: number): string {
  const key = vnDateKey(asOfMs - 1);
  return `${key.slice(8, 10)}/${key.slice(5, 7)}`;
}

/** Minute of the Vietnam-time day of `tsMs`, 0–1439. */
export function vnMinuteOfDay(tsMs: number): number {
  return Math.floor(((((tsMs + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** First minute of the `slotMinutes`-minute slot of the Vietnam-time day that holds `tsMs`. */
export function vnSlotOfDay(tsMs: number, slotMinutes: number): number {
  return Math.floor(vnMinuteOfDay(tsMs) / slotMinutes) * slotMinutes;
}

/** Whole Vietnam-time days of a span, and the parts of days at either end, for counters kept per day. */
export function splitByDay(span: Span): { day: string; fromMs: number; toMs: number; whole: boolean }[] {
  const out: { day: string; fromMs: number; toMs: number; whole: boolean }[] = [];
  for (let start = vnBucketStart(span.fromMs, 'day'); start < span.toMs; start += DAY_MS) {
    const day = vnDateKey(start);
    const fromMs = Math.max(start, span.fromMs);
    const toMs = Math.min(start + DAY_MS, span.toMs);
    out.push({ day, fromMs, toMs, whole: fromMs === start && toMs === vnDayStartMs(day) + DAY_MS });
  }
  return out;
}
