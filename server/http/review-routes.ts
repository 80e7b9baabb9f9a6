import type { Router } from 'express';
import {
  DeadlinesQuery,
  METRIC,
  METRIC_NAMES,
  metricByName,
  PERIOD_METRICS,
  PeriodKpisQuery,
  RankingQuery,
  parseInstant,
  periodProgress,
  vnDateKey,
  type CovidReconciliation,
  type ReportDays,
  type PeriodKpi,
  type PeriodKpisResponse,
  type RankingResponse,
  type ReviewReferenceResponse,
} from '../../protocol';
import type { AreaInfo } from '../../geo/areas';
import { SERVICE_CATALOGUE } from '../../reference/service-catalogue';
import type { Clock } from '../clock';
import type { EventStore } from '../store/event-store';
import { guardedRouter, type GuardFor } from './guarded-router';
import { HttpError } from './http-error';
import { parseQuery } from './parse-query';
import { deadlinesAt } from './review-deadlines';
import { provenanceOfAll } from './review-provenance';
import { periodFigure } from './period-figure';
import { vnIso } from './series';

/** The province's targets for eligible services at level 4 (seed report). */
const LEVEL4_TARGETS = [
  {
    year: 2021,
    share: 0.35,
    source: "seed report: the province's own 2021 target, 35 % of eligible services at level 4",
  },
  {
    year: 2025,
    share: 1,
    source: 'resolution on digital transformation: 100 % of eligible services at level 4 by 2025',
  },
];

export interface ReviewDeps {
  store: EventStore;
  clock: Clock;
  isKnownArea: (code: string) => boolean;
  areasWithin: (code: string) => string[];
  /** The province's district-level units the ranking compares: those of every set known when asked. */
  districts: () => readonly AreaInfo[];
  /** `covidReconciliation` of the live state (protocol/state/kpis.ts) over the report days of a period. */
  covidReconciliation: (area: string, days: ReportDays) => CovidReconciliation | null;
  guard: GuardFor;
}

const MAX_RANGE_MS = 40 * 366 * 86_400_000;

/** A day range of the aggregates for [fromMs, toMs): the same bounds `/api/series` reads. */
function dayRange(fromMs: number, toMs: number): { fromDay: string; toDay: string } {
  return { fromDay: vnDateKey(fromMs), toDay: vnDateKey(toMs - 1) + '~' };
}

function parseRange(from: string, to: string): { fromMs: number; toMs: number } {
  const fromMs = parseInstant(from);
  const toMs = parseInstant(to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new HttpError(400, 'invalid_query', 'invalid date');
  if (toMs <= fromMs) throw new HttpError(400, 'invalid_query', 'to must be after from');
  if (toMs - fromMs > MAX_RANGE_MS) throw new HttpError(400, 'invalid_query', 'range too long');
  return { fromMs, toMs };
}

/**
 * The leaders' review (`/kpi`): period totals with their provenance, the district ranking and the reference
 * facts.
 */
export function reviewRoutes(deps: ReviewDeps): Router {
  const r = guardedRouter(deps.guard);

  r.get('/kpis/period', 'read', async (req, res) => {
    const q = parseQuery(PeriodKpisQuery, req.query);
    if (!deps.isKnownArea(q.area)) throw new HttpError(404, 'unknown_area', `no area with code "${q.area}"`);
    const { fromMs, toMs } = parseRange(q.from, q.to);
    const within = deps.areasWithin(q.area);
    const metrics = PERIOD_METRICS.map((name) => METRIC[name]);
    const sums = await Promise.all(
      metrics.map((m) => periodFigure(deps.store, m, q.area, within, fromMs, toMs)),
    );
    const progress = periodProgress({ fromMs, toMs }, deps.clock.now());
    const provenance = await provenanceOfAll(deps.store, metrics, q.area, within, {
      ...dayRange(fromMs, toMs),
      toMs,
    });
    const body: PeriodKpisResponse = {
      area: q.area,
      from: vnIso(fromMs),
      to: vnIso(toMs),
      complete: progress.complete,
      asOf: vnIso(progress.asOfMs),
      kpis: Object.fromEntries(
        PERIOD_METRICS.map((name, i): [string, PeriodKpi] => [
          name,
          { ...sums[i]!, provenance: provenance[i]! },
        ]),
      ) as PeriodKpisResponse['kpis'],
      // The period's report days, as the period's sums read them: [from, to) in Vietnam days.
      covidReconciliation: deps.covidReconciliation(q.area, {
        from: vnDateKey(fromMs),
        to: vnDateKey(toMs - 1),
      }),
    };
    res.json(body);
  });

  r.get('/kpis/deadlines', 'read', async (req, res) => {
    const q = parseQuery(DeadlinesQuery, req.query);
    if (!deps.isKnownArea(q.area)) throw new HttpError(404, 'unknown_area', `no area with code "${q.area}"`);
    const atMs = q.at === undefined ? Number.NaN : parseInstant(q.at);
    if (q.at !== undefined && Number.isNaN(atMs))
      throw new HttpError(400, 'invalid_query', 'at is not a valid date');
    // Dossiers are open "at the end of the period", or now when the period has not ended yet.
    const asOfMs = Number.isNaN(atMs) ? deps.clock.now() : Math.min(atMs, deps.clock.now());
    res.json(await deadlinesAt(deps.store, deps.areasWithin(q.area), asOfMs));
  });

  r.get('/ranking', 'read', async (req, res) => {
    const q = parseQuery(RankingQuery, req.query);
    const metric = metricByName(q.metric);
    if (!metric) throw new HttpError(404, 'unknown_metric', { metric: q.metric, known: METRIC_NAMES });
    const { fromMs, toMs } = parseRange(q.from, q.to);
    const values = await Promise.all(
      deps.districts().map(async (d) => ({
        area: d.code,
        name: d.name,
        value: (await periodFigure(deps.store, metric, d.code, deps.areasWithin(d.code), fromMs, toMs)).value,
      })),
    );
    values.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.area.localeCompare(b.area));
    const withData = values.filter((v) => v.value !== null).length;
    const body: RankingResponse = {
      metric: metric.name,
      from: vnIso(fromMs),
      to: vnIso(toMs),
      rows: values.map((v, i) => ({ ...v, rank: v.value === null ? withData + 1 : i + 1 })),
    };
    res.json(body);
  });

  r.get('/review/reference', 'read', (_req, res) => {
    const body: ReviewReferenceResponse = {
      // Later years of the catalogue are planned, not achieved: the review shows only years that have begun.
      catalogue: Object.values(SERVICE_CATALOGUE)
        .filter((c) => c.year <= Number(vnDateKey(deps.clock.now()).slice(0, 4)))
        .map(({ year, total, level3, level4, eligibleLevel4 }) => ({
          year,
          total,
          level3,
          level4,
          eligibleLevel4,
        })),
      catalogueSource:
        'provincial public-service catalogue (reference/service-catalogue.ts): 2021 = 161 level-3 and 1,421 level-4 of 1,860 services, the 1,421 being every service eligible for level 4, per the seed report',
      level4Targets: LEVEL4_TARGETS,
      parIndex: {
        year: 2020,
        score: 0.8625,
        rank: 7,
        of: 63,
        source: 'seed report: PAR INDEX 2020 86.25 %, 7th of 63 provinces and cities',
      },
    };
    res.json(body);
  });

  return r.router;
}
