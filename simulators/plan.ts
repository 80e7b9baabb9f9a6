import { vnDayNumber, type DossierEvent, type IocEvent, type SensorReading } from '../protocol';
import type { SensorSite } from '../geo/sensor-site';
import { covidDay, covidTable, type CovidTable } from './covid.simulator';
import {
  DOSSIER_LOOKBACK_DAYS,
  compareEvents,
  dossierEventsBetween,
  planDossierDay,
  type DossierDay,
} from './dossier.simulator';
import { DossierCounts } from './dossier-volume';
import { SensorField, sensorFaultWindows, type SensorFault } from './sensor.simulator';
import { Weather } from './weather';

export interface SimulationOptions {
  seed: number;
  sites: readonly SensorSite[];
  /** sensor readings are generated only for instants >= this (history before it has no raw sensor readings; it would be ~1M readings/day) */
  sensorHistoryFromMs: number;
  /**
   * The first instant the records cover: no dossier is submitted before it, so the log never holds a
   * resolution without its submission (which would make open dossiers negative). Default: no limit.
   */
  historyFromMs?: number;
}

export interface Simulation {
  /** Every event with from <= tsMs < to, sorted by (tsMs, id). A pure function of the seed: calling it for [a,c) equals [a,b) ++ [b,c). */
  eventsBetween(fromMs: number, toMs: number): IocEvent[];
}

/** Enough planned days for a dossier's whole lifecycle plus a month-long window. */
const PLAN_CACHE_DAYS = DOSSIER_LOOKBACK_DAYS + 40;

/**
 * Planned dossier days, least recently used dropped first. A backfill walking forward plans each day once,
 * although every window looks back over `DOSSIER_LOOKBACK_DAYS` for resolutions still to come.
 */
class DossierPlans {
  private readonly plans = new Map<number, DossierDay>();

  constructor(
    private readonly seed: number,
    private readonly counts: DossierCounts,
  ) {}

  get(day: number): DossierDay {
    let p = this.plans.get(day);
    if (p) this.plans.delete(day);
    else p = planDossierDay(this.seed, this.counts, day);
    this.plans.set(day, p);
    if (this.plans.size > PLAN_CACHE_DAYS) this.plans.delete(this.plans.keys().next().value!);
    return p;
  }
}

/**
 * Builds the simulation of one seed. Every stream is generated per Vietnam-time day from generators keyed by
 * (seed, stream, day, …), so any window can be produced without the past.
 */
export function createSimulation(opts: SimulationOptions): Simulation & {
  /** Fault windows of the configured sites overlapping [fromMs, toMs). */
  faultsBetween(fromMs: number, toMs: number): SensorFault[];
} {
  const seed = opts.seed | 0;
  const sites = [...opts.sites];
  const dossiers = new DossierPlans(seed, new DossierCounts(seed));
  const sensors = new SensorField(seed, sites, new Weather(seed));
  let covid: CovidTable | null = null;
  const historyDay = opts.historyFromMs === undefined ? -Infinity : vnDayNumber(opts.historyFromMs);

  return {
    eventsBetween(fromMs, toMs) {
      const out: IocEvent[] = [];
      if (!(toMs > fromMs)) return out;
      const firstDay = vnDayNumber(fromMs);
      const lastDay = vnDayNumber(toMs - 1);
      const firstPlanned = Math.max(firstDay - DOSSIER_LOOKBACK_DAYS, historyDay);
      for (let d = firstPlanned; d <= lastDay; d++) {
        dossierEventsBetween(dossiers.get(d), fromMs, toMs, out as DossierEvent[]);
      }
      const others: IocEvent[] = [];
      for (let d = firstDay; d <= lastDay; d++) {
        covid ??= covidTable(seed);
        for (const e of covidDay(seed, covid, d)) if (e.tsMs >= fromMs && e.tsMs < toMs) others.push(e);
      }
      const sensorFrom = Math.max(fromMs, opts.sensorHistoryFromMs);
      if (sites.length > 0 && sensorFrom < toMs) {
        sensors.readings(sensorFrom, toMs, others as SensorReading[]);
      }
      for (const e of others) out.push(e);
      return out.sort(compareEvents);
    },
    faultsBetween(fromMs, toMs) {
      return sensorFaultWindows(seed, sites, fromMs, toMs);
    },
  };
}
