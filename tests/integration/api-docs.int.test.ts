import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Parser } from '@asyncapi/parser';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMATIC_2021 } from '../../geo';
import { MAX_INGEST_BATCH, SensorKind } from '../../protocol';
import { createApp, type App } from '../../server/app';
import { API_DOCS_DIR } from '../../server/docs/snapshot';
import { openSqliteStore } from '../../server/store/sqlite-store';
import type { EventStore } from '../../server/store/event-store';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The documents as committed by `npm run docs:api`, with the served version put in, so only schemas differ. */
const snapshot = (file: string, version: string): Doc => {
  const doc = JSON.parse(readFileSync(path.join(API_DOCS_DIR, file), 'utf8')) as Doc;
  return { ...doc, info: { ...doc.info, version } };
};

describe('API documents', () => {
  let dir: string;
  let store: EventStore;
  let app: App;
  let url: string;

  beforeAll(async () => {
    // With a built SPA in place, so the check that /docs is not answered by the SPA's catch-all means something.
    dir = mkdtempSync(path.join(tmpdir(), 'ioc-docs-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>SPA</title>');
    store = openSqliteStore(path.join(dir, 'events.sqlite'));
    app = await createApp({
      store,
      clock: { now: () => Date.UTC(2021, 7, 1), speed: () => 0 },
      areaSet: SCHEMATIC_2021,
      ingestTokens: ['docs-test-token-0123'],
      batchWindowMs: 50,
      version: 'test',
      staticDir: dir,
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (p: string) => {
    const res = await fetch(url + p);
    expect(res.status, p).toBe(200);
    return (await res.json()) as Doc;
  };

  it('serves an OpenAPI 3.1 document the validator accepts', async () => {
    const doc = await get('/api/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('derives the documents from the protocol schemas', async () => {
    const open = await get('/api/openapi.json');
    expect(open.components.schemas.IngestBatch.properties.events.maxItems).toBe(MAX_INGEST_BATCH);
    expect(open.components.schemas.SensorReading.properties.kind.enum).toEqual(SensorKind.options);
    const series = open.paths['/api/series'].get.parameters.map((p: Doc) => p.name);
    expect(series).toEqual(['metric', 'area', 'from', 'to', 'bucket']);
    // Each document in its own dialect: a [lon, lat] tuple is prefixItems in 2020-12, an items array in draft-07.
    expect(open.components.schemas.SensorReading.properties.lonLat.prefixItems).toHaveLength(2);
    const async = await get('/api/asyncapi.json');
    expect(async.components.schemas.SensorReading.properties.lonLat.items).toHaveLength(2);
  });

  // Fails when a schema changes and `npm run docs:api` was not run: the committed documents must follow.
  it.each(['openapi.json', 'asyncapi.json'])('%s equals the committed snapshot in docs/api', async (file) => {
    expect(await get(`/api/${file}`)).toEqual(snapshot(file, 'test'));
  });

  it('renders /docs as a self-contained page, ahead of the SPA', async () => {
    const res = await fetch(`${url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).not.toContain('<title>SPA</title>');
    expect(html).not.toMatch(/<script|<link|src=/i);
    const doc = await get('/api/openapi.json');
    for (const p of Object.keys(doc.paths)) expect(html).toContain(`<code>${p}</code>`);
    for (const ev of ['live:subscribe', 'live:batch', 'ingest:batch', 'replay:seek', 'ioc/sensors/{siteId}'])
      expect(html).toContain(ev);
  });

  // Last: the parser takes seconds, long enough for a kept-alive connection to the server to time out.
  it('serves an AsyncAPI 3 document the parser accepts without errors or warnings', async () => {
    const doc = await get('/api/asyncapi.json');
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(doc));
    // Severity 0 = error, 1 = warning; 2 (information) only says a newer AsyncAPI minor exists.
    expect(diagnostics.filter((d) => d.severity < 2).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual(
      [],
    );
    expect(document).toBeDefined();
    expect(
      document!
        .channels()
        .all()
        .map((c) => c.address()),
    ).toEqual(expect.arrayContaining(['/live', '/ingest', '/replay', 'ioc/sensors/{siteId}']));
  });
});
