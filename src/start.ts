// Wiring: one function that builds and starts the whole bot from a Config and a Webex connection.
// index.ts calls it for `npm start`; integration tests call it against the emulator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, RequestHandler } from 'express';
import type Framework from 'webex-node-bot-framework';
import type { Config, WebexConnection } from './config';
import { createFramework } from './bot/framework';
import { guardFrameworkSdk } from './bot/sdk-guard';
import { createEventDispatcher } from './bot/dispatch';
import { answerUnhandledFailure, registerHandlers } from './bot/handlers';
import { OpsNotifier } from './bot/ops-notifier';
import { SpaceHints } from './bot/space-hints';
import { CommandRunner, safeError } from './bot/command-runner';
import { createHttpApp, webhookPathOf } from './http/app';
import { createWebhookReceiver } from './http/webhook-receiver';
import { InMemoryEventMemory } from './http/dedupe';
import { LookupService } from './lookup/service';
import { createRateGate } from './webex/rate-gate';
import { createWebexHttp } from './webex/http';
import { WebexAdminClient } from './webex/admin-client';
import { isWebexApiError } from './webex/errors';
import type { Logger } from './ops/logger';
import type { WebexPerson, WebexWebhookEvent } from './webex/types';

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
  lookup: LookupService;
  /** The admin token's own person, learned at start (its orgId is the bot's home organization). */
  adminIdentity(): WebexPerson | undefined;
  isReady(): boolean;
  /** Resolves when the framework has started and the admin token was checked. */
  started: Promise<void>;
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

export async function startBot(opts: StartOptions): Promise<RunningBot> {
  const { config, webex, logger } = opts;
  const limits = config.limits;
  if (webex.admin.kind !== 'token') throw new Error('Refresh-token admin authorization is not supported yet');
  const adminToken = webex.admin.token;

  // Webex rate-limits each token on its own, so the bot's calls and the admin's calls each have a gate:
  // a 429 on an admin read holds admin reads, not the bot's replies.
  const gateOptions = { maxConcurrent: limits.maxConcurrency, maxPerSecond: limits.maxRequestsPerSecond };
  const adminGate = createRateGate(gateOptions);
  const botGate = createRateGate(gateOptions);
  const retry = { maxRetries: limits.maxRetries, maxRetryAfterSeconds: limits.maxRetryAfterSeconds };
  const webexLog = logger.child({ component: 'webex' });

  const adminHttp = createWebexHttp({
    baseUrl: webex.apiUrl,
    token: () => adminToken,
    timeoutMs: limits.requestTimeoutMs,
    gate: adminGate,
    retry,
    onRetry: (info) => webexLog.warn({ attempt: info.attempt, delayMs: info.delayMs, err: info.error.toJSON() }, 'webex.retry'),
  });
  const admin = new WebexAdminClient(adminHttp);
  const lookup = new LookupService(admin, { peopleCacheTtlMs: limits.peopleCacheTtlMs, defaultOrgId: config.defaultOrgId });

  const inFlight = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const p = work.catch((err) => logger.error({ err: safeError(err) }, 'handler.unexpected_rejection'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  const late: { framework?: Framework; dispatch?: (event: WebexWebhookEvent) => Promise<void> } = {};
  const ops = new OpsNotifier({
    roomId: config.opsRoomId,
    logger,
    post: (roomId, markdown) => (late.framework ? late.framework.webex.messages.create({ roomId, markdown }) : Promise.resolve()),
  });
  const runner = new CommandRunner({ lookup, logger, onAdminTokenRejected: (error) => void ops.adminTokenRejected(error) });

  // The framework is created after the port is bound (its webhook URL may depend on it); events that
  // arrive before it has started wait on `frameworkReady` in the dispatcher.
  let resolveReady!: () => void;
  const frameworkReady = new Promise<void>((resolve) => (resolveReady = resolve));
  let adminPerson: WebexPerson | undefined;
  let accepting = true;
  const isReady = () => adminPerson !== undefined && late.framework?.active === true && accepting;

  const webhookHandlers: RequestHandler[] = config.webhook
    ? createWebhookReceiver({
        secret: config.webhook.secret,
        memory: new InMemoryEventMemory(6 * 60 * 60 * 1000),
        logger: logger.child({ component: 'webhook' }),
        onEvent: (event) => {
          if (accepting && late.dispatch) track(late.dispatch(event));
        },
      })
    : [(_req, res) => void res.status(404).json({ message: 'Webhooks are not enabled' })];

  const app = createHttpApp({
    webhookPath: config.webhook ? webhookPathOf(config.webhook.url) : '/webhooks/webex',
    webhookHandlers,
    isReady,
    mount: opts.mount,
  });
  const server = await listenHttp(app, config.port, opts.host);
  const port = (server.address() as AddressInfo).port;
  const webhookUrl = config.webhook && opts.webhookUrlForPort ? opts.webhookUrlForPort(port) : config.webhook?.url;

  const framework = createFramework({
    apiUrl: webex.apiUrl,
    botToken: webex.botToken,
    webhookUrl,
    webhookSecret: config.webhook?.secret,
  });
  const spaceHints = new SpaceHints();
  guardFrameworkSdk(framework, {
    gate: botGate,
    spaceHints,
    retry,
    budgetMs: limits.commandTimeoutMs,
    requestTimeoutMs: limits.requestTimeoutMs,
    peopleCacheTtlMs: limits.peopleCacheTtlMs,
    onRetry: (info) => webexLog.warn(info, 'webex.sdk_retry'),
  });
  const handlerDeps = { framework, runner, logger, track, commandTimeoutMs: limits.commandTimeoutMs };
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

  const started = (async () => {
    adminPerson = await verifyAdminToken(admin, logger);
    await framework.start();
    resolveReady();
    logger.info(
      { bot: framework.email, mode: config.webhook ? 'webhook' : 'websocket', adminOrgId: adminPerson.orgId },
      'bot.started',
    );
  })();

  return {
    port,
    server,
    lookup,
    adminIdentity: () => adminPerson,
    isReady,
    started,
    async stop() {
      accepting = false;
      server.close();
      server.closeIdleConnections?.();
      await Promise.race([Promise.allSettled([...inFlight]), delay(SHUTDOWN_GRACE_MS)]);
      // Not framework.stop(): in webhook mode it deletes the bot's webhooks, which other instances still use.
      framework.active = false;
      await Promise.all([adminGate.stop(), botGate.stop()]);
      server.closeAllConnections?.();
    },
  };
}

async function verifyAdminToken(admin: WebexAdminClient, logger: Logger): Promise<WebexPerson> {
  try {
    return await admin.getMe();
  } catch (err) {
    if (isWebexApiError(err) && (err.status === 401 || err.status === 403)) {
      throw new StartupError(
        `WEBEX_ADMIN_TOKEN was rejected by Webex (${err.status}${err.trackingId ? `, tracking ID ${err.trackingId}` : ''}): renew the token or check its scopes`,
      );
    }
    logger.error({ err: safeError(err) }, 'startup.admin_check_failed');
    throw new StartupError(`Could not verify WEBEX_ADMIN_TOKEN with Webex: ${isWebexApiError(err) ? err.message : 'unexpected error'}`);
  }
}

function listenHttp(app: Express, port: number, host: string | undefined): Promise<http.Server> {
  const server = http.createServer(app);
  // Longer than common load balancer idle timeouts, so they never reuse a socket we just closed.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
