import type { z } from 'zod';
import {
  AreasQuery,
  EventsQuery,
  KpisQuery,
  MAX_INGEST_BATCH,
  PeriodKpisQuery,
  RankingQuery,
  ReplayTimelineQuery,
  SeriesQuery,
} from '../../protocol';
import { OPEN_DATA_FORMATS, OPEN_DATASET_IDS, OpenDataQuery } from '../../protocol/open-data.schema';
import { componentSchemas, inlineSchema, type JsonSchema } from './components';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

interface Operation {
  method: 'get' | 'post';
  path: string;
  tag: string;
  summary: string;
  description?: string;
  query?: z.ZodObject;
  pathParams?: Record<string, JsonSchema>;
  body?: string;
  bearer?: boolean;
  /** Media type → schema of the 200 answer (a component name, or an inline schema). */
  ok: Record<string, string | JsonSchema>;
  okDescription: string;
  errors: number[];
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed: `details` lists what is wrong.',
  401: 'No valid bearer token.',
  404: 'Unknown area, metric, dataset or endpoint.',
  413: 'Body larger than the configured limit.',
  415: 'Body is not application/json.',
  429: 'Too many requests from this address or token: retry after the `Retry-After` seconds.',
};

const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    tag: 'status',
    summary: 'Status, version, uptime and the last event time per stream',
    ok: { 'application/json': 'HealthResponse' },
    okDescription: 'The server is up.',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/areas',
    tag: 'areas',
    summary: 'The administrative units in force at an instant, as GeoJSON',
    query: AreasQuery,
    ok: { 'application/geo+json': 'AreaFeatureCollection', 'application/json': 'AreaFeatureCollection' },
    okDescription:
      'FeatureCollection with `code`, `name`, `kind`, `parent` per unit; `[lon, lat]` positions.',
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/kpis',
    tag: 'kpis',
    summary: 'The KPI snapshot of an area, live or as at a past instant',
    query: KpisQuery,
    ok: { 'application/json': 'KpiSnapshot' },
    okDescription: 'Headline figures; rates are 0–1 or null with no data.',
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/metrics/catalog',
    tag: 'kpis',
    summary: 'Every series metric with its unit and formula',
    ok: { 'application/json': 'MetricsCatalog' },
    okDescription: 'The metric catalogue.',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/series',
    tag: 'kpis',
    summary: 'A metric per day, month or year (Vietnam time), `from` inclusive, `to` exclusive',
    query: SeriesQuery,
    ok: { 'application/json': 'SeriesResponse' },
    okDescription: 'One point per bucket; ratio metrics are null where their denominator is 0.',
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/kpis/period',
    tag: 'kpis',
    summary: 'Period totals of the review metrics, with provenance',
    description: 'Answer shape: `PeriodKpisResponse` in protocol/review.schema.ts.',
    query: PeriodKpisQuery,
    ok: { 'application/json': { type: 'object' } },
    okDescription: 'One figure per review metric, with formula and event count.',
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/ranking',
    tag: 'kpis',
    summary: 'District-level units ranked by one metric over a period',
    description: 'Answer shape: `RankingResponse` in protocol/review.schema.ts.',
    query: RankingQuery,
    ok: { 'application/json': { type: 'object' } },
    okDescription: 'Rows with area, name, value and rank.',
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/events',
    tag: 'events',
    summary: 'Recorded events in a time range, streamed as NDJSON',
    description: 'One `LoggedEvent` JSON object per line, in sequence order; large ranges stream.',
    query: EventsQuery,
    ok: { 'application/x-ndjson': 'LoggedEvent' },
    okDescription: 'Newline-delimited JSON, one event per line.',
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/ingest',
    tag: 'ingest',
    summary: `Send a batch of up to ${MAX_INGEST_BATCH} events; the answer says, per event, what happened`,
    description:
      'Each event is accepted (with its `seq`), a duplicate (same `source` and `id` as a logged event: ' +
      're-sending is harmless) or rejected with a reason. See docs/connectors.md.',
    body: 'IngestBatch',
    bearer: true,
    ok: { 'application/json': 'IngestReport' },
    okDescription: 'Per-event results, in the order sent.',
    errors: [400, 401, 413, 415, 429],
  },
  {
    method: 'get',
    path: '/api/replay/timeline',
    tag: 'events',
    summary: 'Event density per stream and alerts over a range, for a replay scrubber',
    description: 'Answer shape: `ReplayTimeline` in protocol/replay.schema.ts.',
    query: ReplayTimelineQuery,
    ok: { 'application/json': { type: 'object' } },
    okDescription: 'Counts per bucket and stream, and the alerts raised in the range.',
    errors: [400],
  },
  {
    method: 'get',
    path: '/api/open/catalog.json',
    tag: 'open data',
    summary: 'DCAT catalogue of the open datasets (DCAT-US 1.1 shape, harvestable by CKAN)',
    ok: { 'application/json': 'OpenDataCatalog' },
    okDescription: 'The catalogue, with column dictionaries and download URLs.',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/open/datasets/{file}',
    tag: 'open data',
    summary: 'Download an open dataset as CSV or JSON, optionally for [from, to) days',
    description: 'Streamed. Columns and their meaning are in the catalogue.',
    pathParams: {
      file: {
        type: 'string',
        enum: OPEN_DATASET_IDS.flatMap((id) => OPEN_DATA_FORMATS.map((f) => `${id}.${f}`)),
      },
    },
    query: OpenDataQuery,
    ok: {
      'text/csv': { type: 'string', description: 'RFC 4180, UTF-8, header row = column names.' },
      'application/json': {
        type: 'array',
        items: { type: 'object', description: 'One object per row, keyed by column name.' },
      },
    },
    okDescription: 'The rows, ordered by date.',
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'documents',
    summary: 'This document',
    ok: { 'application/json': { type: 'object' } },
    okDescription: 'OpenAPI 3.1.',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/asyncapi.json',
    tag: 'documents',
    summary: 'The AsyncAPI 3 document of the Socket.IO namespaces and MQTT topics',
    ok: { 'application/json': { type: 'object' } },
    okDescription: 'AsyncAPI 3.0.',
    errors: [],
  },
];

