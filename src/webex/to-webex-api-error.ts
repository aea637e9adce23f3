// Turns whatever a Webex call threw (axios error, Webex JS SDK error, socket error, anything) into
// the one WebexApiError the rest of the bot understands. Only fields known to be safe are copied:
// never request headers, never the full URL, never the HTTP client's own message.
import axios from 'axios';
import { WebexApiError, isWebexApiError } from './errors';
import { readWebexErrorBody } from './error-body';
import { headerValue } from './headers';
import { TIMEOUT_MESSAGE, UNEXPECTED_MESSAGE, httpStatusMessage, networkMessage } from './neutral-messages';
import { parseRetryAfter } from './retry-after';
import { toSafePath } from './safe-path';
import { scrubText } from './scrub-text';
import { classifyTransportFailure } from './transport-failure';

export interface ErrorContext {
  method?: string;
  /** Request path or URL; it is shortened with toSafePath before it is stored. */
  path?: string;
  /** Clock for Retry-After given as an HTTP date; defaults to Date.now(). */
  now?: number;
}

interface HttpFailure {
  status: number;
  body: unknown;
  headers: unknown;
  method?: string;
  path?: string;
}

function fromHttpFailure(failure: HttpFailure, nowMs: number): WebexApiError {
  const body = readWebexErrorBody(failure.body);
  return new WebexApiError({
    status: failure.status,
    kind: 'http',
    message: body.message ? scrubText(body.message) : httpStatusMessage(failure.status),
    errorCode: body.errorCode,
    trackingId: headerValue(failure.headers, 'trackingid') ?? body.trackingId,
    retryAfterSeconds: parseRetryAfter(headerValue(failure.headers, 'retry-after'), nowMs),
    method: failure.method,
    path: failure.path,
  });
}

function fromTransportFailure(err: unknown, method?: string, path?: string): WebexApiError {
  const failure = classifyTransportFailure(err) ?? { kind: 'network' as const, code: undefined };
  return new WebexApiError({
    status: 0,
    kind: failure.kind,
    message: failure.kind === 'timeout' ? TIMEOUT_MESSAGE : networkMessage(failure.code),
    method,
    path,
  });
}

function upper(method: unknown): string | undefined {
  return typeof method === 'string' && method !== '' ? method.toUpperCase() : undefined;
}

function safePath(pathOrUrl: unknown): string | undefined {
  return typeof pathOrUrl === 'string' && pathOrUrl !== '' ? toSafePath(pathOrUrl) : undefined;
}

/** The Webex JS SDK's WebexHttpError: statusCode, body, headers, options.{uri,method}. */
interface SdkHttpErrorLike {
  statusCode: number;
  body?: unknown;
  headers?: unknown;
  options?: { uri?: unknown; url?: unknown; method?: unknown };
}

function isSdkHttpErrorLike(err: unknown): err is SdkHttpErrorLike {
  if (!err || typeof err !== 'object') return false;
  const candidate = err as Record<string, unknown>;
  return typeof candidate.statusCode === 'number' && ('body' in candidate || 'options' in candidate || 'headers' in candidate);
}

export function toWebexApiError(err: unknown, ctx: ErrorContext = {}): WebexApiError {
  if (isWebexApiError(err)) return err;
  const nowMs = ctx.now ?? Date.now();

  if (axios.isAxiosError(err)) {
    const method = upper(ctx.method) ?? upper(err.config?.method);
    const path = safePath(ctx.path) ?? safePath(err.config?.url);
    if (err.response) {
      return fromHttpFailure({ status: err.response.status, body: err.response.data, headers: err.response.headers, method, path }, nowMs);
    }
    // axios stops reading at maxContentLength: Webex did answer, with more than the bot will read.
    if (/maxContentLength/i.test(err.message)) {
      return new WebexApiError({ status: 0, kind: 'unusableResponse', message: 'Webex sent an answer larger than the bot reads (10 MB); it was not used', method, path });
    }
    return fromTransportFailure(err, method, path);
  }

  if (isSdkHttpErrorLike(err)) {
    const method = upper(ctx.method) ?? upper(err.options?.method);
    const path = safePath(ctx.path) ?? safePath(err.options?.uri ?? err.options?.url);
    // The SDK reports a request that never got an answer as status 0.
    if (err.statusCode === 0) return fromTransportFailure(err, method, path);
    return fromHttpFailure({ status: err.statusCode, body: err.body, headers: err.headers, method, path }, nowMs);
  }

  const method = upper(ctx.method);
  const path = safePath(ctx.path);
  if (classifyTransportFailure(err)) return fromTransportFailure(err, method, path);
  return new WebexApiError({ status: 0, kind: 'http', message: UNEXPECTED_MESSAGE, method, path });
}
