// The framework, its SDK behind the adapter (bot/framework/: call policy, caches, webhook
// registration), and what the access rules need from it. Created once the webhook URL is known.
import { LRUCache } from 'lru-cache';
import { createFramework, installFrameworkAdapter, SpaceHints, type Framework } from '../bot/framework';
import { webhookRegistrationFor } from '../bot/webhook-registration';
import type { Config, WebexConnection } from '../config';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import type { PeopleCache } from '../lookup/people-cache';
import type { WebexClients } from './webex-clients';

export interface FrameworkRuntime {
  framework: Framework;
  spaceHints: SpaceHints;
  webhookRegistration?: ReturnType<typeof webhookRegistrationFor>;
  /** The room of a message this instance posted (24 hours): a card submit on it needs no Webex call. */
  postedRoom(messageId: string): string | undefined;
}

export function buildFrameworkRuntime(
  config: Config,
  webex: WebexConnection,
  webhookUrl: string | undefined,
  deps: { clients: WebexClients; people: PeopleCache; metrics: Metrics; logger: Logger },
): FrameworkRuntime {
  const { clients, metrics, logger } = deps;
  const limits = config.limits;
  const framework = createFramework({ apiUrl: webex.apiUrl, botToken: webex.botToken, webhookUrl, webhookSecret: config.webhook?.secret });
  const spaceHints = new SpaceHints();
  const postedByBot = new LRUCache<string, string>({ max: 20_000, ttl: 24 * 60 * 60 * 1000 });
  // Each reply's room ID arrives as a new string; the few rooms share one copy instead of 20,000.
  const roomIds = new LRUCache<string, string>({ max: 1000 });
  const sharedRoomId = (roomId: string) => roomIds.get(roomId) ?? (roomIds.set(roomId, roomId), roomId);
  const webhookRegistration =
    config.webhook && webhookUrl
      ? webhookRegistrationFor(clients.botHttp, { targetUrl: webhookUrl, secret: config.webhook.secret, botEmail: () => framework.email, logger })
      : undefined;
  installFrameworkAdapter(framework, {
    gate: clients.botGate,
    spaceHints,
    webhookRegistration,
    retry: clients.retry,
    budgetMs: limits.commandTimeoutMs,
    requestTimeoutMs: limits.requestTimeoutMs,
    onCall: (info) => clients.callLogged('bot', info),
    onRetry: (info) => {
      metrics.webexRetry({ route: info.route, status: info.status });
      clients.webexLog.warn(info, 'webex.sdk_retry');
    },
    people: deps.people,
    onPosted: (message) => postedByBot.set(message.id, sharedRoomId(message.roomId)),
  });
  return { framework, spaceHints, webhookRegistration, postedRoom: (messageId) => postedByBot.get(messageId) };
}
