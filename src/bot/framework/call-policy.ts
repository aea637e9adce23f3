// Every SDK method the framework (and our replies) use goes through the same policy as the admin
// client's calls (webex/gated-call.ts): the bot token's rate gate, a timeout per
// attempt (the SDK has none), retries within the command's deadline, and failures reported to the
// event's dispatcher.
import { TIMEOUT_MESSAGE } from '../../webex/neutral-messages';
import { WebexApiError } from '../../webex/errors';
import { gatedCall } from '../../webex/gated-call';
import type { RateGate } from '../../webex/rate-gate';
import type { RetryOptions } from '../../webex/retry';
import { toWebexApiError } from '../../webex/to-webex-api-error';
import { currentEventContext } from '../event-context';

export interface CallPolicyOptions {
  gate: RateGate;
  retry: Partial<RetryOptions>;
  /** Per-call time budget outside a command: no retry starts after now + budgetMs. */
  budgetMs: number;
  /** Each attempt is abandoned after this long. */
  requestTimeoutMs: number;
  onCall?: (info: { route: string; status: number; durationMs: number }) => void;
  onRetry?: (info: { route: string; attempt: number; delayMs: number; status: number }) => void;
}

export type AnyFn = (...args: unknown[]) => Promise<unknown>;
export type SdkInstance = Record<string, Record<string, unknown>> & { request?: AnyFn };
export type Guarded = <T>(route: string, call: () => Promise<T>) => Promise<T>;

/** SDK methods the framework (and our replies) use, by plugin, with the metric route label. */
export const GUARDED_METHODS: ReadonlyArray<[plugin: string, method: string, route: string]> = [
  ['messages', 'get', 'messages.get'],
  ['messages', 'create', 'messages.create'],
  ['messages', 'list', 'messages.list'],
  ['messages', 'remove', 'messages.delete'],
  ['people', 'list', 'people.list'],
  ['memberships', 'list', 'memberships.list'],
  ['memberships', 'get', 'memberships.get'],
  ['rooms', 'get', 'rooms.get'],
  ['attachmentActions', 'get', 'attachmentActions.get'],
  ['webhooks', 'list', 'webhooks.list'],
  ['webhooks', 'create', 'webhooks.create'],
  ['webhooks', 'remove', 'webhooks.delete'],
  ['webhooks', 'update', 'webhooks.update'],
];

// A create that timed out may have been carried out: retrying could post the same reply twice.
const NOT_IDEMPOTENT = new Set(['messages.create', 'webhooks.create']);

export function callPolicy(opts: CallPolicyOptions): Guarded {
  return (route, call) => {
    const event = currentEventContext();
    const ownBudget = Date.now() + opts.budgetMs;
    // Within a command, no retry may start after the command's own deadline.
    const deadline = event ? Math.min(event.deadline, ownBudget) : ownBudget;
    const mayRetry = NOT_IDEMPOTENT.has(route) ? (error: WebexApiError) => error.kind !== 'timeout' : undefined;
    return gatedCall(() => withTimeout(call(), opts.requestTimeoutMs), {
      route,
      gate: opts.gate,
      deadline,
      onCall: opts.onCall,
      toError: (err) => {
        const error = toWebexApiError(err, { method: route });
        event?.report.callFailed({ route, error });
        return error;
      },
      retry: {
        ...opts.retry,
        mayRetry,
        onRetry: (info) => opts.onRetry?.({ route, attempt: info.attempt, delayMs: info.delayMs, status: info.error.status }),
      },
    });
  };
}

/** Replaces each listed SDK method with the same call under the policy. */
export function guardMethods(sdk: SdkInstance, guarded: Guarded): void {
  for (const [plugin, method, route] of GUARDED_METHODS) {
    const target = sdk[plugin];
    const original = target?.[method];
    if (typeof original !== 'function') continue;
    const bound = (original as AnyFn).bind(target);
    target[method] = (...args: unknown[]) => guarded(route, () => bound(...args));
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new WebexApiError({ status: 0, kind: 'timeout', message: TIMEOUT_MESSAGE })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
