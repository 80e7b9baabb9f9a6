import type { IocEvent, StreamName } from './events.schema';
import type { CovidCounters, DayCounters, DossierCounters } from './state/dashboard-state';
import { SENSOR_THRESHOLDS } from './state/built-in-rules';
import { vnDateKey } from './time';

/**
 * One per-event classification: whether an event of `stream` belongs to a daily counter, and by how much it
 * moves it (1 unless `amount` says otherwise: a COVID report adds its cases). The reducer's per-day counters
 * and the server's daily aggregates both count through these, so they cannot disagree.
 */
interface CounterSpec {
  stream: StreamName;
  counts: (e: IocEvent) => boolean;
  amount?: (e: IocEvent) => number;
}

const submittedVia = (e: IocEvent, channel: 'online' | 'postal') =>
  e.stream === 'dossier' && e.action === 'submitted' && e.channel === channel;

/**
 * Every counter, keyed by the count metric it is. Three are not in the catalogue, because logs aggregated
 * before they existed hold no rows of their own: `dossier.resolved_on_time` (a ratio's numerator),
 * `dossier.counter_submitted` and `dossier.paid` (running totals of the live state only).
 */
const COUNTERS = {
  'dossier.submitted': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'submitted',
  },
  'dossier.online_submitted': {
    stream: 'dossier',
    counts: (e) => submittedVia(e, 'online'),
  },
  'dossier.postal_submitted': {
    stream: 'dossier',
    counts: (e) => submittedVia(e, 'postal'),
  },
  'dossier.counter_submitted': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'counter',
  },
  'dossier.paid': { stream: 'dossier', counts: (e) => e.stream === 'dossier' && e.action === 'paid' },
  'dossier.resolved': { stream: 'dossier', counts: (e) => e.stream === 'dossier' && e.action === 'resolved' },
  'dossier.resolved_on_time': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'resolved' && e.onTime,
  },
  'dossier.late_resolved': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'resolved' && !e.onTime,
  },
  'dossier.level3_submitted': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'submitted' && e.serviceLevel === 3,
  },
  'dossier.level4_submitted': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'submitted' && e.serviceLevel === 4,
  },
  'dossier.paid_online': {
    stream: 'dossier',
    counts: (e) => e.stream === 'dossier' && e.action === 'paid' && e.online,
  },
  'covid.new_cases': {
    stream: 'covid',
    counts: (e) => e.stream === 'covid',
    amount: (e) => (e.stream === 'covid' ? e.newCases : 0),
  },
  'covid.vaccine_doses': {
    stream: 'covid',
    counts: (e) => e.stream === 'covid',
    amount: (e) => (e.stream === 'covid' ? e.vaccineDoses : 0),
  },
  'covid.recovered': {
    stream: 'covid',
    counts: (e) => e.stream === 'covid',
    amount: (e) => (e.stream === 'covid' ? e.recovered : 0),
  },
  'covid.deaths': {
    stream: 'covid',
    counts: (e) => e.stream === 'covid',
    amount: (e) => (e.stream === 'covid' ? e.deaths : 0),
  },
  'covid.reports': { stream: 'covid', counts: (e) => e.stream === 'covid' },
  'sensor.readings': { stream: 'sensor', counts: (e) => e.stream === 'sensor' },
  'sensor.alarms': {
    stream: 'sensor',
    counts: (e) => {
      if (e.stream !== 'sensor') return false;
      const t = SENSOR_THRESHOLDS[e.kind];
      return t != null && e.value >= t.alarm;
    },
  },
  'sensor.water_level_readings': {
    stream: 'sensor',
    counts: (e) => e.stream === 'sensor' && e.kind === 'water_level',
  },
  'sensor.air_quality_readings': {
    stream: 'sensor',
    counts: (e) => e.stream === 'sensor' && (e.kind === 'pm25' || e.kind === 'aqi'),
  },
} as const satisfies Record<string, CounterSpec>;

/** The name of a daily counter. */
export type CounterName = keyof typeof COUNTERS;

