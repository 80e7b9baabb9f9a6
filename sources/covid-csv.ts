import { CovidReport, DAY_MS, PROTOCOL_VERSION, vnDayStartMs } from '../protocol';
import { PROVINCE_CODE } from '../geo/areas';
import { populationOf } from '../reference/district-population';
import { epidemicLevel } from '../reference/epidemic-level';

export interface CovidCsvResult {
  events: CovidReport[];
  /** Rows not imported, by 1-based line number of the file (the header is line 1). */
  rejected: { line: number; reason: string }[];
}

const COLUMNS = ['date', 'new_cases', 'cumulative_cases', 'area'] as const;
type Column = (typeof COLUMNS)[number];
const REPORT_HOUR_MS = 17 * 3_600_000;

function cells(line: string): string[] {
  return line.split(',').map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const COUNT = /^\d+$/;

/**
 * Parses a COVID case file, `date,new_cases[,cumulative_cases][,area]` with a header naming the columns (in any
 * order). A missing area means the province (80). Rows must come in date order per area: a cumulative count,
 * when given, must equal the running sum of that area's accepted rows including this one, otherwise the row is
 * rejected (so is every later row of the area whose cumulative still counts it). Each report is timed 17:00
 * Vietnam time of its date and has id `covid:<area>:<date>`, so importing the same file twice is harmless;
 * its epidemic level comes from the area's 7-day incidence in the file, as the simulator computes it.
 */
export function parseCovidCsv(text: string, opts: { source: string }): CovidCsvResult {
  const events: CovidReport[] = [];
  const rejected: CovidCsvResult['rejected'] = [];
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0) return { events, rejected: [{ line: 1, reason: 'empty file: a header is required' }] };
  const header = cells(lines[headerAt]!).map((h) => h.toLowerCase());
  const col = new Map<Column, number>();
  for (const [i, h] of header.entries()) {
    if (!(COLUMNS as readonly string[]).includes(h)) {
      return { events, rejected: [{ line: headerAt + 1, reason: `unknown column "${h}" in header` }] };
    }
    if (col.has(h as Column))
      return { events, rejected: [{ line: headerAt + 1, reason: `duplicate column "${h}"` }] };
    col.set(h as Column, i);
  }
  if (!col.has('date') || !col.has('new_cases')) {
    return {
      events,
      rejected: [{ line: headerAt + 1, reason: 'header must name at least date and new_cases' }],
    };
  }

  /** Per area: running total, last accepted date, and accepted cases by day number for the 7-day window. */
  const areas = new Map<string, { total: number; lastDate: string; byDay: Map<number, number> }>();
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i]!.trim() === '') continue;
    const row = cells(lines[i]!);
    const reject = (reason: string) => rejected.push({ line, reason });
    if (row.length !== header.length) {
      reject(`expected ${header.length} fields, found ${row.length}`);
      continue;
    }
    const get = (c: Column) => (col.has(c) ? row[col.get(c)!]! : '');
    const date = get('date');
    const area = get('area') || PROVINCE_CODE;
    const newCasesText = get('new_cases');
    const cumulativeText = get('cumulative_cases');
    if (!isRealDate(date)) {
      reject(`date "${date}" is not a calendar date YYYY-MM-DD`);
      continue;
    }
    if (!COUNT.test(newCasesText)) {
      reject(`new_cases "${newCasesText}" is not a non-negative integer`);
      continue;
    }
    const population = populationOf(area);
    if (population === undefined) {
      reject(`unknown area "${area}": expected the province (80) or a district code 794–808`);
      continue;
    }
    const state = areas.get(area) ?? { total: 0, lastDate: '', byDay: new Map<number, number>() };
    if (state.lastDate && date <= state.lastDate) {
      reject(
        date === state.lastDate
          ? `duplicate row for area ${area} on ${date}`
          : `date ${date} is before ${state.lastDate} for area ${area}: rows must be in date order`,
      );
      continue;
    }
    const newCases = Number(newCasesText);
    if (cumulativeText !== '') {
      if (!COUNT.test(cumulativeText)) {
        reject(`cumulative_cases "${cumulativeText}" is not a non-negative integer`);
        continue;
      }
      const expected = state.total + newCases;
      if (Number(cumulativeText) !== expected) {
        reject(
          `cumulative_cases ${cumulativeText} does not match the running sum ${expected} for area ${area}`,
        );
        continue;
      }
    }
    const dayStart = vnDayStartMs(date);
    const dayNo = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    let week = newCases;
    for (let d = dayNo - 6; d < dayNo; d++) week += state.byDay.get(d) ?? 0;
    const event = {
      v: PROTOCOL_VERSION,
      id: `covid:${area}:${date}`,
      source: opts.source,
      area,
      tsMs: dayStart + REPORT_HOUR_MS,
      stream: 'covid' as const,
      date,
      newCases,
      recovered: 0,
      deaths: 0,
      vaccineDoses: 0,
      epidemicLevel: epidemicLevel(week, population),
    };
    const parsed = CovidReport.safeParse(event);
    if (!parsed.success) {
      reject(parsed.error.issues.map((x) => `${x.path.join('.') || 'event'}: ${x.message}`).join('; '));
      continue;
    }
    state.total += newCases;
    state.lastDate = date;
    state.byDay.set(dayNo, newCases);
    areas.set(area, state);
    events.push(parsed.data);
  }
  return { events, rejected };
}
