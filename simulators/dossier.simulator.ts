import { PROTOCOL_VERSION, vnDayNumber, type DossierEvent } from '../protocol';
import {
  dayStartMs,
  isWorkingDay,
  nthWorkingDayAfter,
  weekday,
  workingDayOnOrAfter,
  yearOf,
  yymmdd,
} from './calendar';
import { DEPARTMENTS, PROCEDURES, levelOf, procedurePool, type Procedure } from './catalogue';
import { PILOT_UNITS } from '../geo/pilot-units';
import { DISTRICT_PROFILES } from './districts';
import { CHANNELS, DossierCounts, N_CHANNELS, N_DISTRICTS } from './dossier-volume';
import { Stream, rngFor, type Rng } from './rng';

export const DOSSIER_SOURCE = 'sim-dossier';

/**
 * A dossier's last event (late resolution: statutory days + up to 8 working days, across Tết) lands well
 * within this many days of its submission day, so a window must look back this far for them.
 */
export const DOSSIER_LOOKBACK_DAYS = 75;

const MIN = 60_000;
const HOUR = 3_600_000;

/** Share resolved by the statutory deadline; the seed's 99 % holds from 2021. */
const ON_TIME_RATE: Readonly<Record<number, number>> = { 2019: 0.965, 2020: 0.978, 2021: 0.99 };
/** Share of online dossiers with a fee paid through Paygov, which the portal integrated in 2020. */
const ONLINE_PAY_RATE: Readonly<Record<number, number>> = { 2019: 0, 2020: 0.3, 2021: 0.55, 2022: 0.7 };

function byYear(table: Readonly<Record<number, number>>, year: number): number {
  const years = Object.keys(table).map(Number);
  const y = Math.min(Math.max(year, years[0]!), years[years.length - 1]!);
  return table[y]!;
}

// Online filings by hour of day, Vietnam time: office hours dominate, evenings keep a tail.
const ONLINE_HOUR_CUM = cumulative([
  0.2, 0.1, 0.05, 0.05, 0.05, 0.15, 0.5, 1.2, 2.2, 2.6, 2.6, 2.0, 1.2, 1.4, 2.3, 2.5, 2.3, 1.8, 1.2, 1.1, 1.0,
  0.9, 0.6, 0.35,
]);

function cumulative(w: readonly number[]): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  w.forEach((x, i) => (c[i] = s += x));
  return c;
}

/** Counter hours: 7:30–11:30 and 13:30–17:00, weekdays; Saturday mornings only. */
function counterTimeOfDay(rng: Rng, saturday: boolean): number {
  // Queues form at opening: the first morning hours take more than their share.
  if (saturday || rng.chance(0.6)) return 7.5 * HOUR + Math.pow(rng.float(), 1.3) * 4 * HOUR;
  return 13.5 * HOUR + rng.float() * 3.5 * HOUR;
}

function onlineTimeOfDay(rng: Rng): number {
  return rng.pickCumulative(ONLINE_HOUR_CUM) * HOUR + rng.float() * HOUR;
}

