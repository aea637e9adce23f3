// Makes sure the bot token has exactly one firehose webhook (all/all) and one attachmentActions/created
// webhook for our targetUrl, with the current name and secret, and active. Safe to run from many
// instances at once: every instance keeps the oldest of each kind and deletes only the newer exact
// duplicates, so concurrent starts converge. It never deletes a webhook that points elsewhere, and
// nothing here runs at stop (other instances still use the webhooks).
import type { Logger } from 'pino';
import { isWebexApiError } from './errors';
import type { WebexHttp } from './http';
import { parseLinkNext } from './link-header';
import { itemIds, PageGuard } from './page-guard';

/** A webhook as GET /webhooks lists it (List Webhooks, webex-messaging.json: `secret` is in the answer). */
export interface Webhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  /** Never logged or shown: the doctor only compares it with WEBHOOK_SECRET. */
  secret?: string;
  status?: string;
  created?: string;
  orgId?: string;
  createdBy?: string;
  appId?: string;
  ownedBy?: string;
}

export interface EnsureWebhooksOptions {
  targetUrl: string;
  secret: string;
  /** The name the bot framework expects on every event. */
  name: string;
  logger?: Logger;
}

export interface EnsuredWebhooks {
  firehose: Webhook;
  cards: Webhook;
}

interface WebhookKind {
  key: keyof EnsuredWebhooks;
  resource: string;
  event: string;
}

const KINDS: readonly WebhookKind[] = [
  { key: 'firehose', resource: 'all', event: 'all' },
  // Card submits are not in the firehose.
  { key: 'cards', resource: 'attachmentActions', event: 'created' },
];

const PAGE_SIZE = 100;
/** Each round either converges or reacts to another instance's change; a few are plenty. */
const MAX_ROUNDS = 5;

export class WebhookRegistrationError extends Error {
  override readonly name = 'WebhookRegistrationError';
}

function isWebhook(value: unknown): value is Webhook {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.targetUrl === 'string' && typeof v.resource === 'string' && typeof v.event === 'string';
}

/** More webhooks than any bot registers: a longer listing is Webex misbehaving, not a list to read. */
const MAX_LISTED_WEBHOOKS = 10_000;
/** 100 full pages hold them all; Webex may send shorter pages, so ten times that before giving up. */
const MAX_WEBHOOK_PAGES = 1_000;

/** Every webhook of the token (all pages). */
export async function listWebhooks(http: WebexHttp): Promise<Webhook[]> {
  const hooks: Webhook[] = [];
  const first = { path: '/webhooks', query: { max: PAGE_SIZE } };
  const guard = new PageGuard({ what: 'webhooks', maxItems: MAX_LISTED_WEBHOOKS, maxPages: MAX_WEBHOOK_PAGES, firstPage: first });
  let response = await http.request<unknown>({ method: 'GET', ...first, route: 'webhooks.list' });
  for (;;) {
    const items = (response.data as { items?: unknown } | null)?.items;
    if (Array.isArray(items)) {
      guard.read(itemIds(items));
      hooks.push(...items.filter(isWebhook));
    }
    const next = parseLinkNext(response.headers.link);
    if (!next) return hooks;
    response = await http.request<unknown>({ method: 'GET', path: guard.next(next), route: 'webhooks.list' });
  }
}

/** Oldest first; the id breaks ties so every instance picks the same keeper. */
function oldestFirst(a: Webhook, b: Webhook): number {
  const byCreated = Date.parse(a.created ?? '') - Date.parse(b.created ?? '');
  if (Number.isFinite(byCreated) && byCreated !== 0) return byCreated;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isNotFound(err: unknown): boolean {
  return isWebexApiError(err) && err.status === 404;
}

function webhookPath(id: string): string {
  return `/webhooks/${encodeURIComponent(id)}`;
}

export async function ensureWebhooks(http: WebexHttp, opts: EnsureWebhooksOptions): Promise<EnsuredWebhooks> {
  const { targetUrl, secret, name, logger } = opts;
  const ours = (hooks: Webhook[], kind: WebhookKind) =>
    hooks.filter((h) => h.targetUrl === targetUrl && h.resource === kind.resource && h.event === kind.event && !h.filter).sort(oldestFirst);

  async function remove(hook: Webhook): Promise<void> {
    try {
      await http.request({ method: 'DELETE', path: webhookPath(hook.id), route: 'webhooks.delete' });
      logger?.info({ webhookId: hook.id, resource: hook.resource, event: hook.event }, 'webhooks.duplicate_removed');
    } catch (err) {
      // Another instance removed the same duplicate first.
      if (!isNotFound(err)) throw err;
    }
  }

  // Webhooks this call created carry the current secret already: they need no repair. A PUT that
  // Webex (or a stand-in) does not support is replaced by delete-and-create, which is in every API.
  const createdHere = new Set<string>();
  for (let round = 1; round <= MAX_ROUNDS; round += 1) {
    const hooks = await listWebhooks(http);
    const keepers: Partial<Record<keyof EnsuredWebhooks, Webhook>> = {};
    let created = false;
    for (const kind of KINDS) {
      const [keeper, ...duplicates] = ours(hooks, kind);
      if (!keeper) {
        const response = await http.request<unknown>({
          method: 'POST',
          path: '/webhooks',
          body: { name, targetUrl, resource: kind.resource, event: kind.event, secret },
          route: 'webhooks.create',
        });
        if (isWebhook(response.data)) createdHere.add(response.data.id);
        logger?.info({ resource: kind.resource, event: kind.event }, 'webhooks.created');
        created = true;
        continue;
      }
      for (const duplicate of duplicates) await remove(duplicate);
      keepers[kind.key] = keeper;
    }
    // Another instance may have created one at the same moment: look again before settling.
    if (created) continue;

    const repaired: Partial<EnsuredWebhooks> = {};
    let recreated = false;
    try {
      for (const kind of KINDS) {
        const keeper = keepers[kind.key] as Webhook;
        if (createdHere.has(keeper.id)) {
          repaired[kind.key] = keeper;
          continue;
        }
        // The listed secret is not trusted to be current (a stand-in may not list it): write it once.
        try {
          const response = await http.request<unknown>({
            method: 'PUT',
            path: webhookPath(keeper.id),
            body: { name, targetUrl, secret, status: 'active' },
            route: 'webhooks.update',
          });
          repaired[kind.key] = isWebhook(response.data) ? response.data : { ...keeper, name, status: 'active' };
        } catch (err) {
          if (!isWebexApiError(err) || ![400, 405, 501].includes(err.status)) throw err;
          logger?.warn({ webhookId: keeper.id, status: err.status }, 'webhooks.update_unsupported_recreating');
          await remove(keeper);
          recreated = true;
        }
      }
    } catch (err) {
      // The keeper vanished under us (an instance with an older view removed it): start over.
      if (isNotFound(err)) continue;
      throw err;
    }
    if (recreated) continue;
    const result = repaired as EnsuredWebhooks;
    logger?.info({ firehoseId: result.firehose.id, cardsId: result.cards.id, rounds: round }, 'webhooks.ensured');
    return result;
  }
  throw new WebhookRegistrationError(`Webhooks for the bot did not settle after ${MAX_ROUNDS} rounds`);
}
