// Stage 1 of start-up: the Webex clients. Webex rate-limits each token on its own, so the bot's calls
// and the admin's calls each have a rate gate: a 429 on an admin read holds admin reads, not replies.
import type { Config, WebexConnection } from '../config';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import { currentEventContext } from '../bot/event-context';
import { WebexAdminClient } from '../webex/admin-client';
import type { WebexApiError } from '../webex/errors';
import { createWebexHttp, type WebexHttp } from '../webex/http';
import { createRateGate, type RateGate } from '../webex/rate-gate';
import { createAdminTokenProvider, type AdminTokenProvider } from '../webex/token-provider';

export interface WebexClients {
  admin: WebexAdminClient;
  adminToken: AdminTokenProvider;
  /** The bot token's own REST client, for what the framework does not do well (webhook registration). */
  botHttp: WebexHttp;
  adminGate: RateGate;
  botGate: RateGate;
  retry: { maxRetries: number; maxRetryAfterSeconds: number };
  webexLog: Logger;
  /** Records one Webex call (metrics, and a debug line with the command that made it). */
  callLogged(token: 'admin' | 'bot', info: { route: string; status: number; durationMs: number }): void;
}

export function buildWebexClients(config: Config, webex: WebexConnection, logger: Logger, metrics: Metrics): WebexClients {
  const limits = config.limits;
  const webexLog = logger.child({ component: 'webex' });
  const gateOptions = { maxConcurrent: limits.maxConcurrency, maxPerSecond: limits.maxRequestsPerSecond };
  const adminGate = createRateGate(gateOptions);
  const botGate = createRateGate(gateOptions);
  const retry = { maxRetries: limits.maxRetries, maxRetryAfterSeconds: limits.maxRetryAfterSeconds };
  const callLogged: WebexClients['callLogged'] = (token, info) => {
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
  const botHttp = createWebexHttp({ baseUrl: webex.apiUrl, token: () => webex.botToken, timeoutMs: limits.requestTimeoutMs, gate: botGate, retry, ...observe('bot') });
  return { admin: new WebexAdminClient(adminHttp), adminToken, botHttp, adminGate, botGate, retry, webexLog, callLogged };
}
