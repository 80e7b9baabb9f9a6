import {
  emptyReportLedger,
  ReportLedgerDraft,
  METRICS,
  STREAMS,
  vnDateKey,
  vnDayNumber,
  type AreaRollup,
  type LoggedEvent,
  type MetricDef,
  type MetricName,
  type ReportLedger,
} from '../../protocol';
import type { DailyAggregateRow } from '../store/event-store';

const METRICS_BY_STREAM = new Map(STREAMS.map((s) => [s, METRICS.filter((m) => m.stream === s)]));

/** The sums of one (day, area) for every metric of one stream; `touched` says which metrics got a row. */
interface Cell {
  day: string;
  area: string;
  metrics: readonly MetricDef[];
  value: Float64Array;
  weight: Float64Array;
  touched: Uint8Array;
}

/**
 * Folds accepted events into per-day, per-area increments of every metric in the catalogue, each classified
 * by the metric table (`protocol/metrics.ts`) as the reducer's per-day counters are, so that a
 * three-year series is a read of a few thousand rows instead of a scan of millions of events.
 * One map entry per (stream, day, area) rather than per metric: the backfill profile showed the per-metric key
 * strings as the cost, and a batch touches few days and areas.
 */
export function dailyIncrements(
  events: readonly LoggedEvent[],
  rollup: AreaRollup,
  /** The report ledger before `events` (the live state's): COVID sums move as it says, not by every report. */
  reports: ReportLedger = emptyReportLedger(),
): DailyAggregateRow[] {
  const cells = new Map<string, Cell>();
  const ledger = new ReportLedgerDraft(reports, rollup);
  const covidRows = new Map<string, DailyAggregateRow>();
  let lastDayNumber = NaN;
  let lastDay = '';
  for (const e of events) {
    const metrics = METRICS_BY_STREAM.get(e.stream) as MetricDef[];
    if (metrics.length === 0) continue;
    if (e.stream === 'covid') {
      countCovid(e, rollup, ledger, covidRows);
      continue;
    }
    // The day `metricDay` gives, as the reducer counts it; events come roughly in time order, so the day
    // string of a timed event is rarely rebuilt.
    const dayNumber = vnDayNumber(e.tsMs);
    if (dayNumber !== lastDayNumber) {
      lastDayNumber = dayNumber;
      lastDay = vnDateKey(e.tsMs);
    }
    const day = lastDay;
    const areas = rollup(e.area);
    const hit: Cell[] = new Array(areas.length);
    for (let a = 0; a < areas.length; a++) {
      const key = e.stream + '|' + areas[a] + '|' + day;
      let cell = cells.get(key);
      if (!cell) {
        const n = metrics.length;
        const [value, weight, flags] = [new Float64Array(n), new Float64Array(n), new Uint8Array(n)];
        cell = { day, area: areas[a]!, metrics, value, weight, touched: flags };
        cells.set(key, cell);
      }
      hit[a] = cell;
    }
    for (let i = 0; i < metrics.length; i++) {
      const m = metrics[i]!;
      const value = m.value(e);
      const weight = m.weight ? m.weight(e) : 0;
      if (value === 0 && weight === 0) continue;
      for (const cell of hit) {
        cell.value[i]! += value;
        cell.weight[i]! += weight;
        cell.touched[i] = 1;
      }
    }
  }
  const rows: DailyAggregateRow[] = [];
  for (const c of cells.values()) {
    for (let i = 0; i < c.metrics.length; i++) {
      if (c.touched[i])
        rows.push({
          metric: c.metrics[i]!.name,
          area: c.area,
          day: c.day,
          value: c.value[i]!,
          weight: c.weight[i]!,
        });
    }
  }
  rows.push(...covidRows.values());
  return rows;
}

/**
 * The ledger after `events` too: what another node logged before this node's state has taken it. Folding an
 * event the ledger already holds changes no figure, so `events` may overlap what `ledger` has taken.
 */
export function ledgerThrough(
  ledger: ReportLedger | undefined,
  events: readonly LoggedEvent[],
  rollup: AreaRollup,
): ReportLedger | undefined {
  const covid = events.filter((e) => e.stream === 'covid');
  if (covid.length === 0) return ledger;
  const draft = new ReportLedgerDraft(ledger ?? emptyReportLedger(), rollup);
  for (const e of covid) draft.apply(e);
  return draft.result();
}

/**
 * A daily report's rows: `covid.reports` counts every report logged (what the figures rest on), the sums
 * (cases, doses …) move by the change the report ledger makes to each (area, day) figure: nothing for a
 * superseded report, the difference for a correction, and a province's own report replaces, in the province's
 * rows, the sum of its districts' instead of adding to it.
 */
function countCovid(
  e: LoggedEvent & { stream: 'covid' },
  rollup: AreaRollup,
  ledger: ReportLedgerDraft,
  rows: Map<string, DailyAggregateRow>,
): void {
  const add = (metric: MetricName, area: string, day: string, value: number) => {
    const key = metric + '|' + area + '|' + day;
    const row = rows.get(key);
    if (row) row.value += value;
    else rows.set(key, { metric, area, day, value, weight: 0 });
  };
  for (const area of rollup(e.area)) add('covid.reports', area, e.date, 1);
  for (const move of ledger.apply(e))
    for (const [metric, value] of Object.entries(move.delta) as [MetricName, number][])
      if (value !== 0) add(metric, move.area, move.day, value);
}
