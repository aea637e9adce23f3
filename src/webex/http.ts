// The HTTP core every Webex REST call goes through: one axios instance on shared keep-alive
// agents, bearer token per attempt, per-attempt timeout, the shared rate gate, the retry policy,
// and one token renewal on 401. Everything it throws is a WebexApiError.
import type http from 'node:http';
import axios, { type AxiosInstance } from 'axios';
import { sharedAgents } from './agents';
import { WebexApiError, isWebexApiError } from './errors';
import { toHeaderRecord } from './headers';
import { toQueryString } from './query-string';
import { TIMEOUT_MESSAGE } from './neutral-messages';
import type { RateGate } from './rate-gate';
import { type RetryInfo, type RetryOptions, resolveRetryOptions } from './retry';
import { toSafePath } from './safe-path';
import { toWebexApiError } from './to-webex-api-error';
import { gatedCall } from './gated-call';

export { parseLinkNext } from './link-header';
export { sharedAgents } from './agents';

export type WebexHttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface WebexRequest {
  method: WebexHttpMethod;
  /** Relative to baseUrl ("/people/me"), or an absolute URL on the same origin (a Link "next"). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Metric and log label, e.g. 'people.list'. Never contains IDs. */
  route: string;
  /** Epoch ms after which no attempt starts and no retry wait ends. */
  deadline?: number;
  /** Narrows the retry policy for this call: false means "do not retry this failure". */
  mayRetry?: (error: WebexApiError) => boolean;
}

export interface WebexResponse<T> {
  data: T;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

export interface WebexCallInfo {
  method: WebexHttpMethod;
  route: string;
  /** 0 when no HTTP answer came (network failure, timeout). */
  status: number;
  durationMs: number;
}

export interface WebexRetryInfo extends RetryInfo {
  method: WebexHttpMethod;
  route: string;
}

export interface WebexHttpOptions {
  baseUrl: string;
  token: () => string | Promise<string>;
  /** Per attempt. Default 10000. */
  timeoutMs?: number;
  gate?: RateGate;
  retry?: Partial<RetryOptions>;
  onCall?(info: WebexCallInfo): void;
  onRetry?(info: WebexRetryInfo): void;
  /** Called once on 401; resolve true when the token was renewed and the call should be tried again. */
  onUnauthorized?(): Promise<boolean>;
  /** Replaces the shared keep-alive agents (tests, proxies). */
  agent?: http.Agent;
}

export interface WebexHttp {
  request<T>(req: WebexRequest): Promise<WebexResponse<T>>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

function createAxios(opts: WebexHttpOptions): AxiosInstance {
  return axios.create({
    baseURL: opts.baseUrl,
    httpAgent: opts.agent ?? sharedAgents.http,
    httpsAgent: opts.agent ?? sharedAgents.https,
    validateStatus: (status) => status >= 200 && status < 300,
    // A redirect could carry the bearer token somewhere else; Webex REST does not redirect.
    maxRedirects: 0,
    maxContentLength: MAX_RESPONSE_BYTES,
    headers: { Accept: 'application/json' },
    paramsSerializer: { serialize: (params: Record<string, string | number | boolean | undefined>) => toQueryString(params) },
  });
}

function safeCall(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // Metrics and log hooks must never break a Webex call.
  }
}

export function createWebexHttp(opts: WebexHttpOptions): WebexHttp {
  const client = createAxios(opts);
  const base = new URL(opts.baseUrl);
  const basePath = base.pathname;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryDefaults = resolveRetryOptions(opts.retry);

  /** The path kept in errors: templated, without host, query or the base path ("/v1"). */
  function pathForErrors(path: string): string {
    if (/^https?:\/\//i.test(path)) {
      // Only follow absolute URLs (pagination links) on Webex's own origin: they get the token.
      if (new URL(path).origin !== base.origin) {
        throw new WebexApiError({
          status: 0,
          kind: 'unusableResponse',
          message: 'Webex pointed to a next page outside the Webex API; it was not followed',
          path: toSafePath(path),
        });
      }
      return toSafePath(path, basePath);
    }
    return toSafePath(path);
  }

  async function bearer(method: string, path: string): Promise<string> {
    try {
      return await opts.token();
    } catch {
      throw new WebexApiError({ status: 0, kind: 'noToken', message: 'No Webex access token is available', method, path });
    }
  }

  async function attemptOnce<T>(req: WebexRequest, path: string): Promise<WebexResponse<T>> {
    const { method } = req;
    const remainingMs = req.deadline === undefined ? timeoutMs : Math.min(timeoutMs, req.deadline - retryDefaults.now());
    if (remainingMs <= 0) throw new WebexApiError({ status: 0, kind: 'timeout', message: TIMEOUT_MESSAGE, method, path });
    const token = await bearer(method, path);

    // axios' own timeout is per socket idle period; this timer bounds the whole attempt.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), remainingMs);
    try {
      const response = await client.request<T>({
        method,
        url: req.path,
        params: req.query,
        data: req.body,
        headers: { Authorization: `Bearer ${token}` },
        timeout: remainingMs,
        signal: controller.signal,
      });
      return { data: response.data, status: response.status, headers: toHeaderRecord(response.headers) };
    } finally {
      clearTimeout(timer);
    }
  }

  function runWithRetry<T>(req: WebexRequest, path: string): Promise<WebexResponse<T>> {
    return gatedCall(() => attemptOnce<T>(req, path), {
      route: req.route,
      gate: opts.gate,
      deadline: req.deadline,
      onCall: opts.onCall && ((info) => opts.onCall?.({ ...info, method: req.method })),
      statusOf: (response) => response.status,
      toError: (err) => toWebexApiError(err, { method: req.method, path, now: retryDefaults.now() }),
      retry: {
        ...retryDefaults,
        mayRetry: req.mayRetry,
        onRetry: (info) => {
          safeCall(() => retryDefaults.onRetry?.(info));
          safeCall(() => opts.onRetry?.({ ...info, method: req.method, route: req.route }));
        },
      },
    });
  }

  return {
    async request<T>(req: WebexRequest): Promise<WebexResponse<T>> {
      const path = pathForErrors(req.path);
      try {
        return await runWithRetry<T>(req, path);
      } catch (err) {
        if (!(isWebexApiError(err) && err.status === 401 && opts.onUnauthorized)) throw err;
        const renewed = await opts.onUnauthorized().catch(() => false);
        if (!renewed) throw err;
        return runWithRetry<T>(req, path);
      }
    },
  };
}
