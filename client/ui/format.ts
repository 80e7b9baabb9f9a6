/** Intl formatters are costly to build and these run every second per tile: cache one per locale and shape. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const DASH = '—';

/** Whole or decimal number in the locale's style: 77769 → "77.769" in vi-VN. */
export function formatNumber(value: number | null | undefined, locale = 'vi-VN', fractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return cached(`n:${locale}:${fractionDigits}`, () =>
    Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }),
  ).format(value);
}

/**
 * A 0–1 ratio as a percentage with two decimals: 0.8625 → "86,25 %". The space before % follows Vietnamese
 * typographic usage (ICU's vi pattern omits it); it is a no-break space so the sign never wraps alone.
 */
export function formatPercent(ratio: number | null | undefined, locale = 'vi-VN'): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return DASH;
  return `${formatNumber(ratio * 100, locale, 2)}\u00a0%`;
}

/** Date and time in Vietnam: "Thứ Hai, 16/08/2021" and "14:32:05". */
export function formatClock(tsMs: number, locale = 'vi-VN'): { date: string; time: string } {
  const date = cached(`d:${locale}`, () =>
    Intl.DateTimeFormat(locale, {
      timeZone: VN_TIME_ZONE,
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }),
  ).format(tsMs);
  const time = cached(`t:${locale}`, () =>
    Intl.DateTimeFormat(locale, {
      timeZone: VN_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  ).format(tsMs);
  return { date, time };
}

/** A `YYYY-MM-DD` day key as "16/08" (chart axis, report dates). */
export function formatDayKey(key: string): string {
  return `${key.slice(8, 10)}/${key.slice(5, 7)}`;
}

/** How long ago, in scenario time: "5 phút trước". Ages under a minute read as "now" to avoid flicker. */
export function formatAge(ageMs: number, locale = 'vi-VN'): string {
  const rtf = cached(`r:${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const s = Math.max(0, ageMs) / 1000;
  if (s < 60) return rtf.format(0, 'second');
  if (s < 3600) return rtf.format(-Math.floor(s / 60), 'minute');
  if (s < 86_400) return rtf.format(-Math.floor(s / 3600), 'hour');
  return rtf.format(-Math.floor(s / 86_400), 'day');
}

/** A moment in Vietnam time as the locale writes it: "14:32:05 16/08/2021" in vi-VN (tables, logs). */
export function formatDateTime(tsMs: number, locale = 'vi-VN'): string {
  return cached(`dt:${locale}`, () =>
    Intl.DateTimeFormat(locale, {
      timeZone: VN_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  ).format(tsMs);
}
