// Wiring: one function that builds and starts the whole bot from a Config and a Webex connection.
// index.ts calls it for `npm start`; integration tests call it against the emulator.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type Framework from 'webex-node-bot-framework';
import type { Config, WebexConnection } from './config';
import { createFramework } from './bot/framework';
import { guardFrameworkSdk } from './bot/sdk-guard';
import { createEventDispatcher } from './bot/dispatch';
import { answerUnhandledFailure, registerHandlers, type Access, type HandlerDeps } from './bot/handlers';
import { AccessGuard, AccessPolicy, AuditLog, RefusalNotices, TargetOrgScope, DEFAULT_MEMBERSHIP_TTL_MS, listMembersFromPages, RequesterRateLimiter, SpaceMembership } from './access';
import { LRUCache } from 'lru-cache';
import { OpsNotifier } from './bot/ops-notifier';
import { SpaceHints } from './bot/space-hints';
import { registerWebhooksUntilDone, webhookRegistrationFor } from './bot/webhook-registration';
import { currentEventContext } from './bot/event-context';
import { CommandRunner } from './bot/command-runner';
import { redactForLog } from './webex/redact';
import { createHttpApp, webhookPathOf } from './http/app';
import { createWebhookReceiver } from './http/webhook-receiver';
import { createLimitedServer, listen } from './http/server';
import { LookupService } from './lookup/service';
import { ReverseIndex } from './lookup/reverse-index';
import { createRateGate } from './webex/rate-gate';
import { createWebexHttp } from './webex/http';
import { createAdminTokenProvider } from './webex/token-provider';
import { createMetrics } from './ops/metrics';
import { metricsHandler } from './ops/metrics-endpoint';
import { createStores, EVENT_JOURNAL_FILE_NAME } from './store';
import { WebexAdminClient } from './webex/admin-client';
import { resolveAdminOrg } from './webex/admin-org';
import { isWebexApiError, type WebexApiError } from './webex/errors';
import type { Logger } from './ops/logger';
import type { WebexWebhookEvent } from './webex/types';

export interface StartOptions {
  config: Config;
  webex: WebexConnection;
  logger: Logger;
  /** Interface to listen on; default all interfaces. */
  host?: string;
  /** Routes to add to the HTTP app (the sandbox page). */
  mount?: (app: Express) => void;
  /**
   * When the webhook URL depends on the port actually bound (PORT=0 in tests, the sandbox), computes it
   * after listening. Its path must be the path of config.webhook.url.
   */
  webhookUrlForPort?: (port: number) => string;
}

