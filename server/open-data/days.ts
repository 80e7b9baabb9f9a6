import { DAY_MS } from '../../protocol';

/** The Vietnam-time day `n` days after `day` (`YYYY-MM-DD`); days are calendar dates, so plain UTC arithmetic. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month after `day`'s month. */
export function nextMonth(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** Consecutive `[from, to)` pieces of at most a calendar month: the unit one read of the aggregates covers. */
export function* monthChunks(fromDay: string, toDay: string): Generator<[string, string]> {
  for (let start = fromDay; start < toDay;) {
    const end = nextMonth(start) < toDay ? nextMonth(start) : toDay;
    yield [start, end];
    start = end;
  }
}

export function* daysOf(fromDay: string, toDay: string): Generator<string> {
  for (let d = fromDay; d < toDay; d = addDays(d, 1)) yield d;
}
