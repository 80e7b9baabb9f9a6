import type { Request, Response, Router } from 'express';
import {
  EventsQuery,
  KpisQuery,
  AreasQuery,
  METRICS,
  METRIC_NAMES,
  metricByName,
  PROTOCOL_VERSION,
  SeriesQuery,
  SiteSeriesQuery,
  SITE_SERIES_MAX_DAY_MS,
  SITE_SERIES_MAX_HOUR_MS,
  SITE_SERIES_MAX_RAW_MS,
  type SiteSeriesResponse,
  kpiSnapshot,
  parseInstant,
  type AreaFeatureCollection,
  type AreaRollup,
  type AreaSetsResponse,
  type SiteAreasResponse,
  type HealthResponse,
  type DashboardState,
  type IocEvent,
  type LoggedEvent,
} from '../../protocol';
import type { SensorArchive } from '../sensor-history/sensor-archive';
import { buildSiteSeries } from '../sensor-history/site-series';
import { withSensorHistory } from '../sensor-history/history-events';
import { SENSOR_SITES } from '../../geo';
import type { Clock } from '../clock';
import type { StateEngine } from '../engine/state-engine';
import type { IngestService } from '../ingest/ingest-service';
import type { EventStore } from '../store/event-store';
import { guardedRouter, type GuardFor } from './guarded-router';
import { HttpError } from './http-error';
import { parseQuery } from './parse-query';
import { withholdOpsDetails } from '../security/ops-redaction';
import { storeReport } from './liveness';
import { buildSeries } from './series';
import { writeEvents } from '../replay/export-events';

export interface ApiDeps {
  store: EventStore;
  engine: StateEngine;
  /** The state as at a past instant, with the sensor history's last readings latched (app.ts). */
  stateAt: (atMs: number) => Promise<DashboardState>;
  /** The sensor history before the log's own readings; null when there is none. */
  sensorArchive: () => SensorArchive | null;
  ingest: IngestService;
  clock: Clock;
  rollup: AreaRollup;
  isKnownArea: (code: string) => boolean;
  areasWithin: (code: string) => string[];
  /** The area set in force at `atMs`. */
  areas: (atMs: number) => AreaFeatureCollection;
  /** Where each sensor site lies under the set in force at `atMs`. */
  siteAreas: (atMs: number) => SiteAreasResponse;
  areaSets: () => AreaSetsResponse['sets'];
  ingestTokens: readonly string[];
  version: string;
  startedAtMs: number;
  guard: GuardFor;
  /** Whether the caller holds the operate right: others get operators' names and comments withheld. */
  seesOpsDetails: (req: Request) => boolean;
}

