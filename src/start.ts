// The composition root: builds and starts the whole bot from a Config and a Webex connection, in
// stages — Webex clients and stores, the HTTP server, the framework, the use cases, the handlers and
// the HTTP app, then the asynchronous start-up — and hands back a lifecycle to stop it.
// index.ts calls it for `npm start`; integration tests call it against the emulator.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express, RequestHandler } from 'express';
import type { Config, WebexConnection } from './config';
import { createEventDispatcher } from './bot/dispatch';
import { answerUnhandledFailure, registerHandlers, type Access, type HandlerDeps } from './bot/handlers';
import { AuditLog, TargetOrgScope, type SpaceMembership } from './access';
import { OpsNotifier } from './bot/ops-notifier';
import { registerWebhooksUntilDone } from './bot/webhook-registration';
import { CommandRunner } from './bot/command-runner';
import { EditService } from './edit/service';
import { redactForLog } from './webex/redact';
import { createHttpApp, webhookPathOf } from './http/app';
import { createWebhookReceiver } from './http/webhook-receiver';
import { createLimitedServer, listen } from './http/server';
import { LookupService } from './lookup/service';
import { PeopleCache } from './lookup/people-cache';
import { OrgIndex } from './org-index/org-index';
import { ReportService } from './org-index/report';
import { ReverseIndex } from './org-index/reverse';
import { createMetrics, type Metrics } from './ops/metrics';
import { metricsHandler } from './ops/metrics-endpoint';
import { createStores, EVENT_JOURNAL_FILE_NAME, type Stores } from './store';
import { resolveAdminOrg } from './webex/admin-org';
import { isWebexApiError } from './webex/errors';
import { postMessageWithFile } from './webex/message-file';
import { currentEventContext } from './bot/event-context';
import type { Logger } from './ops/logger';
import type { WebexWebhookEvent } from './webex/types';
import { buildAccessGuard } from './runtime/access';
import { buildFrameworkRuntime, type FrameworkRuntime } from './runtime/framework-runtime';
import { Learned } from './runtime/learned';
import { Lifecycle } from './runtime/lifecycle';
import { buildSpaceMembership } from './runtime/membership';
import { buildWebexClients, type WebexClients } from './runtime/webex-clients';

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
  /** The clock of edits' confirmation and undo windows (tests); default Date.now. */
  editClock?: () => number;
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

export async function startBot(opts: StartOptions): Promise<RunningBot> {
  const { config, webex, logger } = opts;
  const metrics = createMetrics();
  const lifecycle = new Lifecycle(logger);

  // 1. Webex clients and the stores instances share.
  const clients = buildWebexClients(config, webex, logger, metrics);
  const stores = createStores({
    redisUrl: config.redisUrl,
    logger: logger.child({ component: 'store' }),
    eventJournalFile: config.stateDir ? path.join(config.stateDir, EVENT_JOURNAL_FILE_NAME) : undefined,
  });
  // One people cache: the framework's sender look-ups and the look-ups agents ask for fill and use it.
  const people = new PeopleCache({
    ttlMs: config.limits.peopleCacheTtlMs,
    shared: stores.kind === 'redis' ? stores.kv : undefined,
    onLookup: (hit) => metrics.cacheLookup('people', hit),
  });

  // 2. The HTTP server listens first: the webhook URL may depend on the port it got (PORT=0).
  const server = await listen(createLimitedServer(undefined, config.http), config.port, opts.host);
  const port = (server.address() as AddressInfo).port;
  const webhookUrl = config.webhook && opts.webhookUrlForPort ? opts.webhookUrlForPort(port) : config.webhook?.url;

  // 3. The framework, behind its adapter (bot/framework/).
  const bot = buildFrameworkRuntime(config, webex, webhookUrl, { clients, people, metrics, logger });
  const { framework } = bot;

  // 4. The use cases. What depends on the admin token's organization is learned at start-up (6).
  const targetOrgs = new Learned<TargetOrgScope>();
  const access = new Learned<Access>();
  const { runner, audit, orgIndex } = buildUseCases(config, clients, stores, people, logger, targetOrgs, framework, opts.editClock);
  const membership = buildSpaceMembership(framework, stores, logger, Boolean(config.webhook));

  // 5. Handlers, dispatch and the HTTP app; requests are served from here on.
  let frameworkStarted!: () => void;
  const frameworkReady = new Promise<void>((resolve) => (frameworkStarted = resolve));
  const handlerDeps: HandlerDeps = {
    framework,
    runner,
    logger,
    track: (work) => lifecycle.track(work),
    metrics,
    commandTimeoutMs: config.limits.commandTimeoutMs,
    onMembershipChange: (roomId) => membership.invalidate(roomId),
    access: () => access.get(),
    postFile: (to, markdown, file) => postMessageWithFile(clients.botHttp, to, markdown, file, currentEventContext()?.deadline),
  };
  registerHandlers(handlerDeps);
  const dispatch = createEventDispatcher({
    framework,
    ready: frameworkReady,
    webhookUrl: webhookUrl ?? 'http://localhost/',
    logger,
    commandTimeoutMs: config.limits.commandTimeoutMs,
    spaceHints: bot.spaceHints,
    onUnhandledFailure: (event, ctx, failures) => answerUnhandledFailure(handlerDeps, event, ctx, failures),
  });
  const webhookHandlers = webhookRoute(config, stores, metrics, logger, {
    // Every verified membership event reaches the member cache, before any duplicate check.
    onVerified: (event) => membership.onWebhookEvent(event),
    onEvent: (event) => {
      if (lifecycle.accepting) lifecycle.track(dispatch(event));
    },
  });
  const isReady = () => lifecycle.isReady(framework.active === true);
  server.on(
    'request',
    createHttpApp({
      webhookPath: config.webhook ? webhookPathOf(config.webhook.url) : '/webhooks/webex',
      webhookHandlers,
      isReady,
      metrics: metricsHandler(metrics),
      mount: opts.mount,
    }),
  );

  // 6. Start-up, in the background: `started` settles when the bot is ready (or cannot be).
  const started = startUp({ config, clients, stores, logger, lifecycle, bot, membership, audit, targetOrgs, access, frameworkStarted, orgIndex });

  return {
    port,
    server,
    isReady,
    started,
    stop: once(() => {
      orgIndex.stop();
      return stopBot(server, lifecycle, bot, clients, stores, audit, logger);
    }),
  };
}

