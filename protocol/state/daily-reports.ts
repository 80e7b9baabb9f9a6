import type { CovidReport } from '../events.schema';
import type { ReportProvenance } from '../kpis.schema';
import { COVID_TOTALS, counterAmount, type CounterName } from '../metrics';
import type { AreaRollup } from './apply-events';

/**
 * Daily reports (the COVID stream) are facts about an (area, day), and several sources may state one: the
 * simulator, the province's real feed, a corrected re-send. This ledger keeps every source's latest revision
 * of every (area, day), and decides once — for the live state, replay, the browser and the series alike —
 * which one counts:
 *
 * - **Precedence.** Of the sources that reported an (area, day), the first in {@link ReportLedger.order} wins;
 *   the others stay in the log and in the ledger, and stop counting.
 * - **Corrections.** Within one source, the highest `revision` wins, then the latest logged (highest seq).
 * - **Parent and child.** An area's figure for a day is its own winning report when it has one, otherwise the
 *   sum of its children's figures. A province report and district reports are never added together: the
 *   difference between the two is "not allocated to a district" ({@link covidReconciliation}).
 */

/** The counters a daily report carries, each one counter of the metric table (additive, summed over days). */
export const REPORT_COUNTERS = Object.values(COVID_TOTALS) as readonly ReportCounter[];
export type ReportCounter = (typeof COVID_TOTALS)[keyof typeof COVID_TOTALS];
export type ReportValues = Record<ReportCounter, number>;

/**
 * One source's latest revision of one (area, day), stored compact (the ledger is in every snapshot):
 * `[revision, seq, epidemic level, how many earlier revisions it replaced, ...counts]`, the counts in
 * {@link REPORT_COUNTERS} order. Read it through {@link readEntry}.
 */
export type ReportEntry = number[];

/** A stored entry, named. `seq` is the event's: of two equal revisions, the later logged wins. */
export interface ReadEntry {
  rev: number;
  seq: number;
  level: number;
  replaced: number;
  values: ReportValues;
}

export function readEntry(e: ReportEntry): ReadEntry {
  return { rev: e[0]!, seq: e[1]!, level: e[2]!, replaced: e[3]!, values: valuesOf(e.slice(4)) };
}

const valuesOf = (counts: readonly number[]): ReportValues =>
  Object.fromEntries(REPORT_COUNTERS.map((c, i) => [c, counts[i] ?? 0])) as ReportValues;
const countsOf = (v: ReportValues): number[] => REPORT_COUNTERS.map((c) => v[c]);

/** What the ledger holds for one (area, day). */
export interface ReportCell {
  /** Each source's latest revision, by source name. */
  by: Record<string, ReportEntry>;
  /** Sum of the children's figures that day, counts in {@link REPORT_COUNTERS} order; absent while none has one. */
  kids?: number[];
}

export interface ReportLedger {
  /**
   * Source precedence, strongest first: exact names, `prefix*` patterns (the longest matching prefix decides)
   * and `*` for any other source. A source that matches nothing ranks after the whole list.
   */
  order: readonly string[];
  /**
   * Cells by area code, month `YYYY-MM` and Vietnam-time day `YYYY-MM-DD`: a batch copies the months it
   * touches, not an area's whole history (the copy of a district's 400 days per batch was the fold's cost).
   */
  areas: Record<string, Record<string, Record<string, ReportCell>>>;
}

/** The cell of an (area, day), if any source reported it or any child of it. */
export function reportCell(
  ledger: ReportLedger | undefined,
  area: string,
  day: string,
): ReportCell | undefined {
  return ledger?.areas[area]?.[day.slice(0, 7)]?.[day];
}

/** A span of Vietnam-time days `YYYY-MM-DD`, both ends included: a period of the leaders' review. */
export interface ReportDays {
  from: string;
  to: string;
}

/** Every cell of an area, any order; only the days of `days` when given. */
function cellsOf(ledger: ReportLedger | undefined, area: string, days?: ReportDays): ReportCell[] {
  const months = Object.entries(ledger?.areas[area] ?? {});
  if (!days) return months.flatMap(([, month]) => Object.values(month));
  const [first, last] = [days.from.slice(0, 7), days.to.slice(0, 7)];
  return months
    .filter(([m]) => m >= first && m <= last)
    .flatMap(([, month]) =>
      Object.entries(month)
        .filter(([day]) => day >= days.from && day <= days.to)
        .map(([, cell]) => cell),
    );
}

/** The simulators' sources, in-process (`sim-…`) and run as an outside source (`ext-sim-…`). */
export const SIMULATED_SOURCE_PATTERNS: readonly string[] = ['sim-*', 'ext-sim-*'];

/** Any authenticated real source beats the simulator; between two sources of one rank, the later logged report. */
export const DEFAULT_SOURCE_ORDER: readonly string[] = ['*', ...SIMULATED_SOURCE_PATTERNS];

