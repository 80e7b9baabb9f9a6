import type { Router } from 'express';
import { guardedRouter, type GuardFor } from '../http/guarded-router';
import type {
  AreaFeatureCollection,
  AreaRollup,
  DashboardState,
  LoggedEvent,
  WebhooksStatus,
} from '../../protocol';
import type { Clock } from '../clock';
import type { EventStore } from '../store/event-store';
import { createJsonCache } from './json-cache';
import { createLevelWatcher } from './level-watcher';
import { computeAreas, computeCovid, computeSummary } from './public-figures';
import { publicRoutes } from './public-routes';
import type { WebhookConfig } from './webhook-config';
import { createWebhookSender } from './webhook-sender';

export interface PublicOptions {
  /** Figures are recomputed at most once per this period, ms (default 5 s). */
  cacheTtlMs?: number;
  /** Dossier lookups per IP per window (default 30 a minute). */
  lookupLimit?: { windowMs: number; limit: number };
  /** Origin printed in the QR codes (`PUBLIC_BASE_URL`). */
  baseUrl?: string;
}

export interface PublicSurfaceDeps {
  store: EventStore;
  clock: Clock;
  state: () => DashboardState;
  /** The area tree, to reconcile the province's own COVID reports with its districts'. */
  rollup: AreaRollup;
  areasAt: (atMs: number) => AreaFeatureCollection;
  webhooks: WebhookConfig | null;
  options?: PublicOptions;
  guard: GuardFor;
}

export interface PublicSurface {
  /** Mounted at `/api`: `/public/*` for everyone, `/admin/webhooks` for operators and admins. */
  router: Router;
  /** Called after each accepted batch, once the engine has applied it. */
  onAccepted(events: readonly LoggedEvent[]): void;
  close(): void;
}

const NO_WEBHOOKS: WebhooksStatus = { urls: [], signing: false, deliveries: [], failed: 0 };

export function createPublicSurface(deps: PublicSurfaceDeps): PublicSurface {
  const ttlMs = deps.options?.cacheTtlMs ?? 5000;
  const figures = {
    store: deps.store,
    clock: deps.clock,
    state: deps.state,
    rollup: deps.rollup,
    areasAt: deps.areasAt,
  };
  const sender = deps.webhooks ? createWebhookSender(deps.webhooks) : null;
  const publicAreas = () => {
    const set = deps.areasAt(deps.clock.now());
    const top = set.features.find((f) => f.properties.parent === null)?.properties.code;
    return set.features
      .filter((f) => f.properties.parent === null || f.properties.parent === top)
      .map((f) => ({ code: f.properties.code, name: f.properties.name }));
  };
  const watch = sender
    ? createLevelWatcher({
        state: deps.state,
        areas: publicAreas,
        now: deps.clock.now,
        announce: (a) => sender.announce(a),
      })
    : null;

  const router = guardedRouter(deps.guard);
  // A router, not a route: its own routes carry their guards.
  router.router.use(
    '/public',
    publicRoutes({
      store: deps.store,
      summary: createJsonCache(() => computeSummary(figures), ttlMs),
      covid: createJsonCache(async () => computeCovid(figures), ttlMs),
      // Boundaries change once in years; the period only bounds how late a newly imported set shows.
      areas: createJsonCache(async () => computeAreas(figures), 10 * ttlMs),
      maxAgeS: Math.max(1, Math.round(ttlMs / 1000)),
      lookupLimit: deps.options?.lookupLimit ?? { windowMs: 60_000, limit: 30 },
      ...(deps.options?.baseUrl ? { baseUrl: deps.options.baseUrl } : {}),
      guard: deps.guard,
    }),
  );
  router.get('/admin/webhooks', 'operate', (_req, res) => {
    res.set('cache-control', 'no-store').json(sender?.status() ?? NO_WEBHOOKS);
  });

  return {
    router: router.router,
    onAccepted: (events) => watch?.(events),
    close: () => sender?.close(),
  };
}
