import type { IocEvent, StreamName } from './events.schema';
import { SENSOR_THRESHOLDS } from './state/built-in-rules';

/**
 * A series metric: how one event contributes to a bucket. `count` metrics add `value(e)`; `ratio` metrics
 * divide the sum of `value` by the sum of `weight` over the bucket (null when the weight is 0).
 */
export interface MetricDef {
  name: string;
  stream: StreamName;
  unit: string;
  formula: string;
  kind: 'count' | 'ratio';
  value: (e: IocEvent) => number;
  weight?: (e: IocEvent) => number;
}

const submitted = (e: IocEvent) => e.stream === 'dossier' && e.action === 'submitted';

export const METRICS: readonly MetricDef[] = [
  {
    name: 'dossier.submitted',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier submitted events (all channels)',
    kind: 'count',
    value: (e) => (submitted(e) ? 1 : 0),
  },
  {
    name: 'dossier.online_submitted',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with channel = online',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'online' ? 1 : 0),
  },
  {
    name: 'dossier.postal_submitted',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with channel = postal',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'postal' ? 1 : 0),
  },
  {
    name: 'dossier.resolved',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier resolved events',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'resolved' ? 1 : 0),
  },
  {
    name: 'dossier.on_time_rate',
    stream: 'dossier',
    unit: 'ratio 0–1',
    formula: 'resolved on time / resolved, over dossiers resolved in the bucket',
    kind: 'ratio',
    value: (e) => (e.stream === 'dossier' && e.action === 'resolved' && e.onTime ? 1 : 0),
    weight: (e) => (e.stream === 'dossier' && e.action === 'resolved' ? 1 : 0),
  },
  {
    name: 'dossier.online_share',
    stream: 'dossier',
    unit: 'ratio 0–1',
    formula: 'online submitted / submitted',
    kind: 'ratio',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'online' ? 1 : 0),
    weight: (e) => (submitted(e) ? 1 : 0),
  },
  {
    name: 'dossier.late_resolved',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier resolved events with onTime = false',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'resolved' && !e.onTime ? 1 : 0),
  },
  {
    name: 'dossier.level3_submitted',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with serviceLevel = 3',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.serviceLevel === 3 ? 1 : 0),
  },
  {
    name: 'dossier.level4_submitted',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier submitted events with serviceLevel = 4',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.serviceLevel === 4 ? 1 : 0),
  },
  {
    name: 'dossier.paid_online',
    stream: 'dossier',
    unit: 'dossiers',
    formula: 'count of dossier paid events with online = true (national payment platform)',
    kind: 'count',
    value: (e) => (e.stream === 'dossier' && e.action === 'paid' && e.online ? 1 : 0),
  },
  {
    name: 'dossier.online_payment_share',
    stream: 'dossier',
    unit: 'ratio 0–1',
    formula: 'dossiers paid online / dossiers submitted, both counted in the bucket',
    kind: 'ratio',
    value: (e) => (e.stream === 'dossier' && e.action === 'paid' && e.online ? 1 : 0),
    weight: (e) => (submitted(e) ? 1 : 0),
  },
  {
    name: 'dossier.postal_share',
    stream: 'dossier',
    unit: 'ratio 0–1',
    formula: 'postal submitted / submitted',
    kind: 'ratio',
    value: (e) => (e.stream === 'dossier' && e.action === 'submitted' && e.channel === 'postal' ? 1 : 0),
    weight: (e) => (submitted(e) ? 1 : 0),
  },
  {
    name: 'covid.new_cases',
    stream: 'covid',
    unit: 'cases',
    formula: 'sum of newCases of daily covid reports',
    kind: 'count',
    value: (e) => (e.stream === 'covid' ? e.newCases : 0),
  },
  {
    name: 'covid.vaccine_doses',
    stream: 'covid',
    unit: 'doses',
    formula: 'sum of vaccineDoses of daily covid reports',
    kind: 'count',
    value: (e) => (e.stream === 'covid' ? e.vaccineDoses : 0),
  },
  {
    name: 'covid.recovered',
    stream: 'covid',
    unit: 'cases',
    formula: 'sum of recovered of daily covid reports',
    kind: 'count',
    value: (e) => (e.stream === 'covid' ? e.recovered : 0),
  },
  {
    name: 'covid.deaths',
    stream: 'covid',
    unit: 'deaths',
    formula: 'sum of deaths of daily covid reports',
    kind: 'count',
    value: (e) => (e.stream === 'covid' ? e.deaths : 0),
  },
  {
    name: 'covid.reports',
    stream: 'covid',
    unit: 'reports',
    formula: 'count of daily covid reports',
    kind: 'count',
    value: (e) => (e.stream === 'covid' ? 1 : 0),
  },
  {
    name: 'sensor.readings',
    stream: 'sensor',
    unit: 'readings',
    formula: 'count of sensor readings',
    kind: 'count',
    value: (e) => (e.stream === 'sensor' ? 1 : 0),
  },
  {
    name: 'sensor.alarms',
    stream: 'sensor',
    unit: 'readings',
    formula: 'count of sensor readings at or above the alarm threshold of their kind',
    kind: 'count',
    value: (e) => {
      if (e.stream !== 'sensor') return 0;
      const t = SENSOR_THRESHOLDS[e.kind];
      return t && e.value >= t.alarm ? 1 : 0;
    },
  },
  // Per-kind reading counts, so the open per-site sensor datasets reconcile with /api/series.
  {
    name: 'sensor.water_level_readings',
    stream: 'sensor',
    unit: 'readings',
    formula: 'count of sensor readings with kind = water_level',
    kind: 'count',
    value: (e) => (e.stream === 'sensor' && e.kind === 'water_level' ? 1 : 0),
  },
  {
    name: 'sensor.air_quality_readings',
    stream: 'sensor',
    unit: 'readings',
    formula: 'count of sensor readings with kind = pm25 or aqi',
    kind: 'count',
    value: (e) => (e.stream === 'sensor' && (e.kind === 'pm25' || e.kind === 'aqi') ? 1 : 0),
  },
];

export const METRICS_BY_NAME: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.name, m]));
