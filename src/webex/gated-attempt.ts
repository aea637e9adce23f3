// One attempt of a Webex call, the same for the admin REST client (http.ts) and for the framework's
// SDK calls (bot/framework/call-policy.ts): through the token's rate gate, observed (route, status,
// time), its failure turned into the one WebexApiError, and a 429 with Retry-After holding the gate
// for the capped wait so every queued call of that token waits together. Retries wrap this (retry.ts).
import { performance } from 'node:perf_hooks';
import type { WebexApiError } from './errors';
import type { RateGate } from './rate-gate';

export interface AttemptObserver {
  onCall?(info: { route: string; status: number; durationMs: number }): void;
}

export interface GatedAttemptOptions<T> extends AttemptObserver {
  route: string;
  gate?: RateGate;
  /** Epoch ms: the gate does not start the attempt after this. */
  deadline?: number;
  /** The longest Retry-After the gate is held for. */
  maxRetryAfterSeconds: number;
  /** Any failure → the WebexApiError the rest of the bot understands. */
  toError(err: unknown): WebexApiError;
  /** The status a success is recorded with (200 when not given). */
  statusOf?(result: T): number;
}

export function gatedAttempt<T>(run: () => Promise<T>, opts: GatedAttemptOptions<T>): Promise<T> {
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
        opts.gate?.holdFor(Math.min(error.retryAfterSeconds, opts.maxRetryAfterSeconds), error);
      }
      throw error;
    }
  };
  return opts.gate ? opts.gate.schedule(once, { deadline: opts.deadline }) : once();
}

function observe(opts: AttemptObserver & { route: string }, status: number, started: number): void {
  try {
    opts.onCall?.({ route: opts.route, status, durationMs: performance.now() - started });
  } catch {
    // Metrics and log hooks must never break a Webex call.
  }
}
