import type { Request, Router } from 'express';
import { OPEN_DATA_FORMATS, OpenDataQuery } from '../../protocol/open-data.schema';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import { parseQuery } from '../http/parse-query';
import { buildCatalog, coverage } from './catalog';
import { DATASETS_BY_ID } from './datasets';
import { addDays } from './days';
import { csvEncoder, jsonEncoder } from './encode';
import type { OpenDataSource } from './source';
import { streamRows } from './stream-rows';

/** Longest range one download may ask for: the series API's bound, far beyond any real history. */
const MAX_DAYS = 40 * 366;

const baseUrl = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/** `/open/catalog.json` and `/open/datasets/<id>.<csv|json>?from=&to=` (days, Vietnam time, `to` exclusive). */
export function openDataRoutes(src: OpenDataSource, guard: GuardFor): Router {
  const r = guardedRouter(guard);

  r.get('/open/catalog.json', 'read', async (req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(await buildCatalog(src, baseUrl(req)));
  });

  r.get('/open/datasets/:file', 'read', async (req, res) => {
    const m = /^([a-z0-9-]+)\.([a-z]+)$/.exec(String(req.params.file ?? ''));
    const def = m ? DATASETS_BY_ID.get(m[1]!) : undefined;
    const format = m?.[2] as (typeof OPEN_DATA_FORMATS)[number] | undefined;
    if (!def || !format || !OPEN_DATA_FORMATS.includes(format))
      throw new HttpError(404, 'unknown_dataset', {
        known: [...DATASETS_BY_ID.keys()],
        formats: OPEN_DATA_FORMATS,
      });
    const q = parseQuery(OpenDataQuery, req.query);

    let { from, to } = q;
    if (from === undefined || to === undefined) {
      const span = await coverage(src, def);
      from ??= span?.from ?? to ?? '2000-01-01';
      to ??= span ? addDays(span.to, 1) : from;
    }
    if (to < from) throw new HttpError(400, 'invalid_query', 'to must not be before from');
    if (Date.parse(to) - Date.parse(from) > MAX_DAYS * 86_400_000)
      throw new HttpError(400, 'invalid_query', 'range too long');

    const columns = def.columns.map((c) => c.name);
    const encoder = format === 'csv' ? csvEncoder(columns) : jsonEncoder(columns);
    res
      .status(200)
      .type(encoder.mediaType)
      .set('Content-Disposition', `inline; filename="${def.id}_${from}_${to}.${format}"`)
      .set('Cache-Control', 'public, max-age=300');
    await streamRows(res, def.rows(src, from, to), encoder);
  });

  return r.router;
}
