// The framework calls Webex through the JS SDK, which has no 429 handling and batches people look-ups
// behind a 100 ms wait. This guard wraps the SDK methods the framework uses, on the SDK instance the
// framework creates in start(), so that every framework call gets the same retry policy and shared
// rate gate as the admin client, and sender look-ups come from a short-lived cache.
import type Framework from 'webex-node-bot-framework';
import { LRUCache } from 'lru-cache';
import { toWebexApiError } from '../webex/to-webex-api-error';
import { withRetry, type RetryOptions } from '../webex/retry';
import { currentEventContext } from './event-context';
import type { SpaceHints } from './space-hints';
import { WebexApiError } from '../webex/errors';
import { TIMEOUT_MESSAGE } from '../webex/neutral-messages';
import type { RateGate } from '../webex/rate-gate';

export interface SdkGuardOptions {
  gate: RateGate;
  /** What signed events already told us about spaces the framework has not discovered yet. */
  spaceHints?: SpaceHints;
  /**
   * Webhook registration that is safe with several instances (see webex/webhook-registrar.ts). When set,
   * the framework's own create-after-delete at start is replaced by it, and it never deletes webhooks.
   */
  webhookRegistration?: { webhookFor(resource: string): Promise<object> };
  /** Where several instances share looked-up senders (Redis); memory only without it. */
  sharedPeople?: { get(key: string): Promise<string | undefined>; set(key: string, value: string, ttlMs: number): Promise<void> };
  /** Every message the bot posted (card submits are checked against these). */
  onPosted?: (message: { id: string; roomId: string }) => void;
  /** Sender cache hits and misses, for the metrics. */
  onCacheLookup?: (hit: boolean) => void;
  retry: Partial<RetryOptions>;
  /** Per-call time budget: no retry starts after now + budgetMs. */
  budgetMs: number;
  /** Each attempt is abandoned after this long (the SDK itself has no timeout). */
  requestTimeoutMs: number;
  peopleCacheTtlMs: number;
  onCall?: (info: { route: string; status: number; durationMs: number }) => void;
  onRetry?: (info: { route: string; attempt: number; delayMs: number; status: number }) => void;
}

type AnyFn = (...args: unknown[]) => Promise<unknown>;
type SdkInstance = Record<string, Record<string, unknown>> & { request?: AnyFn };

