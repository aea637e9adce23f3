// GET /metrics: the Prometheus text of one Metrics registry.
import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';

export function metricsHandler(metrics: Pick<Metrics, 'contentType' | 'metrics'>): RequestHandler {
  return async (_req, res) => {
    const text = await metrics.metrics();
    res.setHeader('Content-Type', metrics.contentType);
    // Scrapers must always see fresh numbers, never a proxy's copy.
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).send(text);
  };
}
