// The one path every Webex call takes, the admin REST client's (http.ts) and the framework's SDK calls
// (bot/framework/call-policy.ts) alike: each attempt goes through the token's rate gate, is observed
// (route, status, time) and has its failure turned into the one WebexApiError; a 429 with Retry-After
// holds the gate for the capped wait so every queued call of that token waits together; and the retry
// policy (retry.ts) decides what is tried again, within the caller's deadline.
import { performance } from 'node:perf_hooks';
import type { WebexApiError } from './errors';
import type { RateGate } from './rate-gate';
import { resolveRetryOptions, withRetry, type RetryOptions } from './retry';

export interface CallObserver {
  onCall?(info: { route: string; status: number; durationMs: number }): void;
}

export interface GatedCallOptions<T> extends CallObserver {
  route: string;
  gate?: RateGate;
  /** Epoch ms: the gate starts no attempt and no retry wait ends after this. */
  deadline?: number;
  /** The retry policy (its deadline is the one above); maxRetryAfterSeconds also caps the gate's hold. */
  retry?: Partial<RetryOptions>;
  /** Any failure → the WebexApiError the rest of the bot understands. */
  toError(err: unknown): WebexApiError;
  /** The status a success is recorded with (200 when not given). */
  statusOf?(result: T): number;
}

export function gatedCall<T>(run: () => Promise<T>, opts: GatedCallOptions<T>): Promise<T> {
  const retry = resolveRetryOptions({ ...opts.retry, deadline: opts.deadline });
  return withRetry(() => gatedAttempt(run, opts, retry.maxRetryAfterSeconds), retry);
}

function gatedAttempt<T>(run: () => Promise<T>, opts: GatedCallOptions<T>, maxRetryAfterSeconds: number): Promise<T> {
  const once = async (): Promise<T> => {
    const started = performance.now();
    try {
      const result = await run();
      observe(opts, opts.statusOf?.(result) ?? 200, started);
      return result;
    } catch (err) {
      const error = opts.toError(err);
      observe(opts, error.status, started);
      if (error.status === 429 && error.retryAfterSeconds !== undefined) {
        opts.gate?.holdFor(Math.min(error.retryAfterSeconds, maxRetryAfterSeconds), error);
      }
      throw error;
    }
  };
  return opts.gate ? opts.gate.schedule(once, { deadline: opts.deadline }) : once();
}

function observe(opts: CallObserver & { route: string }, status: number, started: number): void {
  try {
    opts.onCall?.({ route: opts.route, status, durationMs: performance.now() - started });
  } catch {
    // Metrics and log hooks must never break a Webex call.
  }
}
