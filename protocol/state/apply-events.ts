import type { LoggedEvent, SensorReading } from '../events.schema';
import {
  COVID_TOTALS,
  DAY_COUNTERS,
  DOSSIER_TOTALS,
  counterMoves,
  metricDay,
  type CounterMove,
  type DayCounterKey,
} from '../metrics';
import { vnDateKey, vnDayNumber, vnDayStartMs, DAY_MS } from '../time';
import { outOfTime, type EventTimeBounds } from '../event-time';
import { vnSlotOfDay } from '../compare';
import {
  DAILY_WINDOW_DAYS,
  SLOT_MINUTES,
  SLOT_WINDOW_DAYS,
  emptyAreaState,
  type AreaState,
  type DashboardState,
  type DayCounters,
} from './dashboard-state';
import { AlertsDraft, type Alert } from './alerts';
import { emptyReportLedger, ReportLedgerDraft, type FigureMove } from './daily-reports';

/**
 * The areas an event counts towards: its own and every one above it (a ward's dossier also counts for its
 * district and the province). Supplied by the caller because the area tree belongs to geo/, not the wire.
 */
export type AreaRollup = (area: string) => readonly string[];

/**
 * Applies events, in seq order, to a dashboard state and returns the new state; the input is never changed.
 * Each touched area is copied once per call, so applying a batch costs the batch, not the state's size.
 * This one function serves the server's live state, replay and the browser, so they cannot disagree.
 * With `bounds`, an event outside them only moves `seq`: a log written before ingest checked event time may
 * hold one dated 2099, and folding it would move the sensor clock and the daily windows there for good.
 * `observeAlert` is told of every alarm raised or changed, for the alarm report, which outlives the ring.
 */
export function applyEvents(
  state: DashboardState,
  events: readonly LoggedEvent[],
  rollup: AreaRollup,
  bounds?: EventTimeBounds,
  observeAlert?: (a: Alert) => void,
): DashboardState {
  // Nothing new (an empty or fully overlapping batch): the same object, so views need not redraw.
  if (!events.some((e) => e.seq > state.seq)) return state;
  const next: DashboardState = {
    seq: state.seq,
    areas: { ...state.areas },
    sites: state.sites,
    alerts: state.alerts,
    reports: state.reports,
  };
  const alerts = new AlertsDraft(state.alerts, rollup, observeAlert);
  const reports = new ReportLedgerDraft(state.reports ?? emptyReportLedger(), rollup);
  const copied = new Set<string>();
  // Slot maps copied in this call: each is copied once per batch, not once per event.
  const ownSlots = new WeakSet<Record<string, number>>();
  let sitesCopied = false;

  const areaForWrite = (code: string): AreaState => {
    if (!copied.has(code)) {
      copied.add(code);
      const prev = state.areas[code] ?? emptyAreaState();
      next.areas[code] = {
        dossier: { ...prev.dossier },
        covid: { ...prev.covid },
        daily: { ...prev.daily },
        lastTsMs: { ...prev.lastTsMs },
      };
    }
    return next.areas[code]!;
  };

  for (const ev of events) {
    if (ev.seq <= next.seq) continue; // already applied: a resync may overlap what a batch brought
    next.seq = ev.seq;
    if (bounds && outOfTime(ev, bounds)) continue;
    if (ev.stream === 'ops') {
      alerts.step(ev, next.sites);
      continue;
    }
    // Classified once, by the metric table, and counted in every area the event rolls up to.
    const day = counterMoves(DAY_COUNTERS, ev);
    const dossier = ev.stream === 'dossier' ? counterMoves(DOSSIER_TOTALS, ev) : [];
    for (const code of rollup(ev.area)) {
      const area = areaForWrite(code);
      area.lastTsMs[ev.stream] = Math.max(area.lastTsMs[ev.stream], ev.tsMs);
      for (const [key, n] of dossier) area.dossier[key] += n;
      if (ev.stream !== 'covid' && day.length > 0) countDay(area, ev, day, ownSlots);
    }
    // A daily report moves the figures the ledger says it moves: not at all when a stronger source or a newer
    // revision holds the day, by the difference when it corrects one, never into a parent that reported itself.
    if (ev.stream === 'covid')
      for (const move of reports.apply(ev)) applyCovidMove(areaForWrite(move.area), move);
    if (ev.stream === 'sensor') {
      if (!sitesCopied) {
        next.sites = { ...state.sites };
        sitesCopied = true;
      }
      applySensor(next, ev);
    }
    alerts.step(ev, next.sites);
  }
  next.alerts = alerts.result();
  next.reports = reports.result();
  for (const code of copied) pruneDaily(next.areas[code]!);
  return next;
}

