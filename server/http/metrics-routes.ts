import type { Router } from 'express';
import { guardedRouter, type GuardFor } from './guarded-router';
import type { IocMetrics } from '../metrics/ioc-metrics';
import type { Readiness } from './readiness';

/**
 * Operations endpoints: `GET /metrics` in Prometheus text format, and `GET /api/ready`, 200 when this node may
 * take traffic (store and adapter answer, not draining) and 503 with the reason otherwise. `/api/health` says
 * whether the process lives; readiness says whether a load balancer should send it clients.
 */
export function metricsRoutes(deps: { metrics: IocMetrics; readiness: Readiness; guard: GuardFor }): Router {
  const r = guardedRouter(deps.guard);
  r.get('/metrics', 'read', async (_req, res, next) => {
    try {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  // A load balancer probes it without credentials.
  r.get('/api/ready', 'anyone', async (_req, res) => {
    const reason = await deps.readiness.check();
    res.set('cache-control', 'no-store');
    if (reason) return void res.status(503).json({ error: 'not_ready', details: reason });
    res.json({ status: 'ready' });
  });
  return r.router;
}
