import { z } from 'zod';
import {
  AlertAcknowledged,
  KpiSnapshotResponse,
  ErrorBody,
  ClockTick,
  HealthResponse,
  IngestReport,
  SeriesResponse,
  AlertAssigned,
  AlertResolved,
  AlertRulesChanged,
  AreaFeatureCollection,
  AreaTree,
  CovidReport,
  DossierPaid,
  DossierResolved,
  DossierSubmitted,
  IngestAuth,
  IngestBatch,
  IocEvent,
  LiveAuth,
  LiveResync,
  LiveSubscribe,
  SensorReading,
  SiteSeriesResponse,
} from '../../protocol';
import { OpenDataCatalog } from '../../protocol/open-data.schema';
import {
  DashboardStateSchema,
  LiveBatchSchema,
  LiveSnapshotSchema,
  LoggedEventSchema,
  MetricsCatalogResponseSchema,
} from './wire-shapes';

export type JsonSchema = Record<string, unknown>;

/**
 * The named schemas both documents share, by component name. A schema used inside another (an event inside a
 * batch) becomes a `$ref` to its component, so each shape is written once in each document.
 */
export const NAMED_SCHEMAS = {
  IocEvent,
  DossierSubmitted,
  DossierResolved,
  DossierPaid,
  SensorReading,
  CovidReport,
  AlertAcknowledged,
  AlertAssigned,
  AlertResolved,
  AlertRulesChanged,
  LoggedEvent: LoggedEventSchema,
  IngestBatch,
  IngestReport,
  IngestAuth,
  ErrorBody,
  HealthResponse,
  AreaFeatureCollection,
  KpiSnapshot: KpiSnapshotResponse,
  MetricsCatalog: MetricsCatalogResponseSchema,
  SeriesResponse,
  SiteSeriesResponse,
  OpenDataCatalog,
  LiveAuth,
  LiveSubscribe,
  LiveResync,
  LiveSnapshot: LiveSnapshotSchema,
  LiveBatch: LiveBatchSchema,
  ClockTick,
  AreaTree,
  DashboardState: DashboardStateSchema,
} satisfies Record<string, z.ZodType>;
export type NamedSchema = keyof typeof NAMED_SCHEMAS;

/**
 * OpenAPI 3.1 speaks JSON Schema 2020-12; AsyncAPI 3's default schema format is a superset of draft-07 (tuples
 * are `items: [...]` there, `prefixItems` in 2020-12), so each document gets its own rendering.
 */
export type SchemaTarget = 'draft-2020-12' | 'draft-07';

/** Every named schema as JSON Schema, with references pointing at `#/components/schemas/<name>`. */
export function componentSchemas(
  target: SchemaTarget,
  extra: Record<string, z.ZodType> = {},
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries({ ...NAMED_SCHEMAS, ...extra })) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target,
    // What a client sends (defaults optional). The answers have no defaults or transforms: input = output.
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const out = Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, stripIds(s as JsonSchema)]));
  return { ...out, IngestBatch: typedBatch(out.IngestBatch!) };
}

/**
 * The protocol types batch items as `unknown` so that one bad event is rejected alone instead of failing the
 * batch; the documents say what each item should be.
 */
function typedBatch(batch: JsonSchema): JsonSchema {
  const props = batch.properties as Record<string, JsonSchema>;
  return {
    ...batch,
    properties: {
      ...props,
      events: {
        ...props.events,
        items: { $ref: '#/components/schemas/IocEvent' },
        description:
          'Each item is checked on its own: a bad one is rejected with its reason, the others kept.',
      },
    },
  };
}

/** A schema used inline (query parameters, one-off bodies): what a client sends, so defaults are optional. */
export function inlineSchema(schema: z.ZodType, target: SchemaTarget): JsonSchema {
  return stripIds(z.toJSONSchema(schema, { target, io: 'input' }) as JsonSchema);
}

// `$schema` and `$id` belong to standalone schema files, not to schemas embedded in a document.
function stripIds(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}