/** The webhook route: verified, deduplicated events to the dispatcher (404 in websocket mode). */
function webhookRoute(
  config: Config,
  stores: Stores,
  metrics: Metrics,
  logger: Logger,
  handoff: { onVerified(event: WebexWebhookEvent): void; onEvent(event: WebexWebhookEvent): void },
): RequestHandler[] {
  if (!config.webhook) return [(_req, res) => void res.status(404).json({ message: 'Webhooks are not enabled' })];
  return createWebhookReceiver({
    secret: config.webhook.secret,
    memory: stores.eventMemory,
    logger: logger.child({ component: 'webhook' }),
    onResult: (result, event) => metrics.eventReceived(event?.resource ?? 'unknown', event?.event ?? 'unknown', result),
    onVerified: handoff.onVerified,
    onEvent: handoff.onEvent,
  });
}

interface StartUpInputs {
  config: Config;
  clients: WebexClients;
  stores: Stores;
  logger: Logger;
  lifecycle: Lifecycle;
  bot: FrameworkRuntime;
  membership: SpaceMembership;
  audit: AuditLog;
  targetOrgs: Learned<TargetOrgScope>;
  access: Learned<Access>;
  frameworkStarted: () => void;
  orgIndex: OrgIndex;
}

/** Start-up: the stores, the admin token and its organization, the access rules, the framework, the webhooks. */
async function startUp(i: StartUpInputs): Promise<void> {
  const { config, clients, stores, logger, bot } = i;
  if (!(await stores.ready(5_000))) logger.warn('startup.redis_not_ready: using this instance\'s memory until Redis answers');
  await clients.adminToken.start().catch((err) => {
    throw new StartupError(`Could not get an admin access token from the refresh token: ${isWebexApiError(err) ? err.message : 'unexpected error'}`);
  });
  const homeOrgId = await adminOrganization(clients, config, logger);
  const orgs = new TargetOrgScope({ homeOrgId, defaultOrgId: config.defaultOrgId, allowedTargetOrgIds: config.allowedTargetOrgIds });
  i.targetOrgs.set(orgs);
  const guard = buildAccessGuard({ config, homeOrgId, targetOrgs: orgs, stores, membership: i.membership, framework: bot.framework, postedRoom: bot.postedRoom, logger });
  i.access.set({ guard, audit: i.audit });
  await bot.framework.start();
  i.frameworkStarted();
  // The framework does not wait for its webhooks; readiness does. A failure to register them is not
  // fatal (events posted to the route are still handled): readiness stays off while it is retried.
  if (bot.webhookRegistration) await registerWebhooksUntilDone(bot.webhookRegistration, logger, () => i.lifecycle.accepting);
  i.lifecycle.markStarted();
  // The index is kept fresh from now on; ORG_INDEX_AT_START builds the admin org's now, in the background.
  i.orgIndex.start();
  if (config.orgIndex.atStart) void i.orgIndex.warm();
  logger.info({ bot: bot.framework.email, mode: config.webhook ? 'webhook' : 'websocket', adminOrgId: homeOrgId, store: stores.kind }, 'bot.started');
}

