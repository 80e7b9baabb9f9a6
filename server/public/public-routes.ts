import type { Request, Response, Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { DossierCode } from '../../protocol';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import { HttpError } from '../http/http-error';
import type { EventStore } from '../store/event-store';
import { dossierTimeline } from './dossier-lookup';
import { lookupUrl, qrPng, qrSvg } from './dossier-qr';
import { isFresh, type JsonCache } from './json-cache';

export interface PublicRoutesDeps {
  store: EventStore;
  summary: JsonCache;
  covid: JsonCache;
  areas: JsonCache;
  /** How long a browser or proxy may reuse a figures answer, s: the same as the cache's refresh period. */
  maxAgeS: number;
  /** Dossier lookups (and QR codes) allowed per IP in each window. */
  lookupLimit: { windowMs: number; limit: number };
  /** Origin the QR codes point to; by default the origin the request came to. */
  baseUrl?: string;
  guard: GuardFor;
}

/**
 * `/api/public/*`: read-only, no token, only public aggregates and one dossier's timeline by its code.
 * Figures are precomputed bytes with a strong ETag, so a reader's revalidation costs a 304 and no work.
 */
export function publicRoutes(deps: PublicRoutesDeps): Router {
  const r = guardedRouter(deps.guard);

  const serve = (cache: JsonCache) => async (req: Request, res: Response) => {
    const body = await cache.get();
    res.set({
      'cache-control': `public, max-age=${deps.maxAgeS}, stale-while-revalidate=60`,
      etag: body.etag,
      'access-control-allow-origin': '*',
    });
    if (isFresh(req.get('if-none-match'), body.etag)) return void res.status(304).end();
    res.type('application/json').send(body.bytes);
  };
  r.get('/summary', 'anyone', serve(deps.summary));
  r.get('/covid', 'anyone', serve(deps.covid));
  r.get('/areas', 'anyone', serve(deps.areas));

  // Per IP, so one script guessing codes cannot enumerate dossiers; the page explains the 429 it gets.
  const limiter = rateLimit({
    windowMs: deps.lookupLimit.windowMs,
    limit: deps.lookupLimit.limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfterS = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000));
      res.status(429).json({ error: 'rate_limited', details: { retryAfterS } });
    },
  });

  const dossierOf = async (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!DossierCode.safeParse(code).success)
      throw new HttpError(400, 'invalid_code', 'expected a code like 000.00.39.H38-210801-0042');
    const dossier = dossierTimeline(code, await deps.store.eventsOfDossier(code));
    if (!dossier) throw new HttpError(404, 'not_found', 'no dossier with this code');
    return dossier;
  };
  const urlFor = (req: Request, code: string) =>
    lookupUrl(deps.baseUrl ?? `${req.protocol}://${req.get('host')}`, code);

  r.get('/dossiers/:code', 'anyone', limiter, async (req, res) => {
    const dossier = await dossierOf(String(req.params.code));
    res.set('cache-control', 'public, max-age=30').json(dossier);
  });
  r.get('/dossiers/:code/qr.svg', 'anyone', limiter, async (req, res) => {
    const { code } = await dossierOf(String(req.params.code));
    res
      .set('cache-control', 'public, max-age=86400')
      .type('image/svg+xml')
      .send(await qrSvg(urlFor(req, code)));
  });
  r.get('/dossiers/:code/qr.png', 'anyone', limiter, async (req, res) => {
    const { code } = await dossierOf(String(req.params.code));
    res
      .set('cache-control', 'public, max-age=86400')
      .type('image/png')
      .send(await qrPng(urlFor(req, code)));
  });

  return r.router;
}