const schemaOf = (s: string | JsonSchema) => (typeof s === 'string' ? ref(s) : s);

function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = inlineSchema(query, 'draft-2020-12');
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
}

function operation(op: Operation): JsonSchema {
  const parameters = [
    ...Object.entries(op.pathParams ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema,
    })),
    ...(op.query ? queryParameters(op.query) : []),
  ];
  const errorContent = { 'application/json': { schema: ref('ErrorBody') } };
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
    ...(parameters.length ? { parameters } : {}),
    ...(op.bearer ? { security: [{ ingestToken: [] }] } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }
      : {}),
    responses: {
      200: {
        description: op.okDescription,
        content: Object.fromEntries(
          Object.entries(op.ok).map(([type, s]) => [type, { schema: schemaOf(s) }]),
        ),
      },
      ...Object.fromEntries(
        op.errors.map((code) => [code, { description: ERROR_TEXT[code], content: errorContent }]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document of the HTTP API, generated from the protocol's schemas on every call. */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Long An IOC HTTP API',
      version,
      description:
        'HTTP API of the Intelligent Operations Center of Long An province: status, areas, KPIs and series, ' +
        'recorded events, ingest for sources, and open datasets. Times are ISO 8601; bare dates and all ' +
        'buckets are Vietnam time (UTC+7). Errors are JSON `{ error, details }`.',
    },
    servers: [{ url: '/' }],
    tags: ['status', 'areas', 'kpis', 'events', 'ingest', 'open data', 'documents'].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas('draft-2020-12'),
      securitySchemes: {
        ingestToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An ingest token from INGEST_TOKENS, or the one the server writes to $DATA_DIR/ingest-token.',
        },
      },
    },
  };
}