/** The look-up, the org index with "who transfers to" and the report, edits, the command runner over them, the audit log and the ops notices. */
function buildUseCases(
  config: Config,
  clients: WebexClients,
  stores: Stores,
  people: PeopleCache,
  logger: Logger,
  targetOrgs: Learned<TargetOrgScope>,
  framework: FrameworkRuntime['framework'],
  editClock?: () => number,
): { runner: CommandRunner; audit: AuditLog; orgIndex: OrgIndex } {
  const limits = config.limits;
  const indexLog = logger.child({ component: 'orgIndex' });
  const orgIndex = new OrgIndex(clients.admin, {
    store: stores.orgIndex,
    concurrency: config.orgIndex.concurrency,
    refreshMs: config.orgIndex.refreshMs,
    defaultOrgId: config.defaultOrgId,
    homeOrgId: () => targetOrgs.get()?.homeOrgId,
    onEvent: (event) => {
      if (event.kind === 'failed') indexLog.error({ orgKey: event.orgKey, err: redactForLog(event.error) }, 'index.build_failed');
      else if (event.kind === 'repaired') indexLog.info(event, 'index.repaired');
      else if (event.saved) indexLog.info(event, event.complete ? 'index.built' : 'index.built_incomplete: some calling users or workspaces could not be read; they are read again when the index is next used');
      else indexLog.warn(event, 'index.refresh_incomplete: kept the complete index built before; this one could not read everyone');
    },
    onPageSizeReduced: (change) => clients.webexLog.warn(change, 'webex.people_page_size_reduced: Webex answered 504 to pages of calling users; the build went on with smaller pages'),
  });
  const lookup = new LookupService(clients.admin, {
    orgScope: () => targetOrgs.get(),
    people,
    peopleCacheTtlMs: limits.peopleCacheTtlMs,
    permissionsCacheTtlMs: limits.permissionsCacheTtlMs,
    locationCacheTtlMs: limits.locationCacheTtlMs,
    defaultOrgId: config.defaultOrgId,
    // What a look-up reads keeps the org's index current.
    onSettingsRead: (read) => void orgIndex.learn(read.subject, read.outcome),
  });
  const reverse = new ReverseIndex({ index: orgIndex, store: stores.orgIndex, admin: clients.admin, locations: lookup.locations });
  const report = new ReportService(orgIndex);
  // The framework's SDK exists once the framework has started; a notice before that is dropped.
  const ops = new OpsNotifier({
    roomId: config.opsRoomId,
    logger,
    post: (roomId, markdown) => (framework.webex ? framework.webex.messages.create({ roomId, markdown }) : Promise.resolve()),
  });
  // Reads for an edit are look-ups (fresh), so what they read keeps the index current too.
  const edit = new EditService({
    ports: {
      read: (target, call) => lookup.lookup(target, call),
      setTransferNumbers: (id, patch, opts) => clients.admin.setTransferNumbers(id, patch, opts),
      setWorkspaceTransferNumbers: (id, patch, opts) => clients.admin.setWorkspaceTransferNumbers(id, patch, opts),
    },
    store: stores.edits,
    editors: config.allowedEditors,
    now: editClock,
  });
  const runner = new CommandRunner({
    lookup,
    reverse,
    report,
    edit,
    reverseTimeoutMs: limits.reverseScanTimeoutMs,
    logger,
    onAdminTokenRejected: (error) => void ops.adminTokenRejected(error),
  });
  return { runner, audit: new AuditLog({ logger: logger.child({ component: 'audit' }), filePath: config.auditLogFile }), orgIndex };
}

/** Stops taking events, lets the work in flight finish (10 s at most), then closes everything. */
async function stopBot(
  server: http.Server,
  lifecycle: Lifecycle,
  bot: FrameworkRuntime,
  clients: WebexClients,
  stores: Stores,
  audit: AuditLog,
  logger: Logger,
): Promise<void> {
  server.close();
  server.closeIdleConnections?.();
  await lifecycle.drain();
  // framework.stop() closes the websocket in websocket mode; in webhook mode the webhook deletions it
  // attempts are no-ops (bot/framework/webhook-override.ts), so the instances still running keep their webhooks.
  await Promise.resolve(bot.framework.active ? bot.framework.stop() : undefined).catch((err) =>
    logger.warn({ err: redactForLog(err) }, 'shutdown.framework_stop_failed'),
  );
  clients.adminToken.stop();
  await Promise.all([clients.adminGate.stop(), clients.botGate.stop(), stores.close(), audit.close()]);
  server.closeAllConnections?.();
}

/** stop() may be called by a signal handler and by the code that started the bot: do the work once. */
function once(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= work());
}

/** The admin token's organization (see webex/admin-org.ts), or a StartupError with the one line to show. */
async function adminOrganization(clients: WebexClients, config: Config, logger: Logger): Promise<string> {
  const org = await resolveAdminOrg(clients.admin, config.defaultOrgId);
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
