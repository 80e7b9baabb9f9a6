import type { Router } from 'express';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import { buildAsyncApi } from './asyncapi';
import { renderDocsPage } from './docs-page';
import { buildOpenApi } from './openapi';

/**
 * `/api/openapi.json`, `/api/asyncapi.json` and the `/docs` page. The documents are generated on each request
 * from the protocol's schemas, so what is served is always what the code validates.
 */
export function docsRoutes(version: string, guard: GuardFor): { api: Router; page: Router } {
  const api = guardedRouter(guard);
  api.get('/openapi.json', 'anyone', (_req, res) => void res.json(buildOpenApi(version)));
  api.get('/asyncapi.json', 'anyone', (_req, res) => void res.json(buildAsyncApi(version)));

  const page = guardedRouter(guard);
  page.get('/docs', 'anyone', (_req, res) => {
    res
      // Nothing but the page itself and its inline style may load.
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .type('html')
      .send(renderDocsPage(buildOpenApi(version), buildAsyncApi(version)));
  });
  return { api: api.router, page: page.router };
}
