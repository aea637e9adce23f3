// The middleware every /v1 call passes before its route: tracking id, request log, caller identity, latency,
// rate limit, injected faults, then authentication.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { callContext, setCallContext } from './call-context';
import type { FaultRegistry } from './faults';
import { newTrackingId } from './ids';
import type { PendingWork } from './pending-work';
import type { RollingRateLimiter } from './rate-limit';
import { normalizePath, resolveRoute, undefinedQueryParams, type RouteName } from './route-table';
import type { TokenRegistry } from './tokens';
import type { RequestRecord } from './types';
import { defaultMessageFor, EmulatorHttpError, sendWebexError } from './webex-error';

export interface PipelineDeps {
  tokens: TokenRegistry;
  faults: FaultRegistry;
  rateLimiter: RollingRateLimiter;
  pending: PendingWork;
  latencyMs: () => number;
  clock: () => Date;
  requests: RequestRecord[];
  log: (line: object) => void;
}

type Step = (req: Request, res: Response, next: NextFunction) => void | Promise<void>;

/** Sets the trackingid header on every answer, success or error. */
export function trackingHeader(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('trackingid', newTrackingId());
    next();
  };
}

function start(): Step {
  return (req, res, next) => {
    const [rawPath, query = ''] = req.url.split('?');
    const path = normalizePath(rawPath);
    setCallContext(res, {
      trackingId: String(res.getHeader('trackingid')),
      route: resolveRoute(req.method, path) ?? 'unknown',
      role: 'none',
      path,
      query,
      startedAt: performance.now(),
    });
    next();
  };
}

function record(deps: PipelineDeps): Step {
  return (req, res, next) => {
    const at = deps.clock().toISOString();
    res.once('close', () => {
      const ctx = callContext(res);
      const entry: RequestRecord = {
        at,
        method: req.method,
        path: ctx.path,
        query: ctx.query,
        route: ctx.route,
        status: res.writableFinished ? res.statusCode : 0,
        role: ctx.role,
        durationMs: Math.round(performance.now() - ctx.startedAt),
        trackingId: ctx.trackingId,
      };
      deps.requests.push(entry);
      deps.log({ msg: 'webex emulator call', ...entry });
    });
    next();
  };
}

function identify(deps: PipelineDeps): Step {
  return (req, res, next) => {
    const ctx = callContext(res);
    // The token endpoint authenticates with client credentials; it is the admin client's call.
    if (ctx.route === 'accessToken') {
      ctx.role = 'admin';
    } else {
      ctx.caller = deps.tokens.identify(req.get('authorization'));
      ctx.role = ctx.caller?.role ?? 'none';
    }
    next();
  };
}

function latency(deps: PipelineDeps): Step {
  return async (_req, _res, next) => {
    await deps.pending.delay(deps.latencyMs());
    next();
  };
}

function rateLimit(deps: PipelineDeps): Step {
  return (_req, res, next) => {
    const ctx = callContext(res);
    if (ctx.role !== 'bot' && ctx.role !== 'admin') return next();
    const decision = deps.rateLimiter.check();
    if (decision.allowed) return next();
    sendWebexError(res, ctx.trackingId, new EmulatorHttpError(429, defaultMessageFor(429), undefined, decision.retryAfterSeconds));
  };
}

function faults(deps: PipelineDeps): Step {
  return async (req, res, next) => {
    const ctx = callContext(res);
    const fault = deps.faults.take({ route: ctx.route, method: req.method, path: ctx.path, role: ctx.role });
    if (!fault) return next();
    await deps.pending.delay(fault.delayMs ?? 0);
    if (fault.action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault.action === 'hang') {
      deps.pending.hang(res);
      return;
    }
    if (fault.action === 'loopLink') {
      linkBackToFirstPage(req, res);
      return next();
    }
    if (fault.status !== undefined) {
      const error = new EmulatorHttpError(fault.status, defaultMessageFor(fault.status), fault.errorCode, fault.retryAfter);
      sendWebexError(res, ctx.trackingId, error);
      return;
    }
    next();
  };
}

/**
 * Not Webex behaviour: a fault that makes a listing's next link point back to where it began (this
 * call's URL without its cursor), on every page, as a broken proxy might. The route's own Link is replaced.
 */
function linkBackToFirstPage(req: Request, res: Response): void {
  const first = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
  first.searchParams.delete('cursor');
  const link = `<${first.toString()}>; rel="next"`;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => setHeader(name, name.toLowerCase() === 'link' ? link : value)) as Response['setHeader'];
  res.setHeader('Link', link);
}

/** A parameter the reference does not define for the operation is a client bug: 400, as Webex would. */
function definedQueryOnly(): Step {
  return (_req, res, next) => {
    const ctx = callContext(res);
    if (ctx.route === 'unknown') return next();
    const unknown = undefinedQueryParams(ctx.route as RouteName, ctx.query);
    if (unknown.length === 0) return next();
    sendWebexError(res, ctx.trackingId, new EmulatorHttpError(400, `Unknown query parameter(s) for this operation: ${unknown.join(', ')}.`));
  };
}

function authenticate(): Step {
  return (_req, res, next) => {
    const ctx = callContext(res);
    if (ctx.route === 'accessToken' || ctx.caller) return next();
    sendWebexError(res, ctx.trackingId, new EmulatorHttpError(401, defaultMessageFor(401)));
  };
}

export function callPipeline(deps: PipelineDeps): Step[] {
  return [start(), record(deps), identify(deps), latency(deps), rateLimit(deps), faults(deps), authenticate(), definedQueryOnly()];
}