/**
 * How much one event adds to a counter, or null when it does not belong to it: a COVID report with no new
 * cases still counts towards `covid.new_cases`, by 0, so its day exists.
 */
export function countOf(counter: CounterName, e: IocEvent): number | null {
  const c: CounterSpec = COUNTERS[counter];
  return c.counts(e) ? (c.amount ? c.amount(e) : 1) : null;
}

/** How much one event adds to a counter: 0 when it does not belong to it. */
export function counterAmount(counter: CounterName, e: IocEvent): number {
  return countOf(counter, e) ?? 0;
}

type CountSpec = { kind: 'count'; unit: string; formula: string };
type RatioSpec = {
  kind: 'ratio';
  unit: string;
  formula: string;
  numerator: CounterName;
  denominator: CounterName;
};

/**
 * The metric catalogue, in the order `GET /api/metrics/catalog` lists it. A count metric is its own counter
 * (so its name must be one of {@link COUNTERS}); a ratio divides its numerator's sum by its denominator's sum
 * over the same span, both counted from the same events of one stream.
 */
const TABLE = {
  'dossier.submitted': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier submitted events (all channels)',
  },
  'dossier.online_submitted': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with channel = online',
  },
  'dossier.postal_submitted': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with channel = postal',
  },
  'dossier.resolved': { kind: 'count', unit: 'dossiers', formula: 'count of dossier resolved events' },
  'dossier.on_time_rate': {
    kind: 'ratio',
    unit: 'ratio 0–1',
    formula: 'resolved on time / resolved, over dossiers resolved in the bucket',
    numerator: 'dossier.resolved_on_time',
    denominator: 'dossier.resolved',
  },
  'dossier.online_share': {
    kind: 'ratio',
    unit: 'ratio 0–1',
    formula: 'online submitted / submitted',
    numerator: 'dossier.online_submitted',
    denominator: 'dossier.submitted',
  },
  'dossier.late_resolved': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier resolved events with onTime = false',
  },
  'dossier.level3_submitted': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with serviceLevel = 3',
  },
  'dossier.level4_submitted': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with serviceLevel = 4',
  },
  'dossier.paid_online': {
    kind: 'count',
    unit: 'dossiers',
    formula: 'count of dossier paid events with online = true (national payment platform)',
  },
  'dossier.online_payment_share': {
    kind: 'ratio',
    unit: 'ratio 0–1',
    formula: 'dossiers paid online / dossiers submitted, both counted in the bucket',
    numerator: 'dossier.paid_online',
    denominator: 'dossier.submitted',
  },
  'dossier.postal_share': {
    kind: 'ratio',
    unit: 'ratio 0–1',
    formula: 'postal submitted / submitted',
    numerator: 'dossier.postal_submitted',
    denominator: 'dossier.submitted',
  },
  'covid.new_cases': { kind: 'count', unit: 'cases', formula: 'sum of newCases of daily covid reports' },
  'covid.vaccine_doses': {
    kind: 'count',
    unit: 'doses',
    formula: 'sum of vaccineDoses of daily covid reports',
  },
  'covid.recovered': { kind: 'count', unit: 'cases', formula: 'sum of recovered of daily covid reports' },
  'covid.deaths': { kind: 'count', unit: 'deaths', formula: 'sum of deaths of daily covid reports' },
  'covid.reports': { kind: 'count', unit: 'reports', formula: 'count of daily covid reports' },
  'sensor.readings': { kind: 'count', unit: 'readings', formula: 'count of sensor readings' },
  'sensor.alarms': {
    kind: 'count',
    unit: 'readings',
    formula: 'count of sensor readings at or above the alarm threshold of their kind',
  },
  // Per-kind reading counts, so the open per-site sensor datasets reconcile with /api/series.
  'sensor.water_level_readings': {
    kind: 'count',
    unit: 'readings',
    formula: 'count of sensor readings with kind = water_level',
  },
  'sensor.air_quality_readings': {
    kind: 'count',
    unit: 'readings',
    formula: 'count of sensor readings with kind = pm25 or aqi',
  },
} as const satisfies { [K in CounterName]?: CountSpec } & Record<string, CountSpec | RatioSpec>;

