// The retry policy for Webex calls. Retries only what can succeed on a second try (rate limits,
// gateways, dropped connections), a bounded number of times, and never waits past the caller's
// deadline.
import { fullJitterDelayMs } from './backoff';
import { WebexApiError } from './errors';
import { toWebexApiError } from './to-webex-api-error';

export interface RetryInfo {
  /** The attempt that just failed (1 = the first call). */
  attempt: number;
  delayMs: number;
  error: WebexApiError;
}

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Longest Retry-After honoured; longer values are cut to this. */
  maxRetryAfterSeconds: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Epoch ms; no wait may end after it. */
  deadline?: number;
  sleep(ms: number): Promise<void>;
  /** Returns a number in [0, 1). */
  random(): number;
  now(): number;
  onRetry?(info: RetryInfo): void;
  /**
   * Narrows what may be retried. A POST that timed out may have been carried out, so callers of
   * non-idempotent calls say no to timeouts here. Cannot widen the policy.
   */
  mayRetry?(error: WebexApiError): boolean;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'notRetryable' | 'exhausted' | 'deadline' };

export const DEFAULT_RETRY_OPTIONS: Readonly<Omit<RetryOptions, 'deadline' | 'onRetry' | 'mayRetry'>> = Object.freeze({
  maxRetries: 3,
  maxRetryAfterSeconds: 60,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
});

export function resolveRetryOptions(opts: Partial<RetryOptions> = {}): RetryOptions {
  const defined = Object.fromEntries(Object.entries(opts).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_RETRY_OPTIONS, ...defined };
}

const RATE_LIMITED = new Set([423, 429]);
/** Bound on 429/423 retries when the caller has a deadline (the deadline usually ends them first). */
export const RATE_LIMITED_RETRIES_WITHIN_DEADLINE = 10;
const TRANSIENT = new Set([502, 503, 504]);

function isRetryable(error: WebexApiError): boolean {
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return RATE_LIMITED.has(error.status) || TRANSIENT.has(error.status) || error.status === 500;
}

function delayFor(error: WebexApiError, attempt: number, opts: RetryOptions): number {
  // Honour Retry-After wherever Webex sends it (429, 423, and sometimes 503), within the cap.
  if (error.retryAfterSeconds !== undefined) {
    return Math.min(error.retryAfterSeconds, opts.maxRetryAfterSeconds) * 1000;
  }
  return fullJitterDelayMs(attempt, opts);
}

/** Whether to retry after attempt number `attempt` (1-based) failed with `error`, and after how long. */
export function retryDecision(error: WebexApiError, attempt: number, opts: RetryOptions): RetryDecision {
  if (!isRetryable(error) || (opts.mayRetry !== undefined && !opts.mayRetry(error))) return { retry: false, reason: 'notRetryable' };
  // A 500 is as likely to be a bug as a blip: one more try, no more. A 429/423 says the call was not
  // carried out and when to come back: within a caller's deadline it is worth more tries than a 5xx.
  const limit =
    error.status === 500
      ? Math.min(1, opts.maxRetries)
      : RATE_LIMITED.has(error.status) && opts.deadline !== undefined
        ? Math.max(opts.maxRetries, RATE_LIMITED_RETRIES_WITHIN_DEADLINE)
        : opts.maxRetries;
  if (attempt > limit) return { retry: false, reason: 'exhausted' };
  const delayMs = delayFor(error, attempt, opts);
  if (opts.deadline !== undefined && opts.now() + delayMs > opts.deadline) return { retry: false, reason: 'deadline' };
  return { retry: true, delayMs };
}

/**
 * A Retry-After beyond the cap is not what the bot waits (it holds its calls for the cap, then tries
 * again), so the error that leaves here says the capped wait: "try again in 86400 seconds" misleads.
 */
function withObservedWait(error: WebexApiError, opts: RetryOptions): WebexApiError {
  const wait = error.retryAfterSeconds;
  return wait !== undefined && wait > opts.maxRetryAfterSeconds ? error.withRetryAfter(opts.maxRetryAfterSeconds) : error;
}

/** Runs `attempt(1)`, `attempt(2)`, … until one succeeds or the policy says stop. Throws WebexApiError only. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const opts = resolveRetryOptions(options);
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (err) {
      const error = toWebexApiError(err);
      const decision = retryDecision(error, n, opts);
      if (!decision.retry) throw withObservedWait(error, opts);
      opts.onRetry?.({ attempt: n, delayMs: decision.delayMs, error });
      await opts.sleep(decision.delayMs);
    }
  }
}
