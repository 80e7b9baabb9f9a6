import type { AreaState, DashboardState } from './dashboard-state';
import { countByStatus, type SensorStatus } from './sensor-status';

/**
 * The headline figures of an area, derived from its reduced state. Rates are 0–1, or null with no data.
 * `onlinePaymentShare` is dossiers paid through the national payment platform per dossier submitted.
 */
export interface KpiSnapshot {
  area: string;
  seq: number;
  dossierSubmitted: number;
  dossierOnlineSubmitted: number;
  onlineShare: number | null;
  onTimeRate: number | null;
  openDossiers: number;
  onlinePaymentShare: number | null;
  covidCumulativeCases: number;
  covidNewCasesLastDate: number;
  covidLastDate: string | null;
  epidemicLevel: number;
  sensors: Record<SensorStatus, number>;
  lastTsMs: AreaState['lastTsMs'];
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** KPIs of `area` as of `nowMs`; sensors count the sites in the area (all of them for the root area). */
export function kpiSnapshot(
  state: DashboardState,
  area: string,
  nowMs: number,
  inArea: (siteArea: string) => boolean,
): KpiSnapshot {
  const a = state.areas[area];
  const d = a?.dossier;
  const sites = Object.values(state.sites).filter((s) => inArea(s.area));
  return {
    area,
    seq: state.seq,
    dossierSubmitted: d?.submitted ?? 0,
    dossierOnlineSubmitted: d?.onlineSubmitted ?? 0,
    onlineShare: d ? ratio(d.onlineSubmitted, d.submitted) : null,
    onTimeRate: d ? ratio(d.resolvedOnTime, d.resolved) : null,
    openDossiers: d ? d.submitted - d.resolved : 0,
    onlinePaymentShare: d ? ratio(d.paidOnline, d.submitted) : null,
    covidCumulativeCases: a?.covid.cumulativeCases ?? 0,
    covidNewCasesLastDate: a?.covid.newCasesLastDate ?? 0,
    covidLastDate: a?.covid.lastDate ?? null,
    epidemicLevel: a?.covid.epidemicLevel ?? 1,
    sensors: countByStatus(sites, state.alerts, nowMs),
    lastTsMs: a?.lastTsMs ?? { dossier: 0, sensor: 0, covid: 0 },
  };
}