/** A metric of the catalogue: a typo in one is a type error, not an empty series. */
export type MetricName = keyof typeof TABLE;

/**
 * A metric resolved from the table. Its daily aggregate row sums `value(e)` and, for a ratio, `weight(e)`
 * (the numerator's and the denominator's amounts); a count's weight is 0.
 */
export interface MetricDef {
  name: MetricName;
  stream: StreamName;
  unit: string;
  formula: string;
  kind: 'count' | 'ratio';
  /** The counter a count sums, or a ratio's numerator. */
  numerator: CounterName;
  /** A ratio's denominator; null for a count. */
  denominator: CounterName | null;
  value: (e: IocEvent) => number;
  weight?: (e: IocEvent) => number;
}

function resolve(name: MetricName): MetricDef {
  const spec: CountSpec | RatioSpec = TABLE[name];
  const numerator = spec.kind === 'ratio' ? spec.numerator : (name as CounterName);
  const denominator = spec.kind === 'ratio' ? spec.denominator : null;
  const stream = COUNTERS[numerator].stream;
  if (denominator && COUNTERS[denominator].stream !== stream)
    throw new Error(`metric ${name}: numerator and denominator count different streams`);
  return {
    name,
    stream,
    unit: spec.unit,
    formula: spec.formula,
    kind: spec.kind,
    numerator,
    denominator,
    value: (e) => counterAmount(numerator, e),
    ...(denominator ? { weight: (e: IocEvent) => counterAmount(denominator, e) } : {}),
  };
}

export const METRIC_NAMES = Object.keys(TABLE) as MetricName[];
export const METRIC: Readonly<Record<MetricName, MetricDef>> = Object.fromEntries(
  METRIC_NAMES.map((n) => [n, resolve(n)]),
) as Record<MetricName, MetricDef>;
export const METRICS: readonly MetricDef[] = METRIC_NAMES.map((n) => METRIC[n]);

/** The metric a query names, or undefined: the one place an untyped string becomes a {@link MetricName}. */
export function metricByName(name: string): MetricDef | undefined {
  return Object.hasOwn(METRIC, name) ? METRIC[name as MetricName] : undefined;
}

/** The day an event counts under: a COVID report under the day it covers, anything else its own (VN time). */
export function metricDay(e: IocEvent): string {
  return e.stream === 'covid' ? e.date : vnDateKey(e.tsMs);
}

/**
 * The reducer's per-day counters (`AreaState.daily`), each one counter of the table: the live state's "today"
 * figures and the series' daily aggregates are the same count.
 */
export const DAY_COUNTERS = {
  submitted: 'dossier.submitted',
  online: 'dossier.online_submitted',
  covidNewCases: 'covid.new_cases',
} as const satisfies Record<Exclude<keyof DayCounters, 'onlineBySlot'>, CounterName>;
export type DayCounterKey = keyof typeof DAY_COUNTERS;

/** The reducer's running dossier totals (`AreaState.dossier`), each one counter of the table. */
export const DOSSIER_TOTALS = {
  submitted: 'dossier.submitted',
  onlineSubmitted: 'dossier.online_submitted',
  postalSubmitted: 'dossier.postal_submitted',
  counterSubmitted: 'dossier.counter_submitted',
  level3Submitted: 'dossier.level3_submitted',
  level4Submitted: 'dossier.level4_submitted',
  resolved: 'dossier.resolved',
  resolvedOnTime: 'dossier.resolved_on_time',
  paid: 'dossier.paid',
  paidOnline: 'dossier.paid_online',
} as const satisfies Record<keyof DossierCounters, CounterName>;

