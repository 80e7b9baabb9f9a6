import { Router } from 'express';
import type { IocMetrics } from '../metrics/ioc-metrics';
import type { Readiness } from './readiness';

/**
 * Operations endpoints: `GET /metrics` in Prometheus text format, and `GET /api/ready`, 200 when this node may
 * take traffic (store and adapter answer, not draining) and 503 with the reason otherwise. `/api/health` says
 * whether the process lives; readiness says whether a load balancer should send it clients.
 */
export function metricsRoutes(deps: { metrics: IocMetrics; readiness: Readiness }): Router {
  const router = Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });
  router.get('/api/ready', async (_req, res) => {
    const reason = await deps.readiness.check();
    res.set('cache-control', 'no-store');
    if (reason) return void res.status(503).json({ error: 'not_ready', details: reason });
    res.json({ status: 'ready' });
  });
  return router;
}