export function apiRoutes(deps: ApiDeps): Router {
  const r = guardedRouter(deps.guard);
  const knownArea = (area: string) => {
    if (!deps.isKnownArea(area)) throw new HttpError(404, 'unknown_area', `no area with code "${area}"`);
  };
  const instant = (iso: string, name: string) => {
    const ms = parseInstant(iso);
    if (Number.isNaN(ms)) throw new HttpError(400, 'invalid_query', `${name} is not a valid date`);
    return ms;
  };

  r.get('/health', 'anyone', async (_req, res) => {
    const { store, streams } = await storeReport(deps.store);
    const body: HealthResponse = {
      status: 'ok',
      store,
      version: deps.version,
      protocolVersion: PROTOCOL_VERSION,
      uptimeS: Math.round((Date.now() - deps.startedAtMs) / 1000),
      nowMs: deps.clock.now(),
      lastSeq: deps.engine.state.seq,
      streams,
    };
    res.json(body);
  });

  r.get('/areas', 'read', (req, res) => {
    const q = parseQuery(AreasQuery, req.query);
    res.json(deps.areas(q.at === undefined ? deps.clock.now() : instant(q.at, 'at')));
  });

  r.get('/areas/sites', 'read', (req, res) => {
    const q = parseQuery(AreasQuery, req.query);
    res.json(deps.siteAreas(q.at === undefined ? deps.clock.now() : instant(q.at, 'at')));
  });

  r.get('/areas/sets', 'read', (_req, res) => {
    const body: AreaSetsResponse = {
      sets: deps.areaSets(),
      current: deps.areas(deps.clock.now()).name ?? null,
    };
    res.json(body);
  });

  r.get('/kpis', 'read', async (req, res) => {
    const q = parseQuery(KpisQuery, req.query);
    knownArea(q.area);
    const atMs = q.at === undefined ? undefined : instant(q.at, 'at');
    const state = atMs === undefined ? deps.engine.state : await deps.stateAt(atMs);
    const nowMs = atMs ?? deps.clock.now();
    const within = (code: string) => deps.rollup(code).includes(q.area);
    res.json({
      ...kpiSnapshot(state, q.area, nowMs, within, deps.rollup),
      at: new Date(nowMs).toISOString(),
    });
  });

  r.get('/metrics/catalog', 'read', (_req, res) => {
    res.json({
      metrics: METRICS.map(({ name, stream, unit, formula, kind }) => ({
        name,
        stream,
        unit,
        formula,
        kind,
      })),
    });
  });

  r.get('/series', 'read', async (req, res) => {
    const q = parseQuery(SeriesQuery, req.query);
    const metric = metricByName(q.metric);
    if (!metric) throw new HttpError(404, 'unknown_metric', { metric: q.metric, known: METRIC_NAMES });
    knownArea(q.area);
    const fromMs = instant(q.from, 'from');
    const toMs = instant(q.to, 'to');
    if (toMs <= fromMs) throw new HttpError(400, 'invalid_query', 'to must be after from');
    if (toMs - fromMs > 40 * 366 * 86_400_000) throw new HttpError(400, 'invalid_query', 'range too long');
    res.json(await buildSeries(deps.store, metric, q.area, q.bucket, fromMs, toMs, deps.clock.now()));
  });

  const siteSeriesLimit = {
    raw: SITE_SERIES_MAX_RAW_MS,
    hour: SITE_SERIES_MAX_HOUR_MS,
    day: SITE_SERIES_MAX_DAY_MS,
  } as const;
  r.get('/sites/:id/series', 'read', async (req, res) => {
    const q = parseQuery(SiteSeriesQuery, req.query);
    const id = String(req.params.id);
    const site = SENSOR_SITES.find((s) => s.siteId === id);
    if (!site) throw new HttpError(404, 'unknown_site', `no sensor site with id "${id.slice(0, 64)}"`);
    const fromMs = instant(q.from, 'from');
    const toMs = instant(q.to, 'to');
    if (toMs <= fromMs) throw new HttpError(400, 'invalid_query', 'to must be after from');
    const maxMs = siteSeriesLimit[q.bucket];
    if (toMs - fromMs > maxMs)
      throw new HttpError(400, 'range_too_long', {
        bucket: q.bucket,
        maxDays: maxMs / 86_400_000,
        hint: q.bucket === 'raw' ? 'ask for bucket=hour or day over a range this long' : undefined,
      });
    const body = await buildSiteSeries(deps.store, deps.sensorArchive(), site, q.bucket, fromMs, toMs);
    res.json(body satisfies SiteSeriesResponse);
  });

  r.get('/events', 'read', async (req: Request, res: Response) => {
    const q = parseQuery(EventsQuery, req.query);
    if (q.area) knownArea(q.area);
    const filter = {
      fromMs: instant(q.from, 'from'),
      toMs: instant(q.to, 'to'),
      ...(q.stream ? { stream: q.stream } : {}),
      ...(q.area ? { areas: deps.areasWithin(q.area) } : {}),
    };
    const shown = deps.seesOpsDetails(req) ? (e: LoggedEvent) => e : withholdOpsDetails;
    res.status(200).type('application/x-ndjson');
    // Written with backpressure, in the store's pages: a three-year export streams through a small buffer
    // instead of memory, and dashboards get their batches between its pages.
    const logged = deps.store.iterateByTime(filter);
    const archive = q.stream === 'sensor' ? deps.sensorArchive() : null;
    if (!archive) return writeEvents(res, logged, (e) => JSON.stringify(shown(e)) + '\n');
    await writeEvents<IocEvent>(
      res,
      withSensorHistory(archive, filter, logged),
      (e) => JSON.stringify('seq' in e ? shown(e as LoggedEvent) : e) + '\n',
    );
  });

  // POST /ingest lives in server/ingest/ingest-http.ts (rate limits, token, size cap), mounted before these.
  return r.router;
}