export function emptyReportLedger(order: readonly string[] = DEFAULT_SOURCE_ORDER): ReportLedger {
  return { order: [...order], areas: {} };
}

const matches = (pattern: string, source: string) =>
  pattern.endsWith('*') ? source.startsWith(pattern.slice(0, -1)) : pattern === source;

/** Whether a source is one of the simulators: its figures are labelled simulated wherever they show. */
export function isSimulatedSource(source: string): boolean {
  return SIMULATED_SOURCE_PATTERNS.some((p) => matches(p, source));
}

/** Position of a source in `order` (lower is stronger): exact name, then the longest prefix, then `*`. */
export function sourceRank(order: readonly string[], source: string): number {
  const exact = order.indexOf(source);
  if (exact >= 0) return exact;
  let best = -1;
  let bestLength = -1;
  order.forEach((p, i) => {
    if (p.endsWith('*') && p.length > bestLength && matches(p, source)) [best, bestLength] = [i, p.length];
  });
  return best >= 0 ? best : order.length;
}

/** The entry that counts for a cell's own report, with its source; null when the area itself did not report. */
export function winningReport(
  cell: ReportCell | undefined,
  order: readonly string[],
): { source: string; entry: ReadEntry } | null {
  let win: { source: string; entry: ReportEntry; rank: number } | null = null;
  for (const [source, entry] of Object.entries(cell?.by ?? {})) {
    const rank = sourceRank(order, source);
    if (!win || rank < win.rank || (rank === win.rank && entry[1]! > win.entry[1]!))
      win = { source, entry, rank };
  }
  return win && { source: win.source, entry: readEntry(win.entry) };
}

/** The figure of an (area, day): its own winning report, else the sum of its children's; null with neither. */
export function cellFigure(cell: ReportCell | undefined, order: readonly string[]): ReportValues | null {
  const own = winningReport(cell, order);
  if (own) return own.entry.values;
  return cell?.kids ? valuesOf(cell.kids) : null;
}

/** One (area, day) whose figure an event moved: the change to add to the area's sums, and the new figure. */
export interface FigureMove {
  area: string;
  day: string;
  delta: ReportValues;
  figure: ReportValues;
  /** Epidemic level of the figure: the own report's, else the highest of the children's that day. */
  level: number;
}

const zero = (): ReportValues => Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as ReportValues;
const minus = (a: ReportValues | null, b: ReportValues | null): ReportValues =>
  Object.fromEntries(REPORT_COUNTERS.map((c) => [c, (a?.[c] ?? 0) - (b?.[c] ?? 0)])) as ReportValues;
const plus = (a: readonly number[] | undefined, d: ReportValues): number[] =>
  REPORT_COUNTERS.map((c, i) => (a?.[i] ?? 0) + d[c]);

/** The values a report states, each as the metric table counts it. */
export function reportValues(ev: CovidReport): ReportValues {
  return Object.fromEntries(
    REPORT_COUNTERS.map((c: CounterName) => [c, counterAmount(c, ev)]),
  ) as ReportValues;
}

/**
 * A ledger being updated by one batch: copy-on-write, each area's day map copied once per batch, so applying a
 * batch costs the batch, not the ledger's size. {@link result} is the new ledger; the input is never changed.
 */
export class ReportLedgerDraft {
  private next: ReportLedger | null = null;
  private readonly copied = new Set<string>();

  constructor(
    private readonly base: ReportLedger,
    private readonly rollup: AreaRollup,
  ) {}

  result(): ReportLedger {
    return this.next ?? this.base;
  }

  private ledger(): ReportLedger {
    return this.next ?? this.base;
  }

  private put(area: string, day: string, cell: ReportCell): void {
    if (!this.next) this.next = { order: this.base.order, areas: { ...this.base.areas } };
    const month = day.slice(0, 7);
    if (!this.copied.has(area)) {
      this.copied.add(area);
      this.next.areas[area] = { ...this.next.areas[area] };
    }
    const months = this.next.areas[area]!;
    const key = `${area}|${month}`;
    if (!this.copied.has(key)) {
      this.copied.add(key);
      months[month] = { ...months[month] };
    }
    months[month]![day] = cell;
  }