function dayFor(area: AreaState, key: string): DayCounters {
  return (area.daily[key] = area.daily[key]
    ? { ...area.daily[key] }
    : { submitted: 0, online: 0, covidNewCases: 0 });
}

/** Moves the area's per-day counters, on the day the daily aggregates count the event under. */
function countDay(
  area: AreaState,
  ev: LoggedEvent,
  moves: readonly CounterMove<DayCounterKey>[],
  ownSlots: WeakSet<Record<string, number>>,
): void {
  const day = dayFor(area, metricDay(ev));
  for (const [key, n] of moves) {
    day[key] += n;
    if (key === 'online') countSlot(day, ev.tsMs, n, ownSlots);
  }
}

/** Online submissions per slot of the day, for "today so far" against the same span of yesterday. */
function countSlot(day: DayCounters, tsMs: number, n: number, ownSlots: WeakSet<Record<string, number>>) {
  let slots = day.onlineBySlot;
  if (!slots || !ownSlots.has(slots)) {
    slots = day.onlineBySlot = { ...slots };
    ownSlots.add(slots);
  }
  const m = String(vnSlotOfDay(tsMs, SLOT_MINUTES));
  slots[m] = (slots[m] ?? 0) + n;
}

/** Adds a figure's change to the area's COVID sums and day counts, and keeps its latest reported day. */
function applyCovidMove(area: AreaState, move: FigureMove): void {
  const c = area.covid;
  for (const key of Object.keys(COVID_TOTALS) as (keyof typeof COVID_TOTALS)[])
    c[key] += move.delta[COVID_TOTALS[key]];
  const day = dayFor(area, move.day);
  day.covidNewCases += move.delta[DAY_COUNTERS.covidNewCases];
  if (c.lastDate === null || move.day >= c.lastDate) {
    c.lastDate = move.day;
    c.newCasesLastDate = move.figure[DAY_COUNTERS.covidNewCases];
    c.epidemicLevel = move.level;
  }
}

function applySensor(state: DashboardState, ev: SensorReading): void {
  const prev = state.sites[ev.siteId];
  if (prev && prev.tsMs > ev.tsMs) return; // a late reading never overwrites a newer one
  state.sites[ev.siteId] = {
    siteId: ev.siteId,
    area: ev.area,
    kind: ev.kind,
    value: ev.value,
    unit: ev.unit,
    lonLat: ev.lonLat,
    tsMs: ev.tsMs,
    repeats: prev && prev.value === ev.value ? prev.repeats + 1 : 0,
  };
}

/** Keeps the per-day window bounded: days older than the window before the area's newest day are dropped. */
function pruneDaily(area: AreaState): void {
  const keys = Object.keys(area.daily);
  if (keys.length === 0) return;
  const newest = keys.reduce((a, b) => (a > b ? a : b));
  // Slots are kept for today and yesterday only: older days are compared by whole days.
  const slotCutoff = vnDateKey(vnDayStartMs(newest) - (SLOT_WINDOW_DAYS - 1) * DAY_MS);
  for (const k of keys)
    if (k < slotCutoff && area.daily[k]!.onlineBySlot) {
      const { onlineBySlot: _dropped, ...rest } = area.daily[k]!;
      area.daily[k] = rest;
    }
  if (keys.length <= DAILY_WINDOW_DAYS) return;
  const cutoff = vnDateKey(vnDayStartMs(newest) - (DAILY_WINDOW_DAYS - 1) * DAY_MS);
  for (const k of keys) if (k < cutoff) delete area.daily[k];
}

/** Vietnam-time day number of the newest event an area has seen; for "today" selectors. */
export function newestDay(area: AreaState): number {
  return vnDayNumber(Math.max(area.lastTsMs.dossier, area.lastTsMs.covid, area.lastTsMs.sensor));
}

/**
 * Sets each site's latest reading from readings that are not in the log (the sensor history before it), where
 * newer than what the state holds: "the last value before the instant" at a replayed instant. `seq` and the
 * alerts stay as they are, since these readings were never folded; the same object when nothing is newer.
 */
export function latchSiteReadings(state: DashboardState, readings: readonly SensorReading[]): DashboardState {
  const newer = readings.filter((r) => {
    const prev = state.sites[r.siteId];
    return !prev || prev.tsMs < r.tsMs;
  });
  if (newer.length === 0) return state;
  const next: DashboardState = { ...state, sites: { ...state.sites } };
  for (const r of newer) applySensor(next, r);
  return next;
}
