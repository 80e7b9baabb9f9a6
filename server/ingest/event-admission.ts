import {
  outOfTime,
  type ErrorReason,
  type EventTimeBounds,
  type IocEvent,
  type AreaRollup,
} from '../../protocol';
import { SITES_BY_ID } from '../../geo';
import { COVID_SOURCE } from '../../simulators/covid.simulator';
import type { WriterScope } from './ingest-service';

/** What an installation takes in besides a valid shape (issue 21, findings 3 and 6). */
export interface AdmissionRules {
  /** How far ahead of the IOC clock an event may be dated (sources' clocks drift), ms. */
  futureToleranceMs: number;
  /** Start of the history: older events are refused as `stale_event`. */
  historyFromMs: number;
  /** Whether readings of this sensor site are taken; others are refused as `unknown_site`. */
  isKnownSite: (siteId: string) => boolean;
  /** Whether this source's COVID reports are the official ones; others' are refused as `unofficial_source`. */
  isOfficialCovidSource: (source: string) => boolean;
}

/**
 * The in-process simulator's feed, the same feed run as an outside source (`npm run sim`, source prefix `ext-`)
 * and the CSV import's default source name (`npm run import:covid`).
 */
export const DEFAULT_COVID_OFFICIAL_SOURCES: readonly string[] = [
  COVID_SOURCE,
  `ext-${COVID_SOURCE}`,
  'csv-import',
];
/** A few minutes: sources' clocks drift, but a reading an hour ahead would call every other site offline. */
export const DEFAULT_FUTURE_TOLERANCE_MS = 5 * 60_000;
export const DEFAULT_HISTORY_FROM_MS = Date.parse('2019-01-01T00:00:00+07:00');

export function admissionRules(
  opts: {
    futureToleranceMs?: number;
    historyFromMs?: number;
    covidOfficialSources?: readonly string[];
    /** Sites taken besides geo/'s list: a new station before the list is updated, a test rig. */
    extraSites?: readonly string[];
  } = {},
): AdmissionRules {
  const official = new Set(opts.covidOfficialSources ?? DEFAULT_COVID_OFFICIAL_SOURCES);
  const extra = new Set(opts.extraSites ?? []);
  return {
    futureToleranceMs: opts.futureToleranceMs ?? DEFAULT_FUTURE_TOLERANCE_MS,
    historyFromMs: opts.historyFromMs ?? DEFAULT_HISTORY_FROM_MS,
    isKnownSite: (siteId) => SITES_BY_ID.has(siteId) || extra.has(siteId),
    isOfficialCovidSource: (source) => official.has(source),
  };
}

/** The span of event time taken in at the clock's `nowMs`. */
export function timeBoundsAt(rules: AdmissionRules, nowMs: number): EventTimeBounds {
  return { notBeforeMs: rules.historyFromMs, notAfterMs: nowMs + rules.futureToleranceMs };
}

/**
 * The span of event time the state engine folds: looser than ingest's on the future side, as the log may be
 * ahead of a scenario clock that stands at SIM_START while the server starts (the scenario resumes after the
 * fold); the wall clock still keeps out what no scenario has reached, such as 2099.
 */
export function foldBoundsAt(rules: AdmissionRules, clockNowMs: number, wallNowMs: number): EventTimeBounds {
  return timeBoundsAt(rules, Math.max(clockNowMs, wallNowMs));
}

export type Refusal = [reason: ErrorReason, details: string];

/**
 * Why a valid event is refused, or null. Checked after the shape, the area and the source binding: the
 * token's scope, the event's time, then what the stream itself requires.
 */
export function admissionRefusal(
  ev: IocEvent,
  ctx: { rules: AdmissionRules; bounds: EventTimeBounds; scope: WriterScope; rollup: AreaRollup },
): Refusal | null {
  const { rules, bounds, scope } = ctx;
  if (ev.stream !== 'ops' && scope.streams && !scope.streams.includes(ev.stream))
    return ['out_of_scope', `this token may write ${scope.streams.join(', ')}, not ${ev.stream}`];
  if (scope.areas && !ctx.rollup(ev.area).some((a) => scope.areas!.includes(a)))
    return ['out_of_scope', `this token may write for areas ${scope.areas.join(', ')} only, not ${ev.area}`];
  const late = outOfTime(ev, bounds);
  if (late === 'future_event')
    return [late, `dated after ${new Date(bounds.notAfterMs).toISOString()}, ahead of the IOC clock`];
  if (late === 'stale_event')
    return [late, `dated before the history, which starts ${new Date(bounds.notBeforeMs).toISOString()}`];
  if (ev.stream === 'sensor' && !rules.isKnownSite(ev.siteId))
    return ['unknown_site', `site "${ev.siteId}" is not a registered sensor site of this installation`];
  if (ev.stream === 'covid' && !rules.isOfficialCovidSource(ev.source))
    return [
      'unofficial_source',
      `"${ev.source}" is not an official COVID source (COVID_OFFICIAL_SOURCES); its report cannot stand for the day`,
    ];
  return null;
}
