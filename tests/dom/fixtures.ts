import type { DashboardState, LoggedEvent, SiteState } from '../../protocol';
import { emptyAreaState } from '../../protocol/state/dashboard-state';
import { emptyAlertsState } from '../../protocol/state/alerts';
import { IMMEDIATE_RULES } from '../fixtures/events';
import { useStore } from '../../client/store/store';
import { areaTreeOf, rollupOfTree } from '../../protocol/state/area-tree';
import { AREAS_2021, TAN_AN_WARDS_2021, makeRollup } from '../../geo/areas';

const FIXTURE_AREAS = [...AREAS_2021, ...TAN_AN_WARDS_2021];
/** The tree a server holding the 2021 districts and Tân An's wards sends its dashboards. */
export const FIXTURE_AREA_TREE = areaTreeOf(
  FIXTURE_AREAS.map((a) => a.code),
  makeRollup(FIXTURE_AREAS),
  1,
);
export const FIXTURE_ROLLUP = rollupOfTree(FIXTURE_AREA_TREE);

/** Scenario "now" for every dom test: a Monday morning of the August 2021 wave, Vietnam time. */
export const NOW_MS = Date.parse('2021-08-16T09:30:00+07:00');
export const TODAY = '2021-08-16';

function area(patch: {
  online?: number;
  submitted?: number;
  resolved?: number;
  onTime?: number;
  covidNew?: number;
  covidDate?: string;
  daily?: Record<string, number>;
}) {
  const a = emptyAreaState();
  a.dossier.submitted = patch.submitted ?? 0;
  a.dossier.onlineSubmitted = patch.online ?? 0;
  a.dossier.resolved = patch.resolved ?? 0;
  a.dossier.resolvedOnTime = patch.onTime ?? 0;
  if (patch.covidDate) {
    a.covid.lastDate = patch.covidDate;
    a.covid.newCasesLastDate = patch.covidNew ?? 0;
    a.covid.cumulativeCases = (patch.covidNew ?? 0) * 10;
  }
  for (const [day, online] of Object.entries(patch.daily ?? {})) {
    a.daily[day] = { submitted: online, online, covidNewCases: 0 };
  }
  a.lastTsMs = { dossier: NOW_MS - 5 * 60_000, covid: NOW_MS - 3600_000, sensor: NOW_MS - 30_000 };
  return a;
}

export function site(siteId: string, patch: Partial<SiteState> = {}): SiteState {
  return {
    siteId,
    area: '794',
    kind: 'water_level',
    value: 1.2,
    unit: 'm',
    lonLat: [106.42, 10.54],
    tsMs: NOW_MS - 30_000,
    repeats: 0,
    ...patch,
  };
}

/** A state with round numbers the tests can recognise once formatted: 77.769 dossiers, 86,25 % on time. */
export function sampleState(): DashboardState {
  return {
    seq: 100,
    areas: {
      '80': area({
        submitted: 90_000,
        online: 80_000,
        resolved: 8000,
        onTime: 6900,
        covidNew: 1234,
        covidDate: '2021-08-15',
        daily: { [TODAY]: 77_769, '2021-08-15': 70_000, '2021-07-20': 5 },
      }),
      '794': area({
        submitted: 5000,
        online: 4000,
        resolved: 4000,
        onTime: 3960,
        covidNew: 87,
        covidDate: '2021-08-15',
        daily: { [TODAY]: 1520, '2021-08-15': 1400 },
      }),
    },
    sites: {
      'wl-1': site('wl-1', { value: 1.9 }),
      'wl-2': site('wl-2', { value: 1.0 }),
      'pm-1': site('pm-1', { kind: 'pm25', value: 20, area: '803', unit: 'µg/m³' }),
    },
    // wl-1's 1,9 m is over the 1,8 m alarm: the rules hold it at critical, as folding its reading would.
    // Under rules with no on-delay, so one folded reading shows what the rules compute (the delays are unit-tested).
    alerts: {
      ...emptyAlertsState(),
      rules: IMMEDIATE_RULES,
      conditions: { 'sensor:wl-1': { level: 2, alertId: null } },
    },
  };
}

/** Puts a snapshot and a paused scenario clock in the store, as a subscribe ack and a tick would. */
export function seedStore(state: DashboardState = sampleState()): void {
  useStore.getState().receiveSnapshot({ area: '80', seq: state.seq, state, areaTree: FIXTURE_AREA_TREE });
  useStore.getState().setClock({ nowMs: NOW_MS, speed: 0 }, Date.now());
}

let nextId = 0;
/** An online submission in `area` at `tsMs` with the given seq. */
export function onlineSubmitted(seq: number, area = '794', tsMs = NOW_MS - 1000): LoggedEvent {
  nextId++;
  return {
    v: 1,
    seq,
    id: `t-${nextId}`,
    source: 'test',
    stream: 'dossier',
    area,
    tsMs,
    dossierCode: `HS-${nextId}`,
    action: 'submitted',
    channel: 'online',
    serviceLevel: 4,
    procedure: 'Cấp giấy phép xây dựng',
    agency: 'UBND',
    dueMs: tsMs + 86_400_000,
  };
}
