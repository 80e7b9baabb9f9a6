import type { DataStreamName, LonLat, SensorKind } from '../events.schema';
import { emptyAlertsState, type AlertsState } from './alerts';
import { emptyReportLedger, type ReportLedger } from './daily-reports';

/** Days of per-day counts kept per area: enough for a 60-day trend with room for late events. */
export const DAILY_WINDOW_DAYS = 92;

export interface DossierCounters {
  submitted: number;
  onlineSubmitted: number;
  postalSubmitted: number;
  counterSubmitted: number;
  level3Submitted: number;
  level4Submitted: number;
  resolved: number;
  resolvedOnTime: number;
  paid: number;
  paidOnline: number;
}

export interface DayCounters {
  submitted: number;
  online: number;
  covidNewCases: number;
  /**
   * Online submissions per {@link SLOT_MINUTES}-minute slot of the day, keyed by the slot's first minute
   * (`0`–`1435`, Vietnam time), only for the area's two newest days: "today so far" is compared with yesterday
   * up to the same slot boundary (see `onlineTodayComparison`). Absent on older days and in snapshots stored
   * before it existed.
   */
  onlineBySlot?: Record<string, number>;
}

/**
 * Width of an intraday slot. Five minutes keeps a busy area's two days to at most 576 counts, which every state
 * patch of the area carries whole; a comparison lags the clock by less than a slot, the same on both sides.
 */
export const SLOT_MINUTES = 5;

/** Days (the newest first) whose slot counts are kept: today and the yesterday it is compared with. */
export const SLOT_WINDOW_DAYS = 2;

export interface CovidCounters {
  cumulativeCases: number;
  recovered: number;
  deaths: number;
  vaccineDoses: number;
  /** Vietnam-time day of the latest report, `YYYY-MM-DD`, or null before the first. */
  lastDate: string | null;
  newCasesLastDate: number;
  /** Highest epidemic level reported for `lastDate` in this area or under it. */
  epidemicLevel: number;
}

export interface AreaState {
  dossier: DossierCounters;
  covid: CovidCounters;
  /** Per Vietnam-time day `YYYY-MM-DD`, the last `DAILY_WINDOW_DAYS` days. */
  daily: Record<string, DayCounters>;
  /** Event time of the latest event per data stream, ms; 0 when none yet. */
  lastTsMs: Record<DataStreamName, number>;
}

export interface SiteState {
  siteId: string;
  area: string;
  kind: SensorKind;
  value: number;
  unit: string;
  lonLat: LonLat;
  tsMs: number;
  /** How many consecutive readings carried exactly the same value: a stuck sensor repeats itself. */
  repeats: number;
}

/** Everything a dashboard draws, reduced from the event log. Plain JSON so it crosses the wire as it is. */
export interface DashboardState {
  /** Sequence number of the last event applied; 0 for the empty state. */
  seq: number;
  areas: Record<string, AreaState>;
  sites: Record<string, SiteState>;
  /** Alerts raised by the rules on the same events, and what operators did about them. */
  alerts: AlertsState;
  /**
   * Every source's daily reports per (area, day), which decide the COVID figures (precedence, corrections,
   * parent against children: `daily-reports.ts`). Absent in a state from before it existed: such a state
   * cannot take a real report over a simulated one, so the server folds the log again instead.
   */
  reports?: ReportLedger;
}

export function emptyAreaState(): AreaState {
  return {
    dossier: {
      submitted: 0,
      onlineSubmitted: 0,
      postalSubmitted: 0,
      counterSubmitted: 0,
      level3Submitted: 0,
      level4Submitted: 0,
      resolved: 0,
      resolvedOnTime: 0,
      paid: 0,
      paidOnline: 0,
    },
    covid: {
      cumulativeCases: 0,
      recovered: 0,
      deaths: 0,
      vaccineDoses: 0,
      lastDate: null,
      newCasesLastDate: 0,
      epidemicLevel: 1,
    },
    daily: {},
    lastTsMs: { dossier: 0, sensor: 0, covid: 0 },
  };
}

/** The state before any event; `order` is the source precedence its reports follow (the default when omitted). */
export function emptyDashboardState(order?: readonly string[]): DashboardState {
  return { seq: 0, areas: {}, sites: {}, alerts: emptyAlertsState(), reports: emptyReportLedger(order) };
}