/** Officers sign results during office hours. */
function officeTimeOfDay(rng: Rng): number {
  return 8 * HOUR + rng.float() * 9 * HOUR;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Agencies that receive dossiers, with codes in the national agency-code style: `000.00.NN.H38` for a
 * department or a district People's Committee, `000.CC.NN.H38` for commune CC of district NN (H38 is Long An).
 */
export const AGENCIES: readonly { code: string; name: string }[] = [
  ...DEPARTMENTS.map((d) => ({ code: `000.00.${pad2(d.agencyNo)}.H38`, name: d.name })),
  ...DISTRICT_PROFILES.map((p) => ({ code: `000.00.${p.agencyNo}.H38`, name: `UBND ${p.unitName}` })),
  ...DISTRICT_PROFILES.flatMap((p) =>
    Array.from({ length: p.communes }, (_, c) => ({
      code: `000.${pad2(c + 1)}.${p.agencyNo}.H38`,
      name: `UBND cấp xã số ${pad2(c + 1)}, ${p.unitName}`,
    })),
  ),
];
const DISTRICT_AGENCY0 = DEPARTMENTS.length;
const COMMUNE_AGENCY0: number[] = [];
{
  let k = DEPARTMENTS.length + DISTRICT_PROFILES.length;
  for (const p of DISTRICT_PROFILES) {
    COMMUNE_AGENCY0.push(k);
    k += p.communes;
  }
}

function agencyFor(proc: Procedure, district: number, rng: Rng): number {
  if (proc.tier === 'province') return proc.department;
  if (proc.tier === 'district') return DISTRICT_AGENCY0 + district;
  return COMMUNE_AGENCY0[district]! + rng.int(DISTRICT_PROFILES[district]!.communes);
}

const PROC_INDEX = new Map(PROCEDURES.map((p, i) => [p, i]));

/** The pilot Department's agency index → its code: the dossiers it receives are its figures. */
const PILOT_OF_AGENCY = new Map<number, string>();
/** District index → its pilot commune or ward: the code, and which commune-level committee it is (0-based). */
const PILOT_OF_DISTRICT = new Map<number, { code: string; commune: number }>();
for (const u of PILOT_UNITS) {
  if (u.agencyName !== null)
    PILOT_OF_AGENCY.set(
      AGENCIES.findIndex((a) => a.name === u.agencyName),
      u.code,
    );
  else
    PILOT_OF_DISTRICT.set(
      DISTRICT_PROFILES.findIndex((p) => p.code === u.parent),
      { code: u.code, commune: u.communeNo! - 1 },
    );
}

/**
 * The area a dossier is counted in: its district, or a pilot unit inside it. A commune-level dossier lives in
 * the commune whose committee received it; any other is given a commune by a hash of its day and place in the
 * day, so each commune holds its share (one in the district's number of communes) of every level, and no draw
 * of the seeded generator is added: the rest of the simulation is unchanged. The pilot Department's dossiers
 * are its own (under the province, not a district).
 */
function dossierAreaOf(p: DossierDay, k: number): string {
  const agency = p.agency[k]!;
  const department = PILOT_OF_AGENCY.get(agency);
  if (department) return department;
  const d = p.district[k]!;
  const pilot = PILOT_OF_DISTRICT.get(d);
  if (pilot) {
    const first = COMMUNE_AGENCY0[d]!;
    const communes = DISTRICT_PROFILES[d]!.communes;
    const home =
      agency >= first && agency < first + communes
        ? agency - first
        : (Math.imul(p.day ^ Math.imul(k + 1, 0x9e3779b1), 0x85ebca6b) >>> 0) % communes;
    if (home === pilot.commune) return pilot.code;
  }
  return DISTRICT_PROFILES[d]!.code;
}

/**
 * The dossiers submitted on one Vietnam-time day, in receipt order, as columns. Kept as typed arrays rather
 * than event objects: a dossier's resolution waits days in memory before it is due, and millions of small
 * objects living that long make the garbage collector the bottleneck of a backfill.
 */
export interface DossierDay {
  day: number;
  n: number;
  /** Per dossier, in receipt order. */
  district: Uint8Array;
  channel: Uint8Array;
  level: Uint8Array;
  procedure: Int32Array;
  agency: Int32Array;
  /** The agency's running number of the day, from 1. */
  running: Int32Array;
  tsMs: Float64Array;
  dueMs: Float64Array;
  resolvedMs: Float64Array;
  onTime: Uint8Array;
  /** 0 when the procedure has no fee. */
  paidMs: Float64Array;
  paidOnline: Uint8Array;
  /**
   * Events grouped by the day they happen on, relative to `day`: entries `byDay[o]..byDay[o+1]` of `events`
   * happen on day + o, each encoded `k * 3 + kind` (0 submitted, 1 resolved, 2 paid). A window then visits
   * only its own days' events instead of every dossier still open.
   */
  byDay: Int32Array;
  events: Int32Array;
  /** `yymmdd` of `day`, as the codes carry it. */
  date: string;
}

/**
 * Plans the dossiers submitted on one Vietnam-time day; a pure function of (seed, day). Their later events
 * (resolution, payment) fall on later days.
 *
 * Dossier codes: `<agency code>-<yymmdd>-<nnnn>`, e.g. `000.00.39.H38-210801-0042`: the receiving agency,
 * the Vietnam-time day of receipt and the agency's running number that day (in receipt order, from 0001).
 */
export function planDossierDay(seed: number, counts: DossierCounts, day: number): DossierDay {
  const year = yearOf(day);
  const startMs = dayStartMs(day);
  const onTimeRate = byYear(ON_TIME_RATE, year);
  const payRate = byYear(ONLINE_PAY_RATE, year);
  const saturday = weekday(day) === 6;
  const working = isWorkingDay(day);
  const c = counts.day(day);
  let n = 0;
  for (let k = 0; k < c.length; k++) n += c[k]!;
  const col = {
    district: new Uint8Array(n),
    channel: new Uint8Array(n),
    level: new Uint8Array(n),
    procedure: new Int32Array(n),
    agency: new Int32Array(n),
    tsMs: new Float64Array(n),
    dueMs: new Float64Array(n),
    resolvedMs: new Float64Array(n),
    onTime: new Uint8Array(n),
    paidMs: new Float64Array(n),
    paidOnline: new Uint8Array(n),
  };
  let j = 0;
  for (let i = 0; i < N_DISTRICTS; i++) {
    const rng = rngFor(seed, Stream.dossier, day, i);
    for (let ch = 0; ch < N_CHANNELS; ch++) {
      const online = CHANNELS[ch] === 'online';
      const pool = procedurePool(year, online);
      const count = c[i * N_CHANNELS + ch]!;
      for (let q = 0; q < count; q++, j++) {
        const proc = pool.procedures[rng.pickCumulative(pool.cum)]!;
        const agency = agencyFor(proc, i, rng);
        const tsMs = startMs + Math.floor(online ? onlineTimeOfDay(rng) : counterTimeOfDay(rng, saturday));
        const dueDay = nthWorkingDayAfter(day, proc.statutoryDays);
        const dueMs = dayStartMs(dueDay) + 17 * HOUR;
        const onTime = rng.chance(onTimeRate);
        let resolvedMs: number;
        if (onTime) {
          // Most results come out in the second half of the allowed time; some the same day.
          const k = Math.floor(Math.pow(rng.float(), 0.6) * (proc.statutoryDays + 1));
          const sameDay = k === 0 && working && tsMs < startMs + 15 * HOUR;
          const rDay = sameDay ? day : k === 0 ? workingDayOnOrAfter(day + 1) : nthWorkingDayAfter(day, k);
          resolvedMs = dayStartMs(rDay) + Math.floor(officeTimeOfDay(rng));
          if (resolvedMs <= tsMs) resolvedMs = tsMs + Math.floor(rng.between(30, 150) * MIN);
          if (resolvedMs > dueMs) resolvedMs = dueMs - Math.floor(rng.between(5, 120) * MIN);
        } else {
          const rDay = nthWorkingDayAfter(dueDay, 1 + rng.int(8));
          resolvedMs = dayStartMs(rDay) + Math.floor(officeTimeOfDay(rng));
        }
        let paidMs = 0;
        let paidOnline = false;
        // The paid stream is the national payment platform's: fees paid in cash at a counter never reach it.
        if (proc.feeVnd > 0) {
          paidOnline = online && rng.chance(payRate);
          const delayMin = paidOnline ? rng.between(2, 180) : rng.between(2, 20);
          if (paidOnline) paidMs = tsMs + Math.floor(delayMin * MIN);
        }
        col.district[j] = i;
        col.channel[j] = ch;
        col.level[j] = levelOf(proc, year);
        col.procedure[j] = PROC_INDEX.get(proc)!;
        col.agency[j] = agency;
        col.tsMs[j] = tsMs;
        col.dueMs[j] = dueMs;
        col.resolvedMs[j] = resolvedMs;
        col.onTime[j] = onTime ? 1 : 0;
        col.paidMs[j] = paidMs;
        col.paidOnline[j] = paidOnline ? 1 : 0;
      }
    }
  }

  // Receipt order decides the running numbers; ties keep generation order so the plan stays deterministic.
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((a, b) => col.tsMs[a]! - col.tsMs[b]! || a - b);
  const out: DossierDay = {
    day,
    n,
    district: permute(col.district, order),
    channel: permute(col.channel, order),
    level: permute(col.level, order),
    procedure: permute(col.procedure, order),
    agency: permute(col.agency, order),
    running: new Int32Array(n),
    tsMs: permute(col.tsMs, order),
    dueMs: permute(col.dueMs, order),
    resolvedMs: permute(col.resolvedMs, order),
    onTime: permute(col.onTime, order),
    paidMs: permute(col.paidMs, order),
    paidOnline: permute(col.paidOnline, order),
    byDay: new Int32Array(DOSSIER_LOOKBACK_DAYS + 2),
    events: new Int32Array(0),
    date: yymmdd(day),
  };
  const running = new Int32Array(AGENCIES.length);
  for (let k = 0; k < n; k++) out.running[k] = ++running[out.agency[k]!]!;
  indexByDay(out);
  return out;
}

function offsetOf(p: DossierDay, ts: number): number {
  return Math.min(DOSSIER_LOOKBACK_DAYS, vnDayNumber(ts) - p.day);
}

function indexByDay(p: DossierDay): void {
  const times = [p.tsMs, p.resolvedMs, p.paidMs];
  const counts = p.byDay;
  let total = 0;
  for (let k = 0; k < p.n; k++) {
    for (let kind = 0; kind < 3; kind++) {
      const ts = times[kind]![k]!;
      if (ts === 0) continue;
      counts[offsetOf(p, ts) + 1]!++;
      total++;
    }
  }
  for (let o = 1; o < counts.length; o++) counts[o]! += counts[o - 1]!;
  const fill = counts.slice(0, counts.length - 1);
  p.events = new Int32Array(total);
  for (let k = 0; k < p.n; k++) {
    for (let kind = 0; kind < 3; kind++) {
      const ts = times[kind]![k]!;
      if (ts !== 0) p.events[fill[offsetOf(p, ts)]!++] = k * 3 + kind;
    }
  }
}

function permute<T extends Uint8Array | Int32Array | Float64Array>(a: T, order: readonly number[]): T {
  const b = new (a.constructor as new (n: number) => T)(a.length);
  for (let k = 0; k < order.length; k++) b[k] = a[order[k]!]!;
  return b;
}

function dossierCodeOf(p: DossierDay, k: number, date: string): string {
  const r = p.running[k]!;
  return `${AGENCIES[p.agency[k]!]!.code}-${date}-${r < 10000 ? String(r).padStart(4, '0') : r}`;
}

/** Appends the events of a planned day that happen in [fromMs, toMs), unsorted. */
export function dossierEventsBetween(p: DossierDay, fromMs: number, toMs: number, out: DossierEvent[]): void {
  const o0 = Math.max(0, vnDayNumber(fromMs) - p.day);
  const o1 = Math.min(DOSSIER_LOOKBACK_DAYS, vnDayNumber(toMs - 1) - p.day);
  if (o0 > o1) return;
  const date = p.date;
  for (let e = p.byDay[o0]!; e < p.byDay[o1 + 1]!; e++) {
    const code = p.events[e]!;
    const k = (code / 3) | 0;
    const kind = code - k * 3;
    const ts = kind === 0 ? p.tsMs[k]! : kind === 1 ? p.resolvedMs[k]! : p.paidMs[k]!;
    if (ts < fromMs || ts >= toMs) continue;
    const dossierCode = dossierCodeOf(p, k, date);
    const area = dossierAreaOf(p, k);
    if (kind === 0) {
      out.push({
        v: PROTOCOL_VERSION,
        id: `${dossierCode}:submitted`,
        source: DOSSIER_SOURCE,
        area,
        tsMs: ts,
        stream: 'dossier',
        dossierCode,
        action: 'submitted',
        channel: CHANNELS[p.channel[k]!]!,
        serviceLevel: p.level[k] as 2 | 3 | 4,
        procedure: PROCEDURES[p.procedure[k]!]!.name,
        agency: AGENCIES[p.agency[k]!]!.name,
        dueMs: p.dueMs[k]!,
      });
    } else if (kind === 1) {
      out.push({
        v: PROTOCOL_VERSION,
        id: `${dossierCode}:resolved`,
        source: DOSSIER_SOURCE,
        area,
        tsMs: ts,
        stream: 'dossier',
        dossierCode,
        action: 'resolved',
        onTime: p.onTime[k] === 1,
      });
    } else {
      out.push({
        v: PROTOCOL_VERSION,
        id: `${dossierCode}:paid`,
        source: DOSSIER_SOURCE,
        area,
        tsMs: ts,
        stream: 'dossier',
        dossierCode,
        action: 'paid',
        amountVnd: PROCEDURES[p.procedure[k]!]!.feeVnd,
        online: p.paidOnline[k] === 1,
      });
    }
  }
}

/** The order eventsBetween promises: by time, then id. */
export function compareEvents(a: { tsMs: number; id: string }, b: { tsMs: number; id: string }): number {
  return a.tsMs - b.tsMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
