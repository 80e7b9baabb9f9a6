import { DAY_MS, VN_OFFSET_MS } from '../protocol';

/** Day number (days since 1970-01-01, Vietnam time) of a calendar date. */
export function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** Start (UTC ms) of a Vietnam-time day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - VN_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 1–12. */
export function monthOf(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth() + 1;
}

/** 0-based day of the year. */
export function dayOfYear(day: number): number {
  return day - dayOf(yearOf(day), 1, 1);
}

/** `yymmdd` of a day number, as dossier codes carry it. */
export function yymmdd(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

/** First day of the lunar new year (Mùng 1 Tết), the dates Vietnam's calendar gives. */
export const TET_FIRST_DAY: Readonly<Record<number, string>> = {
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};

/**
 * Offices close from two days before Mùng 1 to the 4th day after it: the official Tết break is 7–9 days
 * depending on the year's bridging decisions, and this covers its core in every year.
 */
const TET_BEFORE_DAYS = 2;
const TET_AFTER_DAYS = 4;

function parseDay(key: string): number {
  const [y, m, d] = key.split('-').map(Number);
  return dayOf(y!, m!, d!);
}

const TET_DAYS = new Set<number>();
for (const key of Object.values(TET_FIRST_DAY)) {
  const first = parseDay(key);
  for (let d = first - TET_BEFORE_DAYS; d <= first + TET_AFTER_DAYS; d++) TET_DAYS.add(d);
}

export function isTet(day: number): boolean {
  return TET_DAYS.has(day);
}

/** Public holidays other than Tết (solar dates): New Year, Reunification Day, Labour Day, National Day. */
export function isSolarHoliday(day: number): boolean {
  const d = new Date(day * DAY_MS);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return (m === 1 && dd === 1) || (m === 4 && dd === 30) || (m === 5 && dd === 1) || (m === 9 && dd === 2);
}

export function isHoliday(day: number): boolean {
  return isTet(day) || isSolarHoliday(day);
}

/** Mon–Fri and not a holiday: the days statutory deadlines count. */
export function isWorkingDay(day: number): boolean {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !isHoliday(day);
}

/**
 * The 2021 lockdown (Directive 16 in Long An): one-stop counters took no dossiers in person from 19 July to
 * 30 September 2021, so the portal and the public postal service carried them.
 */
export const LOCKDOWN_FIRST_DAY = dayOf(2021, 7, 19);
export const LOCKDOWN_LAST_DAY = dayOf(2021, 9, 30);

export function isLockdown(day: number): boolean {
  return day >= LOCKDOWN_FIRST_DAY && day <= LOCKDOWN_LAST_DAY;
}

/** The nationwide distancing of April 2020 (Directive 16/CT-TTg) halved counter traffic without closing it. */
export function isDistancing2020(day: number): boolean {
  return day >= dayOf(2020, 4, 1) && day <= dayOf(2020, 4, 22);
}

// Working days as an index so deadlines cost O(1): every dossier needs one.
const WD_BASE = dayOf(2014, 1, 1);
const WD_END = dayOf(2102, 1, 1);
const workingDays: number[] = [];
/** countUpTo[d - WD_BASE] = number of working days <= d since WD_BASE. */
const countUpTo = new Int32Array(WD_END - WD_BASE);
for (let d = WD_BASE; d < WD_END; d++) {
  if (isWorkingDay(d)) workingDays.push(d);
  countUpTo[d - WD_BASE] = workingDays.length;
}

/** The n-th working day strictly after `day` (n >= 1): Vietnamese deadlines start the working day after receipt. */
export function nthWorkingDayAfter(day: number, n: number): number {
  const i = countUpTo[day - WD_BASE]! + n - 1;
  return workingDays[Math.min(i, workingDays.length - 1)]!;
}

/** The first working day on or after `day`. */
export function workingDayOnOrAfter(day: number): number {
  return isWorkingDay(day) ? day : nthWorkingDayAfter(day, 1);
}

/** What the per-reading models ask about a day, computed once per day: they run ~1M times a simulated day. */
export interface DayInfo {
  month: number;
  dayOfYear: number;
  weekday: number;
  holiday: boolean;
  tet: boolean;
  lockdown: boolean;
  workday: boolean;
}

const infoCache = new Map<number, DayInfo>();

export function dayInfo(day: number): DayInfo {
  let info = infoCache.get(day);
  if (!info) {
    info = {
      month: monthOf(day),
      dayOfYear: dayOfYear(day),
      weekday: weekday(day),
      holiday: isHoliday(day),
      tet: isTet(day),
      lockdown: isLockdown(day),
      workday: isWorkingDay(day),
    };
    if (infoCache.size > 4096) infoCache.clear();
    infoCache.set(day, info);
  }
  return info;
}