  /**
   * Takes one report into the ledger and returns the (area, day) figures it moved: its own area's and every
   * one above it whose figure follows from it. Empty when the report does not count (a weaker source, an older
   * revision): it is still kept, so provenance can say what was superseded.
   */
  apply(ev: CovidReport & { seq: number }): FigureMove[] {
    const order = this.ledger().order;
    const chain = this.rollup(ev.area);
    if (chain.length === 0) return [];
    const day = ev.date;
    const rev = ev.revision ?? 1;
    const old = reportCell(this.ledger(), ev.area, day);
    const held = old?.by[ev.source];
    const prev = held && readEntry(held);
    // An older revision than the one held changes nothing it counts; it is in the log all the same.
    if (prev && (prev.rev > rev || (prev.rev === rev && prev.seq > ev.seq))) return [];
    const entry: ReportEntry = [
      rev,
      ev.seq,
      ev.epidemicLevel,
      prev ? prev.replaced + 1 : 0,
      ...countsOf(reportValues(ev)),
    ];
    const cell: ReportCell = { ...old, by: { ...old?.by, [ev.source]: entry } };
    const moves: FigureMove[] = [];
    let delta = minus(cellFigure(cell, order), cellFigure(old, order));
    this.put(ev.area, day, cell);
    moves.push({
      area: ev.area,
      day,
      delta,
      figure: cellFigure(cell, order)!,
      level: this.levelOf(ev.area, day),
    });
    for (const parent of chain.slice(1)) {
      const before = reportCell(this.ledger(), parent, day);
      const after: ReportCell = { by: {}, ...before, kids: plus(before?.kids, delta) };
      this.put(parent, day, after);
      delta = minus(cellFigure(after, order), cellFigure(before, order));
      moves.push({
        area: parent,
        day,
        delta,
        figure: cellFigure(after, order)!,
        level: this.levelOf(parent, day),
      });
    }
    return moves;
  }

  /**
   * The level of an (area, day)'s figure: its own report's, else the highest of the reports its figure is made
   * of — the reports below it, at any depth, with no report of its own between them and it. Read along each
   * descendant's chain, not "rollup[1] is me": a later area set puts its own units into the chain (a ward under
   * Tân An under the 2025 province under 80), and a unit that is not itself a child of the area must still count.
   */
  private levelOf(area: string, day: string): number {
    const ledger = this.ledger();
    const own = winningReport(reportCell(ledger, area, day), ledger.order);
    if (own) return own.entry.level;
    const reports = new Map<string, number>();
    const levelHere = (code: string): number | null => {
      if (!reports.has(code)) {
        const win = winningReport(reportCell(ledger, code, day), ledger.order);
        reports.set(code, win ? win.entry.level : -1);
      }
      const level = reports.get(code)!;
      return level < 0 ? null : level;
    };
    let level = 1;
    for (const code of Object.keys(ledger.areas)) {
      if (code === area) continue;
      const mine = levelHere(code);
      if (mine === null) continue;
      const chain = this.rollup(code);
      const at = chain.indexOf(area);
      if (at > 0 && chain.slice(1, at).every((between) => levelHere(between) === null))
        level = Math.max(level, mine);
    }
    return level;
  }
}

/** Provenance of an area's own reports (not its children's: those have their own), over `days` when given. */
export function reportProvenance(
  ledger: ReportLedger | undefined,
  area: string,
  days?: ReportDays,
): ReportProvenance {
  const out: ReportProvenance = { sources: {}, superseded: {}, corrected: 0 };
  for (const cell of cellsOf(ledger, area, days)) {
    const win = winningReport(cell, ledger!.order);
    if (!win) continue;
    out.sources[win.source] = (out.sources[win.source] ?? 0) + 1;
    if (win.entry.replaced > 0) out.corrected++;
    for (const source of Object.keys(cell.by))
      if (source !== win.source) out.superseded[source] = (out.superseded[source] ?? 0) + 1;
  }
  return out;
}

/**
 * The areas below `area`, at any depth, that hold cells in the ledger. At any depth because the rollup of a
 * unit kept by a later area set runs through that set's parent first (`802 → 2025 province → 80`), so "one
 * level down" would miss every 2021 district once the 2025 set is loaded.
 */
export function reportDescendants(
  ledger: ReportLedger | undefined,
  area: string,
  rollup: AreaRollup,
): string[] {
  return Object.keys(ledger?.areas ?? {}).filter((code) => code !== area && rollup(code).includes(area));
}

/**
 * The children's sum of an area over every day the ledger holds: the `kids` the ledger itself keeps per cell,
 * so it is the sum the area's figure falls back on, whatever path the rollup took; null when no child reported.
 * Over `days` only, when given.
 */
export function childrenTotals(
  ledger: ReportLedger | undefined,
  area: string,
  days?: ReportDays,
): ReportValues | null {
  let total: number[] | null = null;
  for (const cell of cellsOf(ledger, area, days))
    if (cell.kids) total = plus(total ?? undefined, valuesOf(cell.kids));
  return total && valuesOf(total);
}

/** The area's own figures summed over `days`: each day's own report where it has one, else its children's sum. */
export function figureTotals(ledger: ReportLedger | undefined, area: string, days: ReportDays): ReportValues {
  let total = zero();
  for (const cell of cellsOf(ledger, area, days)) {
    const figure = cellFigure(cell, ledger!.order);
    if (figure) total = valuesOf(plus(countsOf(total), figure));
  }
  return total;
}

export { zero as zeroReportValues };
