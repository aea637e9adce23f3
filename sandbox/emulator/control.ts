// /_control: fault injection, latency, rate limit, withheld scopes, request and delivery logs, and what the sandbox chat page needs.
// Not part of the Webex API; whoever mounts the emulator keeps it on loopback.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { parseFaultSpec, type FaultRegistry } from './faults';
import type { RollingRateLimiter } from './rate-limit';
import { MAX_SYNTHETIC_PER_CALL } from './synthetic';
import type { DeliveryRecord, RequestRecord } from './types';

export interface ChatSession {
  user: { id: string; displayName: string; email: string };
  token: string;
  bot: { id: string; displayName: string; email: string };
  rooms: { id: string; title: string; type: 'direct' | 'group' }[];
  examples: string[];
}

export interface ControlDeps {
  faults: FaultRegistry;
  rateLimiter: RollingRateLimiter;
  setLatency(ms: number): void;
  latency(): number;
  requests(): RequestRecord[];
  clearRequests(): void;
  deliveries(): DeliveryRecord[];
  clearDeliveries(): void;
  session(): ChatSession;
  /** Admin tokens lose these scopes ([] gives them back); throws on a scope the emulator does not check. */
  withholdScopes(scopes: string[]): void;
  withheldScopes(): string[];
  /** Adds synthetic calling users; returns how many there are now. */
  addSyntheticPeople(count: number): number;
}

class ControlInputError extends Error {}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function controlRouter(deps: ControlDeps): Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/faults', (_req, res) => {
    res.json({ items: deps.faults.list() });
  });
  router.post('/faults', (req, res) => {
    const parsed = parseFaultSpec(req.body);
    if (!parsed.ok) throw new ControlInputError(parsed.error);
    res.status(201).json({ id: deps.faults.add(parsed.spec) });
  });
  router.delete('/faults', (_req, res) => {
    deps.faults.clear();
    res.status(204).end();
  });
  router.delete('/faults/:id', (req, res) => {
    res.status(deps.faults.remove(String(req.params.id)) ? 204 : 404).end();
  });

  router.post('/latency', (req, res) => {
    const ms = (req.body as { ms?: unknown } | undefined)?.ms;
    if (!isNonNegativeInteger(ms)) throw new ControlInputError('ms must be a non-negative integer');
    deps.setLatency(ms);
    res.json({ ms: deps.latency() });
  });

  router.post('/rate-limit', (req, res) => {
    const perSecond = (req.body as { perSecond?: unknown } | undefined)?.perSecond;
    if (perSecond !== null && !(isNonNegativeInteger(perSecond) && perSecond > 0)) {
      throw new ControlInputError('perSecond must be a positive integer or null');
    }
    deps.rateLimiter.setLimit(perSecond);
    res.json({ perSecond: deps.rateLimiter.limit });
  });

  router.get('/scopes', (_req, res) => {
    res.json({ withheld: deps.withheldScopes() });
  });
  router.post('/scopes', (req, res) => {
    const withhold = (req.body as { withhold?: unknown } | undefined)?.withhold;
    if (!Array.isArray(withhold) || !withhold.every((s) => typeof s === 'string')) throw new ControlInputError('withhold must be an array of scope names');
    try {
      deps.withholdScopes(withhold);
    } catch (err) {
      throw new ControlInputError((err as Error).message);
    }
    res.json({ withheld: deps.withheldScopes() });
  });

  router.get('/requests', (_req, res) => {
    res.json(deps.requests());
  });
  router.delete('/requests', (_req, res) => {
    deps.clearRequests();
    res.status(204).end();
  });

  router.get('/deliveries', (_req, res) => {
    res.json(deps.deliveries());
  });
  router.delete('/deliveries', (_req, res) => {
    deps.clearDeliveries();
    res.status(204).end();
  });

  router.post('/people', (req, res) => {
    const count = (req.body as { count?: unknown } | undefined)?.count;
    if (!(isNonNegativeInteger(count) && count > 0 && count <= MAX_SYNTHETIC_PER_CALL)) {
      throw new ControlInputError(`count must be an integer from 1 to ${MAX_SYNTHETIC_PER_CALL}`);
    }
    res.status(201).json({ synthetic: deps.addSyntheticPeople(count) });
  });

  router.get('/session', (_req, res) => {
    res.json(deps.session());
  });

  router.use((_req: Request, res: Response) => {
    res.status(404).json({ message: 'Unknown control route.' });
  });
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const badJson = (err as { type?: string }).type === 'entity.parse.failed';
    if (err instanceof ControlInputError || badJson) {
      res.status(400).json({ message: badJson ? 'Body must be JSON.' : (err as Error).message });
      return;
    }
    res.status(500).json({ message: 'Internal error in the emulator control API.' });
  });
  return router;
}
