/*
 * The share of the map that reads stale at steady state in the default scenario, against the share the simulator
 * really makes stale: runs the seeded plan's sensor readings through the reducers and samples every site's status
 * once a scenario minute.
 *
 *   npx tsx bench/stale-share.ts [hours=24] [seed=2021] [start=2021-08-01T08:00:00+07:00]
 *
 * "Really stale" is a site inside one of the plan's stuck windows, or silent in a gap or an outage for longer
 * than the stale delay but not yet past the offline delay; "stale, healthy" is the map calling stale a site the
 * simulator keeps healthy (a false alarm of the rule). The plan's 6 hours of sensor history before the start
 * are folded first, as the server backfills them, so the sampled day starts from a steady state.
 */
import { SENSOR_SITES } from '../geo';
import { AREAS_2021, makeRollup } from '../geo/areas';
import {
  applyEvents,
  DEFAULT_ALERT_RULES,
  emptyDashboardState,
  siteStatus,
  STALE_AFTER_MS,
  type AlertRules,
  type DashboardState,
  type LoggedEvent,
  type SensorKind,
} from '../protocol';
import { createSimulation } from '../simulators/plan';

const HOUR = 3_600_000;
const MIN = 60_000;
const hours = Number(process.argv[2] ?? 24);
const seed = Number(process.argv[3] ?? 2021);
const startMs = Date.parse(process.argv[4] ?? '2021-08-01T08:00:00+07:00');
const historyMs = 6 * HOUR;

const rollup = makeRollup(AREAS_2021);
const sim = createSimulation({ seed, sites: SENSOR_SITES, sensorHistoryFromMs: startMs - historyMs });
const faults = sim.faultsBetween(startMs - historyMs, startMs + hours * HOUR);
const offlineAfterMs = DEFAULT_ALERT_RULES.sensorOfflineAfterMin * MIN;
/** The stuck rule before it knew kinds: 20 identical readings, any kind, any value. */
const ONE_RULE_FOR_ALL: AlertRules = {
  ...DEFAULT_ALERT_RULES,
  stuckReadings: Object.fromEntries(SENSOR_SITES.map((s) => [s.kind, { repeats: 20 }])),
};

function reallyStale(siteId: string, tsMs: number, nowMs: number): boolean {
  const age = nowMs - tsMs;
  return faults.some(
    (f) =>
      f.siteId === siteId &&
      f.fromMs <= nowMs &&
      nowMs < f.toMs &&
      (f.kind === 'stuck' || (age > STALE_AFTER_MS && age <= offlineAfterMs)),
  );
}

/** Sample counts: stale under each rule, really stale, and stale under the per-kind rule while healthy. */
type Tally = { perKind: number; oneRule: number; truth: number; falseStale: number; samples: number };
const byKind = new Map<SensorKind, Tally>();
const zero = (): Tally => ({ perKind: 0, oneRule: 0, truth: 0, falseStale: 0, samples: 0 });
const total = zero();

function sample(state: DashboardState, nowMs: number): void {
  const oneRule = { ...state.alerts, rules: ONE_RULE_FOR_ALL };
  for (const site of Object.values(state.sites)) {
    const t = byKind.get(site.kind) ?? zero();
    byKind.set(site.kind, t);
    const add = (key: keyof Tally, yes: boolean) => {
      if (!yes) return;
      t[key]++;
      total[key]++;
    };
    const stale = siteStatus(site, state.alerts, nowMs) === 'stale';
    const really = reallyStale(site.siteId, site.tsMs, nowMs);
    add('perKind', stale);
    add('oneRule', siteStatus(site, oneRule, nowMs) === 'stale');
    add('truth', really);
    add('falseStale', stale && !really);
    add('samples', true);
  }
}

let state = emptyDashboardState();
let seq = 0;
for (let h = startMs - historyMs; h < startMs + hours * HOUR; h += HOUR) {
  const events = sim
    .eventsBetween(h, h + HOUR)
    .filter((e) => e.stream === 'sensor')
    .map((e): LoggedEvent => ({ ...e, seq: ++seq }));
  let i = 0;
  for (let m = h + MIN; m <= h + HOUR; m += MIN) {
    const from = i;
    while (i < events.length && events[i]!.tsMs < m) i++;
    state = applyEvents(state, events.slice(from, i), rollup);
    if (m > startMs) sample(state, m);
  }
}

const HEADERS = ['per kind', 'one rule (20)', 'really stale', 'stale, healthy'];
const WIDTHS = HEADERS.map((h) => Math.max(9, h.length));
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(2)} %`;
const row = (name: string, t: Tally) =>
  [name, ...[t.perKind, t.oneRule, t.truth, t.falseStale].map((n) => pct(n, t.samples))]
    .map((c, k) => (k === 0 ? c.padEnd(14) : c.padStart(WIDTHS[k - 1]!)))
    .join(' ');
console.log(
  `Default scenario, seed ${seed}, ${hours} h from ${new Date(startMs).toISOString()}, ${SENSOR_SITES.length} sites sampled each minute`,
);
console.log(['kind'.padEnd(14), ...HEADERS.map((h, k) => h.padStart(WIDTHS[k]!))].join(' '));
for (const [kind, t] of [...byKind].sort()) console.log(row(kind, t));
console.log(row('all sites', total));