/** The reducer's running COVID sums (`AreaState.covid`); the latest day and level are not sums. */
export const COVID_TOTALS = {
  cumulativeCases: 'covid.new_cases',
  recovered: 'covid.recovered',
  deaths: 'covid.deaths',
  vaccineDoses: 'covid.vaccine_doses',
} as const satisfies Partial<Record<keyof CovidCounters, CounterName>>;

/** A counter the event belongs to, keyed by the reducer's name for it, and by how much it moves it. */
export type CounterMove<K extends string> = readonly [key: K, amount: number];

/** The counters of `map` one event moves: computed once per event, applied to every area it rolls up to. */
export function counterMoves<K extends string>(
  map: Readonly<Record<K, CounterName>>,
  e: IocEvent,
): CounterMove<K>[] {
  const moves: CounterMove<K>[] = [];
  for (const key in map) {
    const counter = map[key];
    if (COUNTERS[counter].stream !== e.stream) continue;
    const n = countOf(counter, e);
    if (n !== null) moves.push([key, n]);
  }
  return moves;
}

/** The sums of a metric's daily aggregate rows over a span: the numerator's (`value`) and the denominator's. */
export interface MetricSums {
  value: number;
  weight: number;
}

export function sumRows(rows: Iterable<MetricSums>): MetricSums {
  let value = 0;
  let weight = 0;
  for (const r of rows) {
    value += r.value;
    weight += r.weight;
  }
  return { value, weight };
}

/** A metric's figure over a span: a count is its sum; a ratio divides, and is null with nothing to divide by. */
export interface MetricFigure {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

/**
 * The one formula of every figure read from the daily aggregates: `/api/series`, `/api/kpis/period`, the
 * ranking, `/public` and the open datasets all turn sums into a figure here.
 */
export function metricFigure(metric: MetricDef, sums: MetricSums): MetricFigure {
  if (metric.kind === 'count') return { value: sums.value, numerator: sums.value, denominator: null };
  return {
    value: sums.weight > 0 ? sums.value / sums.weight : null,
    numerator: sums.value,
    denominator: sums.weight,
  };
}

/** Where the count of events behind a metric's figure is read: a metric's own `value`, `weight` or both. */
export interface EventCountSource {
  metric: MetricName;
  use: 'value' | 'weight' | 'both';
}

/**
 * How many events stand behind a metric's aggregate, where it is not the obvious: a 0/1 count is its own
 * event count and a ratio's weight counts its denominator events; COVID sums (cases, doses) count reports,
 * and the payment share counts both the payments and the submissions it divides by.
 */
const EVENTS_BEHIND: Partial<Record<MetricName, EventCountSource>> = {
  'covid.new_cases': { metric: 'covid.reports', use: 'value' },
  'covid.recovered': { metric: 'covid.reports', use: 'value' },
  'covid.deaths': { metric: 'covid.reports', use: 'value' },
  'covid.vaccine_doses': { metric: 'covid.reports', use: 'value' },
  'dossier.online_payment_share': { metric: 'dossier.online_payment_share', use: 'both' },
};

export function eventCountSource(metric: MetricDef): EventCountSource {
  return (
    EVENTS_BEHIND[metric.name] ?? { metric: metric.name, use: metric.kind === 'ratio' ? 'weight' : 'value' }
  );
}

const TOTAL_OF = new Map<CounterName, keyof DossierCounters>(
  (Object.entries(DOSSIER_TOTALS) as [keyof DossierCounters, CounterName][]).map(([key, c]) => [c, key]),
);

/**
 * A dossier metric over the live state's running totals: the numerator's and the denominator's totals
 * through the same {@link metricFigure} the daily aggregates go through, so a live rate and the series'
 * rate over the same events are one number.
 */
export function totalsFigure(metric: MetricDef, d: DossierCounters): MetricFigure {
  const total = (c: CounterName) => {
    const key = TOTAL_OF.get(c);
    if (key === undefined) throw new Error(`counter ${c} has no running total in the live state`);
    return d[key];
  };
  return metricFigure(metric, {
    value: total(metric.numerator),
    weight: metric.denominator ? total(metric.denominator) : 0,
  });
}
