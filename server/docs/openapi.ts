import type { z } from 'zod';
import { componentSchemas, inlineSchema, type JsonSchema } from './components';
import { HTTP_ROUTES, HTTP_SCHEMAS, SECURITY_SCHEMES, TAGS, type HttpRoute } from './http-routes';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemaOf = (s: string | JsonSchema) => (typeof s === 'string' ? ref(s) : s);

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed: `details` lists what is wrong.',
  401: 'No valid credentials (bearer token or session cookie).',
  403: 'Signed in, but the role may not do this.',
  404: 'Unknown area, metric, dataset, dossier or endpoint.',
  409: 'It exists already.',
  413: 'Body larger than the configured limit.',
  415: 'Body is not application/json.',
  429: 'Too many requests from this address or token: retry after the `Retry-After` seconds.',
  503: 'Not ready: `details` says why.',
};

/** Path or query parameters from a zod object: what a client sends, so defaulted ones are optional. */
function parameters(where: 'path' | 'query', schema: z.ZodObject | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = inlineSchema(schema, 'draft-2020-12');
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

/** 400 for anything the client sends, 401 behind a credential, then the route's own. */
function errorsOf(route: HttpRoute): number[] {
  const codes = new Set(route.errors ?? []);
  if (route.params || route.query || route.body) codes.add(400);
  if (route.security) codes.add(401);
  return [...codes].sort((a, b) => a - b);
}

function successOf(route: HttpRoute): [string, JsonSchema] {
  const { status = 200, content } =
    typeof route.answer === 'string' ? { content: { 'application/json': route.answer } } : route.answer;
  return [
    String(status),
    {
      description: route.answerText,
      ...(content
        ? {
            content: Object.fromEntries(
              Object.entries(content).map(([type, s]) => [type, { schema: schemaOf(s) }]),
            ),
          }
        : {}),
    },
  ];
}

function operation(route: HttpRoute): JsonSchema {
  const params = [...parameters('path', route.params), ...parameters('query', route.query)];
  const errorContent = { 'application/json': { schema: ref('ErrorBody') } };
  return {
    tags: [route.tag],
    summary: route.en,
    description: [`${route.vi}.`, route.description].filter(Boolean).join('\n\n'),
    operationId: `${route.method}${route.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
    ...(params.length ? { parameters: params } : {}),
    ...(route.security ? { security: [{ [route.security]: [] }] } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } }
      : {}),
    responses: Object.fromEntries([
      successOf(route),
      ...errorsOf(route).map((code) => [
        String(code),
        code === 304
          ? { description: 'Not modified: the `ETag` sent in `If-None-Match` is current.' }
          : { description: ERROR_TEXT[code], content: errorContent },
      ]),
    ]),
  };
}

/** The OpenAPI 3.1 document of the HTTP API, generated from the route table on every call. */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of HTTP_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Long An IOC HTTP API',
      version,
      description:
        'HTTP API of the Intelligent Operations Center of Long An province: status, areas, KPIs and series, ' +
        'recorded events, ingest for sources, replay, the public surface, open datasets, sign-in and ' +
        'administration. Times are ISO 8601; bare dates and all buckets are Vietnam time (UTC+7). Errors are ' +
        'JSON `{ error, details }`. Each operation has an English summary and, first in its description, the Vietnamese one.',
    },
    servers: [{ url: '/' }],
    tags: TAGS.map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas('draft-2020-12', HTTP_SCHEMAS),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