export interface RunningBot {
  /** The port the HTTP server listens on (useful with PORT=0). */
  port: number;
  server: http.Server;
  isReady(): boolean;
  /** Resolves when the framework has started and the admin token was checked. */
  started: Promise<void>;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function startBot(opts: StartOptions): Promise<RunningBot> {
  const { config, webex, logger } = opts;
  const limits = config.limits;
  const metrics = createMetrics();
  const webexLog = logger.child({ component: 'webex' });

  // Webex rate-limits each token on its own, so the bot's calls and the admin's calls each have a gate:
  // a 429 on an admin read holds admin reads, not the bot's replies.
  const gateOptions = { maxConcurrent: limits.maxConcurrency, maxPerSecond: limits.maxRequestsPerSecond };
  const adminGate = createRateGate(gateOptions);
  const botGate = createRateGate(gateOptions);
  const retry = { maxRetries: limits.maxRetries, maxRetryAfterSeconds: limits.maxRetryAfterSeconds };
  // Each Webex call is logged (debug) with the id of the command that made it.
  const callLogged = (token: 'admin' | 'bot', info: { route: string; status: number; durationMs: number }) => {
    metrics.webexCall({ ...info, token });
    if (webexLog.isLevelEnabled('debug')) {
      webexLog.debug({ commandId: currentEventContext()?.commandId, as: token, route: info.route, status: info.status, ms: Math.round(info.durationMs) }, 'webex.call');
    }
  };
  const observe = (token: 'admin' | 'bot') => ({
    onCall: (info: { route: string; status: number; durationMs: number }) => callLogged(token, info),
    onRetry: (info: { route: string; attempt: number; delayMs: number; error: WebexApiError }) => {
      metrics.webexRetry({ route: info.route, status: info.error.status });
      webexLog.warn({ as: token, route: info.route, attempt: info.attempt, delayMs: info.delayMs, err: info.error.toJSON() }, 'webex.retry');
    },
  });

  const adminToken = createAdminTokenProvider(webex.admin, {
    apiUrl: webex.apiUrl,
    logger: webexLog,
    requestTimeoutMs: limits.requestTimeoutMs,
    onRenewed: () => metrics.adminTokenRenewal('ok'),
    onRenewalFailed: () => metrics.adminTokenRenewal('failed'),
  });
  const adminHttp = createWebexHttp({
    baseUrl: webex.apiUrl,
    token: () => adminToken.getToken(),
    onUnauthorized: () => adminToken.renewAfterUnauthorized(),
    timeoutMs: limits.requestTimeoutMs,
    gate: adminGate,
    retry,
    ...observe('admin'),
  });
  // The bot token's own REST client, for what the framework does not do well (webhook registration).
  const botHttp = createWebexHttp({
    baseUrl: webex.apiUrl,
    token: () => webex.botToken,
    timeoutMs: limits.requestTimeoutMs,
    gate: botGate,
    retry,
    ...observe('bot'),
  });
  const admin = new WebexAdminClient(adminHttp);

  const stores = createStores({
    redisUrl: config.redisUrl,
    logger: logger.child({ component: 'store' }),
    eventJournalFile: config.stateDir ? path.join(config.stateDir, EVENT_JOURNAL_FILE_NAME) : undefined,
  });
  // Known once the admin token's own organization is (start-up, below).
  let targetOrgs: TargetOrgScope | undefined;
  const lookup = new LookupService(admin, {
    orgScope: () => targetOrgs,
    peopleCacheTtlMs: limits.peopleCacheTtlMs,
    permissionsCacheTtlMs: limits.permissionsCacheTtlMs,
    defaultOrgId: config.defaultOrgId,
    sharedPeople: stores.kind === 'redis' ? stores.kv : undefined,
    onCacheLookup: (hit) => metrics.cacheLookup('people', hit),
  });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const p = work.catch((err) => logger.error({ err: redactForLog(err) }, 'handler.unexpected_rejection'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  // The framework is created after the port is bound (its webhook URL may depend on it); events that
  // arrive before it has started wait on `frameworkReady` in the dispatcher.
  const late: { framework?: Framework; dispatch?: (event: WebexWebhookEvent) => Promise<void>; access?: Access } = {};
  const audit = new AuditLog({ logger: logger.child({ component: 'audit' }), filePath: config.auditLogFile });
  const ops = new OpsNotifier({
    roomId: config.opsRoomId,
    logger,
    post: (roomId, markdown) => (late.framework ? late.framework.webex.messages.create({ roomId, markdown }) : Promise.resolve()),
  });
  const reverse = new ReverseIndex(admin, {
    ttlMs: limits.reverseIndexTtlMs,
    defaultOrgId: config.defaultOrgId,
    onPageSizeReduced: (change) => webexLog.warn(change, 'webex.people_page_size_reduced: Webex answered 504 to a page of calling users; asking for smaller pages'),
  });
  const runner = new CommandRunner({ lookup, reverse, reverseTimeoutMs: limits.reverseScanTimeoutMs, logger, onAdminTokenRejected: (error) => void ops.adminTokenRejected(error) });

  let resolveReady!: () => void;
  const frameworkReady = new Promise<void>((resolve) => (resolveReady = resolve));
  let accepting = true;
  let started = false;
  // `started` is set once the admin token is verified, the framework runs and the webhooks exist.
  const isReady = () => started && accepting && late.framework?.active === true;

  // Who is in each space. Built before the webhook route: every verified membership event must reach it.
  const membershipTtlMs = DEFAULT_MEMBERSHIP_TTL_MS;
  const changeMarkers = stores.changeMarkers;
  const membership = new SpaceMembership({
    ttlMs: membershipTtlMs,
    listMembers: listMembersFromPages((query) => {
      if (!late.framework) return Promise.reject(new Error('The bot has not started yet'));
      return late.framework.webex.memberships.list(query);
    }),
    selfPersonId: () => late.framework?.person?.id,
    // A marker outlives any list cached before it changed (see SpaceMembership), so twice the TTL.
    changeMarkers: changeMarkers && {
      read: (roomId) => changeMarkers.read(`members:${roomId}`),
      touch: (roomId) => changeMarkers.touch(`members:${roomId}`, 2 * membershipTtlMs),
    },
    onShareError: (err, roomId) => logger.warn({ err: redactForLog(err), roomId }, 'access.membership_change_not_shared'),
  });

  const webhookHandlers: RequestHandler[] = config.webhook
    ? createWebhookReceiver({
        secret: config.webhook.secret,
        memory: stores.eventMemory,
        logger: logger.child({ component: 'webhook' }),
        onResult: (result, event) => metrics.eventReceived(event?.resource ?? 'unknown', event?.event ?? 'unknown', result),
        onVerified: (event) => membership.onWebhookEvent(event),
        onEvent: (event) => {
          if (accepting && late.dispatch) track(late.dispatch(event));
        },
      })
    : [(_req, res) => void res.status(404).json({ message: 'Webhooks are not enabled' })];

  const app = createHttpApp({
    webhookPath: config.webhook ? webhookPathOf(config.webhook.url) : '/webhooks/webex',
    webhookHandlers,
    isReady,
    metrics: metricsHandler(metrics),
    mount: opts.mount,
  });
  const server = await listen(createLimitedServer(app, config.http), config.port, opts.host);
  const port = (server.address() as AddressInfo).port;
  const webhookUrl = config.webhook && opts.webhookUrlForPort ? opts.webhookUrlForPort(port) : config.webhook?.url;

  const framework = createFramework({
    apiUrl: webex.apiUrl,
    botToken: webex.botToken,
    webhookUrl,
    webhookSecret: config.webhook?.secret,
  });
  const spaceHints = new SpaceHints();
  // Messages this instance posted: a card submit on one of them needs no Webex call to prove the card is ours.
  const postedByBot = new LRUCache<string, string>({ max: 20_000, ttl: 24 * 60 * 60 * 1000 });
  const webhookRegistration =
    config.webhook && webhookUrl
      ? webhookRegistrationFor(botHttp, { targetUrl: webhookUrl, secret: config.webhook.secret, botEmail: () => framework.email, logger })
      : undefined;
  guardFrameworkSdk(framework, {
    gate: botGate,
    spaceHints,
    webhookRegistration,
    retry,
    budgetMs: limits.commandTimeoutMs,
    requestTimeoutMs: limits.requestTimeoutMs,
    peopleCacheTtlMs: limits.peopleCacheTtlMs,
    onCall: (info) => callLogged('bot', info),
    onRetry: (info) => {
      metrics.webexRetry({ route: info.route, status: info.status });
      webexLog.warn(info, 'webex.sdk_retry');
    },
    onCacheLookup: (hit) => metrics.cacheLookup('sender', hit),
    sharedPeople: stores.kind === 'redis' ? stores.kv : undefined,
    onPosted: (message) => postedByBot.set(message.id, message.roomId),
  });
  const handlerDeps: HandlerDeps = {
    framework,
    runner,
    logger,
    track,
    metrics,
    commandTimeoutMs: limits.commandTimeoutMs,
    onMembershipChange: (roomId) => membership.invalidate(roomId),
    access: () => late.access,
  };
  registerHandlers(handlerDeps);
  late.framework = framework;
  late.dispatch = createEventDispatcher({
    framework,
    ready: frameworkReady,
    webhookUrl: webhookUrl ?? 'http://localhost/',
    logger,
    commandTimeoutMs: limits.commandTimeoutMs,
    spaceHints,
    onUnhandledFailure: (event, ctx) => answerUnhandledFailure(handlerDeps, event, ctx),
  });

  const startup = (async () => {
    if (!(await stores.ready(5_000))) logger.warn('startup.redis_not_ready: using this instance\'s memory until Redis answers');
    await adminToken.start().catch((err) => {
      throw new StartupError(`Could not get an admin access token from the refresh token: ${isWebexApiError(err) ? err.message : 'unexpected error'}`);
    });
    const homeOrgId = await adminOrganization(admin, config, logger);
    targetOrgs = new TargetOrgScope({ homeOrgId, defaultOrgId: config.defaultOrgId, allowedTargetOrgIds: config.allowedTargetOrgIds });
    late.access = {
      guard: new AccessGuard({
        policy: new AccessPolicy({ homeOrgId, ...config.access }),
        limiter: new RequesterRateLimiter({
          limit: limits.lookupsPerMinute,
          store: stores.rateLimit,
          onStoreError: (err) => logger.warn({ err: redactForLog(err) }, 'ratelimit.store_failed'),
        }),
        membership,
        refusalNotices: new RefusalNotices({
          store: stores.rateLimit,
          onStoreError: (err) => logger.warn({ err: redactForLog(err) }, 'refusal_notices.store_failed'),
        }),
        targetOrgs: targetOrgs,
        botPersonId: () => framework.person?.id,
        getCardMessage: async (messageId) => {
          const roomId = postedByBot.get(messageId);
          if (roomId) return { personId: framework.person.id, roomId };
          return getMessageOrUndefined(framework, messageId);
        },
        onMembershipError: (err, roomId) => logger.warn({ err: redactForLog(err), roomId }, 'access.membership_check_failed'),
      }),
      audit,
    };
    await framework.start();
    resolveReady();
    // The framework does not wait for its webhooks; readiness does. A failure to register them is not
    // fatal (events posted to the route are still handled): readiness stays off while it is retried.
    if (webhookRegistration) await registerWebhooksUntilDone(webhookRegistration, logger, () => accepting);
    started = true;
    logger.info(
      { bot: framework.email, mode: config.webhook ? 'webhook' : 'websocket', adminOrgId: homeOrgId, store: stores.kind },
      'bot.started',
    );
  })();

  return {
    port,
    server,
    isReady,
    started: startup,
    stop: once(async () => {
      accepting = false;
      server.close();
      server.closeIdleConnections?.();
      await Promise.race([Promise.allSettled([...inFlight]), delay(SHUTDOWN_GRACE_MS)]);
      // framework.stop() closes the websocket in websocket mode; in webhook mode the webhook deletions it
      // attempts are no-ops (see the SDK guard), so the instances still running keep their webhooks.
      await Promise.resolve(framework.active ? framework.stop() : undefined).catch((err) =>
        logger.warn({ err: redactForLog(err) }, 'shutdown.framework_stop_failed'),
      );
      adminToken.stop();
      await Promise.all([adminGate.stop(), botGate.stop(), stores.close(), audit.close()]);
      server.closeAllConnections?.();
    }),
  };
}

/** GET /messages/{id} with the bot's token; undefined when Webex has no such message. */
async function getMessageOrUndefined(framework: Framework, messageId: string): Promise<{ personId: string; roomId: string } | undefined> {
  try {
    const m = (await framework.webex.messages.get(messageId)) as { personId: string; roomId: string };
    return { personId: m.personId, roomId: m.roomId };
  } catch (err) {
    if (isWebexApiError(err) && (err.status === 404 || err.status === 400)) return undefined;
    throw err;
  }
}

/** stop() may be called by a signal handler and by the code that started the bot: do the work once. */
function once(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= work());
}

/** The admin token's organization (see webex/admin-org.ts), or a StartupError with the one line to show. */
async function adminOrganization(admin: WebexAdminClient, config: Config, logger: Logger): Promise<string> {
  const org = await resolveAdminOrg(admin, config.defaultOrgId);
  if (!org.ok) {
    if (org.unexpected !== undefined) logger.error({ err: redactForLog(org.unexpected) }, 'startup.admin_check_failed');
    throw new StartupError(org.message);
  }
  if (org.refusedStatus !== undefined) {
    logger.info({ status: org.refusedStatus, orgId: org.orgId }, 'startup.admin_org_from_default: the admin token may not read GET /people/me; serving DEFAULT_ORG_ID');
  }
  return org.orgId;
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