/** SDK methods the framework (and our replies) use, by plugin, with the metric route label. */
const GUARDED: Array<[plugin: string, method: string, route: string]> = [
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


/**
 * Installs the guard on a framework before start(). Returns the cache so callers can inspect or seed it.
 */
export function guardFrameworkSdk(framework: Framework, opts: SdkGuardOptions): void {
  const botIdentity = () => ({ id: framework.person?.id, email: framework.email, displayName: framework.person?.displayName });
  const people = new LRUCache<string, Record<string, unknown>>({ max: 5000, ttl: Math.max(1, opts.peopleCacheTtlMs) });
  let sdk: unknown = framework.webex;
  Object.defineProperty(framework, 'webex', {
    configurable: true,
    enumerable: true,
    get: () => sdk,
    set: (value: unknown) => {
      sdk = isSdk(value) ? wrapSdk(value, opts, people, botIdentity) : value;
    },
  });
}

function isSdk(v: unknown): v is SdkInstance {
  return typeof v === 'object' && v !== null && typeof (v as SdkInstance).messages === 'object';
}

function wrapSdk(
  sdk: SdkInstance,
  opts: SdkGuardOptions,
  people: LRUCache<string, Record<string, unknown>>,
  botIdentity: () => { id?: string; email?: string; displayName?: string },
): SdkInstance {
  const guarded = <T>(route: string, call: () => Promise<T>): Promise<T> => guardedCall(route, call, opts);

  for (const [plugin, method, route] of GUARDED) {
    const target = sdk[plugin];
    const original = target?.[method];
    if (typeof original !== 'function') continue;
    const bound = (original as AnyFn).bind(target);
    target[method] = (...args: unknown[]) => guarded(route, () => bound(...args));
  }
  const create = sdk.messages?.create;
  if (opts.onPosted && typeof create === 'function') {
    sdk.messages.create = (...args: unknown[]) =>
      (create as AnyFn)(...args).then((posted) => {
        const m = posted as { id?: unknown; roomId?: unknown };
        if (typeof m?.id === 'string' && typeof m.roomId === 'string') opts.onPosted?.({ id: m.id, roomId: m.roomId });
        return posted;
      });
  }

  answerDiscoveryFromHints(sdk, opts.spaceHints, botIdentity);
  const registration = opts.webhookRegistration;
  if (registration && sdk.webhooks) {
    sdk.webhooks.create = (webhook: unknown) => registration.webhookFor(String((webhook as { resource?: unknown })?.resource));
    // Other instances share these webhooks: starting or stopping one must never remove them.
    sdk.webhooks.remove = () => Promise.resolve();
  }

  const peoplePlugin = sdk.people;
  const getPerson = peoplePlugin?.get;
  if (peoplePlugin && typeof getPerson === 'function' && typeof sdk.request === 'function') {
    const request = sdk.request.bind(sdk);
    const original = (getPerson as AnyFn).bind(peoplePlugin);
    const fetching = new Map<string, Promise<Record<string, unknown>>>();
    peoplePlugin.get = (person: unknown) => {
      const id = personIdOf(person);
      if (id === 'me') return guarded('people.me', () => original('me'));
      if (!id) return original(person);
      const hit = people.get(id);
      if (hit) {
        opts.onCacheLookup?.(true);
        return Promise.resolve(hit);
      }
      const running = fetching.get(id);
      if (running) return running;
      const shared = opts.sharedPeople;
      const sharedKey = `sender:${id}`;
      const fromShared = shared ? shared.get(sharedKey).then(parseJson, () => undefined) : Promise.resolve(undefined);
      // GET /people/{id} directly: the SDK's batcher would add its 100 ms wait to every command.
      const p = fromShared
        .then((known) => {
          opts.onCacheLookup?.(known !== undefined);
          if (known) return known;
          return guarded('people.get', () =>
            (request({ service: 'hydra', resource: `people/${encodeURIComponent(id)}` }) as Promise<{ body: Record<string, unknown> }>).then(
              (res) => res.body,
            ),
          ).then((body) => {
            void shared?.set(sharedKey, JSON.stringify(body), opts.peopleCacheTtlMs).catch(() => undefined);
            return body;
          });
        })
        .then((body) => {
          people.set(id, body);
          return body;
        })
        .finally(() => fetching.delete(id));
      fetching.set(id, p);
      return p;
    };
  }
  return sdk;
}

/** Space discovery calls answered from what the event already told us (see space-hints.ts). */
function answerDiscoveryFromHints(
  sdk: SdkInstance,
  hints: SpaceHints | undefined,
  botIdentity: () => { id?: string; email?: string; displayName?: string },
): void {
  if (!hints) return;
  const memberships = sdk.memberships;
  const rooms = sdk.rooms;
  const listMemberships = memberships?.list;
  const getMembership = memberships?.get;
  const getRoom = rooms?.get;
  if (typeof getMembership === 'function') {
    memberships.get = (id: unknown, ...rest: unknown[]) => {
      const known = hints.membership(id);
      return known ? Promise.resolve(known) : (getMembership as AnyFn).call(memberships, id, ...rest);
    };
  }
  if (typeof listMemberships === 'function') {
    memberships.list = (query: unknown, ...rest: unknown[]) => {
      const bot = botIdentity();
      if (bot.id && bot.email) {
        const known = hints.botMembership(query, { id: bot.id, email: bot.email, displayName: bot.displayName }) ??
          hints.directMembers(query, { id: bot.id, email: bot.email, displayName: bot.displayName });
        if (known) return Promise.resolve(known);
      }
      return (listMemberships as AnyFn).call(memberships, query, ...rest);
    };
  }
  if (typeof getRoom === 'function') {
    rooms.get = (roomId: unknown, ...rest: unknown[]) => {
      const known = hints.room(roomId);
      return known ? Promise.resolve(known) : (getRoom as AnyFn).call(rooms, roomId, ...rest);
    };
  }
}

function parseJson(json: string | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function personIdOf(person: unknown): string | undefined {
  if (typeof person === 'string') return person;
  if (typeof person === 'object' && person !== null) {
    const p = person as { personId?: unknown; id?: unknown };
    if (typeof p.personId === 'string') return p.personId;
    if (typeof p.id === 'string') return p.id;
  }
  return undefined;
}

// A create that timed out may have been carried out: retrying could post the same reply twice.
const NOT_IDEMPOTENT = new Set(['messages.create', 'webhooks.create']);

async function guardedCall<T>(route: string, call: () => Promise<T>, opts: SdkGuardOptions): Promise<T> {
  const event = currentEventContext();
  const ownBudget = Date.now() + opts.budgetMs;
  // Within a command, no retry may start after the command's own deadline.
  const deadline = event ? Math.min(event.deadline, ownBudget) : ownBudget;
  const mayRetry = NOT_IDEMPOTENT.has(route) ? (error: WebexApiError) => error.kind !== 'timeout' : undefined;
  return withRetry(
    async () => {
      const started = Date.now();
      try {
        const result = await opts.gate.schedule(() => withTimeout(call(), opts.requestTimeoutMs), { deadline });
        opts.onCall?.({ route, status: 200, durationMs: Date.now() - started });
        return result;
      } catch (err) {
        const error = toWebexApiError(err, { method: route });
        opts.onCall?.({ route, status: error.status, durationMs: Date.now() - started });
        event?.report.callFailed({ route, error });
        if (error.status === 429 && error.retryAfterSeconds !== undefined) {
          opts.gate.holdFor(Math.min(error.retryAfterSeconds, opts.retry.maxRetryAfterSeconds ?? 60), error);
        }
        throw error;
      }
    },
    {
      ...opts.retry,
      deadline,
      mayRetry,
      onRetry: (info) => opts.onRetry?.({ route, attempt: info.attempt, delayMs: info.delayMs, status: info.error.status }),
    },
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new WebexApiError({ status: 0, kind: 'timeout', message: TIMEOUT_MESSAGE })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
