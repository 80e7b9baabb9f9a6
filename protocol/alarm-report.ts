import type { AlarmReport } from './alarm-report.schema';
import { ALARM_REPORT_CSV_COLUMNS } from './alarm-report.schema';
import type { Alert } from './state/alerts';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** ISA-18.2: more than 10 alarms in 10 minutes is a flood; active longer than a day is standing. */
export const FLOOD_ALARMS_PER_10_MIN = 10;
export const STANDING_AFTER_MS = 24 * HOUR;

/** Nearest-rank percentile of sorted values; null for none. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Counts per bucket of `widthMs` from `fromMs`; buckets cover the range whole. */
function buckets(times: readonly number[], fromMs: number, toMs: number, widthMs: number): number[] {
  const out = new Array<number>(Math.max(1, Math.ceil((toMs - fromMs) / widthMs))).fill(0);
  for (const t of times) out[Math.floor((t - fromMs) / widthMs)]!++;
  return out;
}

/**
 * The report of `[fromMs, toMs)` over `alarms`: every alarm the log's fold wrote (the newest version of each,
 * raised in the range or earlier and still of interest), already limited to the area asked for. Pure: the server
 * folds the log, the test folds the simulator's plan, and they compute the figures here.
 */
export function alarmReport(
  alarms: Iterable<Alert>,
  fromMs: number,
  toMs: number,
  labels: { from: string; to: string; area: string | null },
): AlarmReport {
  const all = [...alarms];
  const raised = all.filter((a) => a.raisedTsMs >= fromMs && a.raisedTsMs < toMs);
  const times = raised.map((a) => a.raisedTsMs);
  const hours = buckets(times, fromMs, toMs, HOUR);
  const tens = buckets(times, fromMs, toMs, 10 * MIN);
  let floods = 0;
  let longest = 0;
  for (let i = 0, run = 0; i <= tens.length; i++) {
    if (i < tens.length && tens[i]! > FLOOD_ALARMS_PER_10_MIN) run++;
    else {
      if (run > 0) floods++;
      longest = Math.max(longest, run);
      run = 0;
    }
  }
  const standing = all.filter((a) => {
    const end = Math.min(a.clearedTsMs ?? toMs, a.resolved?.tsMs ?? toMs, toMs);
    return end > fromMs && end - a.raisedTsMs > STANDING_AFTER_MS && a.raisedTsMs < toMs;
  }).length;
  const priorities = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const a of raised) priorities[a.priority]++;
  const ackS = raised
    .filter((a) => a.ack !== null)
    .map((a) => (a.ack!.tsMs - a.raisedTsMs) / 1000)
    .sort((x, y) => x - y);
  const offenders = new Map<string, { source: string; rule: Alert['rule']; count: number }>();
  for (const a of raised)
    for (const m of a.members.length ? a.members : [{ siteId: a.siteId, area: a.area, key: a.key }]) {
      const source = m.siteId ?? m.area;
      const k = `${a.rule} ${source}`;
      const o = offenders.get(k) ?? { source, rule: a.rule, count: 0 };
      o.count++;
      offenders.set(k, o);
    }
  const spanH = (toMs - fromMs) / HOUR;
  return {
    from: labels.from,
    to: labels.to,
    area: labels.area,
    alarms: raised.length,
    perHour: {
      mean: spanH > 0 ? Math.round((raised.length / spanH) * 100) / 100 : 0,
      max: Math.max(...hours),
    },
    perTenMinutes: { max: Math.max(...tens) },
    floods: { count: floods, longestMin: longest * 10 },
    standing,
    chattering: raised.filter((a) => a.chattering).length,
    priorities,
    ackTimeS: { p50: percentile(ackS, 0.5), p90: percentile(ackS, 0.9) },
    topOffenders: [...offenders.values()]
      .sort((x, y) => y.count - x.count || x.source.localeCompare(y.source))
      .slice(0, 10),
  };
}

/** The report as CSV rows `figure,value` (RFC 4180; the offenders as `topOffender.N`, `rule source count`). */
export function alarmReportCsv(r: AlarmReport): string {
  const rows: [string, string | number | null][] = [
    ['from', r.from],
    ['to', r.to],
    ['area', r.area],
    ['alarms', r.alarms],
    ['perHour.mean', r.perHour.mean],
    ['perHour.max', r.perHour.max],
    ['perTenMinutes.max', r.perTenMinutes.max],
    ['floods.count', r.floods.count],
    ['floods.longestMin', r.floods.longestMin],
    ['standing', r.standing],
    ['chattering', r.chattering],
    ['priorities.critical', r.priorities.critical],
    ['priorities.high', r.priorities.high],
    ['priorities.medium', r.priorities.medium],
    ['priorities.low', r.priorities.low],
    ['ackTimeS.p50', r.ackTimeS.p50],
    ['ackTimeS.p90', r.ackTimeS.p90],
    ...r.topOffenders.map(
      (o, i) => [`topOffender.${i + 1}`, `${o.rule} ${o.source} ${o.count}`] as [string, string],
    ),
  ];
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [ALARM_REPORT_CSV_COLUMNS.join(','), ...rows.map(([k, v]) => `${cell(k)},${cell(v)}`)].join('\r\n') +
    '\r\n'
  );
}
