// The express app: webhook route, health endpoints, and whatever the caller mounts (the sandbox page in sandbox mode).
import express, { type Express, type RequestHandler, type Request, type Response, type NextFunction } from 'express';
import { webhookErrorHandler } from './webhook-receiver';

export interface HttpAppOptions {
  webhookPath: string;
  webhookHandlers: RequestHandler[];
  /** Readiness: true once the admin token is verified and webhooks are registered. */
  isReady: () => boolean;
  /** GET /metrics (Prometheus text). */
  metrics?: RequestHandler;
  /** Extra routes mounted before the 404 handler (e.g. the sandbox chat page). */
  mount?: (app: Express) => void;
}

export function createHttpApp(opts: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = opts.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting' });
  });

  if (opts.metrics) app.get('/metrics', opts.metrics);

  app.post(opts.webhookPath, ...opts.webhookHandlers);
  app.all(opts.webhookPath, (_req, res) => {
    res.set('Allow', 'POST').status(405).json({ message: 'Use POST' });
  });
  app.use(opts.webhookPath, webhookErrorHandler);

  opts.mount?.(app);

  app.use((_req, res) => {
    res.status(404).json({ message: 'Not found' });
  });
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    res.status(typeof status === 'number' && status >= 400 && status < 500 ? status : 500).json({ message: 'Request failed' });
  });
  return app;
}

/** The path part of WEBHOOK_URL, which is where Webex will POST. */
export function webhookPathOf(webhookUrl: string): string {
  const path = new URL(webhookUrl).pathname;
  return path === '' ? '/' : path;
}
