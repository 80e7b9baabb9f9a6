import { parse } from 'csv-parse/sync';
import { CovidReport, DAY_MS, PROTOCOL_VERSION, vnDayStartMs } from '../protocol';
import { PROVINCE_CODE } from '../geo/areas';
import { populationOf } from '../reference/district-population';
import { epidemicLevel } from '../reference/epidemic-level';

export interface CovidCsvResult {
  events: CovidReport[];
  /** The 1-based line of the file each event comes from (the header is line 1), index for index. */
  lines: number[];
  /** Rows not imported, by 1-based line number of the file. */
  rejected: { line: number; reason: string }[];
}

const COLUMNS = ['date', 'new_cases', 'cumulative_cases', 'area', 'revision'] as const;
type Column = (typeof COLUMNS)[number];
const REPORT_HOUR_MS = 17 * 3_600_000;

/**
 * Header names as the province's own spreadsheets write them, folded to ASCII: "Ngày", "Số ca mới", "Cộng dồn",
 * "Mã địa bàn", "Lần sửa" are the same columns as `date`, `new_cases`, `cumulative_cases`, `area`, `revision`.
 */
const ALIASES: Record<string, Column> = {
  ngay: 'date',
  ngay_bao_cao: 'date',
  ca_moi: 'new_cases',
  so_ca_moi: 'new_cases',
  ca_nhiem_moi: 'new_cases',
  so_ca_nhiem_moi: 'new_cases',
  cong_don: 'cumulative_cases',
  luy_ke: 'cumulative_cases',
  tong_so_ca: 'cumulative_cases',
  dia_ban: 'area',
  ma_dia_ban: 'area',
  ma_dvhc: 'area',
  lan_sua: 'revision',
  phien_ban: 'revision',
};

/** A header cell as a column name: case, diacritics (đ too), spaces and dashes folded away. */
function columnOf(header: string): string {
  const folded = header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim()
    .replace(/[\s-]+/g, '_');
  return ALIASES[folded] ?? folded;
}

/** The separator of a file: whichever of `;` and `,` its header line holds more of (outside quotes). */
function delimiterOf(text: string): ';' | ',' {
  const header = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `YYYY-MM-DD`, or a Vietnamese `D/M/YYYY` (`DD-MM-YYYY`) turned into it; anything else as it is. */
function isoDate(s: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
}

const COUNT = /^\d+$/;
/** Thousands as Vietnamese write them (`1.892`) or as a spreadsheet exports them (`1892.0`). */
const countText = (s: string) =>
  s.replace(/^(\d{1,3}(?:\.\d{3})+)$/, (x) => x.replace(/\./g, '')).replace(/\.0+$/, '');

/** A short stable digest of a row's figures: a re-sent row with other figures is a new report, the same one a duplicate. */
function digest(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

interface Row {
  line: number;
  cells: string[];
}

/** Rows with their first line, through csv-parse: quoted fields (commas, quotes, newlines inside), BOM, `;` or `,`. */
function rowsOf(raw: string): Row[] | { line: number; reason: string } {
  // One line ending throughout, so that csv-parse's line count is the file's whatever its editor wrote.
  const text = raw.replace(/\r\n?/g, '\n');
  try {
    const records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records
      .map(({ record, info }) => ({
        line: info.lines - (record.join('').match(/\n/g)?.length ?? 0),
        cells: record,
      }))
      .filter((r) => r.cells.some((c) => c !== ''));
  } catch (err) {
    const e = err as { message: string; lines?: number };
    return { line: e.lines ?? 1, reason: `not a CSV file: ${e.message}` };
  }
}

/**
 * Parses a COVID case file: a header naming `date,new_cases[,cumulative_cases][,area][,revision]` in any order
 * (or their Vietnamese names), comma or semicolon separated, quoted or not, with or without a BOM. A missing
 * area means the province (80). Rows come in date order per area: a cumulative count, when given, must equal
 * the running sum of that area's accepted rows including this one, otherwise the row is rejected. Each report
 * is timed 17:00 Vietnam time of its date and has an id of its area, day, revision and figures: importing the
 * same file twice is all duplicates, and a row whose figures changed since is a correction that replaces the
 * earlier report (the later one, or the higher `revision`, counts). Its epidemic level comes from the area's
 * 7-day incidence in the file, as the simulator computes it. A negative count is refused: a correction is a new
 * revision of the day, never a negative day.
 */
export function parseCovidCsv(text: string, opts: { source: string }): CovidCsvResult {
  const events: CovidReport[] = [];
  const lines: number[] = [];
  const rejected: CovidCsvResult['rejected'] = [];
  const rows = rowsOf(text);
  if (!Array.isArray(rows)) return { events, lines, rejected: [rows] };
  if (rows.length === 0)
    return { events, lines, rejected: [{ line: 1, reason: 'empty file: a header is required' }] };
  const [head, ...body] = rows as [Row, ...Row[]];
  const col = new Map<Column, number>();
  for (const [i, raw] of head.cells.entries()) {
    const h = columnOf(raw);
    if (!(COLUMNS as readonly string[]).includes(h))
      return { events, lines, rejected: [{ line: head.line, reason: `unknown column "${raw}" in header` }] };
    if (col.has(h as Column))
      return { events, lines, rejected: [{ line: head.line, reason: `duplicate column "${raw}"` }] };
    col.set(h as Column, i);
  }
  if (!col.has('date') || !col.has('new_cases'))
    return {
      events,
      lines,
      rejected: [{ line: head.line, reason: 'header must name at least date and new_cases' }],
    };

  /** Per area: running total, last accepted date, and accepted cases by day number for the 7-day window. */
  const areas = new Map<string, { total: number; lastDate: string; byDay: Map<number, number> }>();
  for (const { line, cells } of body) {
    const reject = (reason: string) => rejected.push({ line, reason });
    if (cells.length !== head.cells.length) {
      reject(`expected ${head.cells.length} fields, found ${cells.length}`);
      continue;
    }
    const get = (c: Column) => (col.has(c) ? cells[col.get(c)!]! : '');
    const date = isoDate(get('date'));
    const area = get('area') || PROVINCE_CODE;
    const newCasesText = countText(get('new_cases'));
    const cumulativeText = countText(get('cumulative_cases'));
    const revisionText = get('revision');
    if (!isRealDate(date)) {
      reject(`date "${get('date')}" is not a calendar date (YYYY-MM-DD or DD/MM/YYYY)`);
      continue;
    }
    if (/^-\d+$/.test(newCasesText)) {
      reject(`new_cases ${newCasesText} is negative: correct a day by re-sending it with a higher revision`);
      continue;
    }
    if (!COUNT.test(newCasesText)) {
      reject(`new_cases "${newCasesText}" is not a non-negative integer`);
      continue;
    }
    if (revisionText !== '' && !/^[1-9]\d{0,5}$/.test(revisionText)) {
      reject(`revision "${revisionText}" is not a whole number from 1`);
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
    const revision = revisionText === '' ? undefined : Number(revisionText);
    const dayStart = vnDayStartMs(date);
    const dayNo = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    let week = newCases;
    for (let d = dayNo - 6; d < dayNo; d++) week += state.byDay.get(d) ?? 0;
    const event = {
      v: PROTOCOL_VERSION,
      id: `covid:${area}:${date}:r${revision ?? 1}-${digest(String(newCases))}`,
      source: opts.source,
      area,
      tsMs: dayStart + REPORT_HOUR_MS,
      stream: 'covid' as const,
      date,
      ...(revision !== undefined ? { revision } : {}),
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
    lines.push(line);
  }
  return { events, lines, rejected };
}
