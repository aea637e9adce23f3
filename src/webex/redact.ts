// A small, safe object for logging any error. Axios errors carry the whole request config
// (Authorization header included), so they are never logged as they are.
import axios from 'axios';
import { isWebexApiError } from './errors';
import { scrubText } from './scrub-text';
import { toWebexApiError } from './to-webex-api-error';
import { classifyTransportFailure } from './transport-failure';

export interface SafeErrorLog {
  name: string;
  message: string;
  status?: number;
  kind?: string;
  errorCode?: number;
  trackingId?: string;
  retryAfterSeconds?: number;
  method?: string;
  path?: string;
  /** Low-level code such as ECONNRESET, when there is one. */
  code?: string;
  /** Stack frames only (no message line), for errors that are bugs rather than Webex answers. */
  stack?: string;
}

const STACK_FRAMES = 6;

function withoutUndefined(log: SafeErrorLog): SafeErrorLog {
  return Object.fromEntries(Object.entries(log).filter(([, value]) => value !== undefined)) as SafeErrorLog;
}

function stringCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function stackFrames(err: Error): string | undefined {
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, STACK_FRAMES)
    .map((line) => line.trim());
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function isSdkHttpErrorLike(err: unknown): boolean {
  return !!err && typeof err === 'object' && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}

export function redactForLog(err: unknown): SafeErrorLog {
  if (isWebexApiError(err) || axios.isAxiosError(err) || isSdkHttpErrorLike(err) || classifyTransportFailure(err)) {
    const apiError = toWebexApiError(err);
    return withoutUndefined({
      name: apiError.name,
      message: apiError.message,
      status: apiError.status,
      kind: apiError.kind,
      errorCode: apiError.errorCode,
      trackingId: apiError.trackingId,
      retryAfterSeconds: apiError.retryAfterSeconds,
      method: apiError.method,
      path: apiError.path,
      code: stringCode(err),
    });
  }
  if (err instanceof Error) {
    return withoutUndefined({
      name: scrubText(err.name),
      message: scrubText(err.message),
      code: stringCode(err),
      stack: stackFrames(err),
    });
  }
  if (typeof err === 'string') return { name: 'NonErrorThrown', message: scrubText(err) };
  return { name: 'NonErrorThrown', message: `a value of type ${err === null ? 'null' : typeof err} was thrown` };
}
