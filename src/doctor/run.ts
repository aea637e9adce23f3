// Runs every check of `npm run doctor` against one Webex (real, or the sandbox's emulator) with the
// same clients `npm start` builds, and collects the report.
import type { Config, WebexConnection } from '../config';
import type { Logger } from '../ops/logger';
import { WebexAdminClient } from '../webex/admin-client';
import { createWebexHttp } from '../webex/http';
import { createAdminTokenProvider } from '../webex/token-provider';
import {
  checkAdminToken,
  checkBotToken,
  checkOpsRoom,
  checkOptionalFeatures,
  checkPeopleRead,
  checkRedis,
  checkTransferNumbersRead,
  checkWebhooks,
  type DoctorContext,
} from './checks';
import { OPTIONAL_FEATURES, type OptionalFeature } from './scopes';
import { checkLocationDefaults, checkWorkspacesRead } from './what-applies';
import { shownUrl } from './shown-url';
import type { CheckResult, DoctorReport } from './types';

export interface DoctorOptions {
  config: Config;
  webex: WebexConnection;
  logger: Logger;
  mode: 'real' | 'sandbox';
  /** --person <email> */
  person?: string;
  /** Replaces OPTIONAL_FEATURES (tests). */
  features?: readonly OptionalFeature[];
}

/** One retry at most: the doctor reports what it finds rather than riding out a long outage. */
const DOCTOR_RETRY = { maxRetries: 1, maxRetryAfterSeconds: 5 };

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const { config, webex } = opts;
  const timeoutMs = config.limits.requestTimeoutMs;
  const adminToken = createAdminTokenProvider(webex.admin, { apiUrl: webex.apiUrl, logger: opts.logger, requestTimeoutMs: timeoutMs });
  const adminHttp = createWebexHttp({
    baseUrl: webex.apiUrl,
    token: () => adminToken.getToken(),
    onUnauthorized: () => adminToken.renewAfterUnauthorized(),
    timeoutMs,
    retry: DOCTOR_RETRY,
  });
  const ctx: DoctorContext = {
    config,
    webex,
    botHttp: createWebexHttp({ baseUrl: webex.apiUrl, token: () => webex.botToken, timeoutMs, retry: DOCTOR_RETRY }),
    admin: new WebexAdminClient(adminHttp),
    startAdminToken: () => adminToken.start(),
    person: opts.person,
    features: opts.features ?? OPTIONAL_FEATURES,
  };
  const checks: CheckResult[] = [{ id: 'config', title: 'Configuration', status: 'pass', found: describeConfig(config, opts.mode) }];
  try {
    const bot = await checkBotToken(ctx);
    checks.push(bot.result);
    const admin = await checkAdminToken(ctx);
    checks.push(admin.result);
    if (admin.orgId) {
      const people = await checkPeopleRead(ctx);
      checks.push(people.result);
      const numbers = await checkTransferNumbersRead(ctx, admin.orgId, people);
      checks.push(numbers.result);
      checks.push(...(await checkLocationDefaults(ctx, admin.orgId, numbers.person)));
      checks.push(await checkWorkspacesRead(ctx));
      checks.push(...(await checkOptionalFeatures(ctx, admin.orgId, numbers.person)));
    } else {
      const why = 'not checked: the admin token was not accepted';
      checks.push(
        { id: 'peopleRead', title: 'Reads people', status: 'skip', found: why },
        { id: 'transferNumbersRead', title: 'Reads transfer numbers', status: 'skip', found: why },
        { id: 'locationDefaults', title: 'Reads location defaults', status: 'skip', found: why },
        { id: 'workspacesRead', title: 'Reads workspaces', status: 'skip', found: why },
      );
    }
    checks.push(...(await checkWebhooks(ctx, bot.bot !== undefined)));
    checks.push(await checkRedis(config));
    checks.push(await checkOpsRoom(ctx, bot.bot));
  } finally {
    adminToken.stop();
  }
  return { ok: checks.every((c) => c.status !== 'fail'), mode: opts.mode, checks };
}

function describeConfig(config: Config, mode: 'real' | 'sandbox'): string {
  const how = config.webhook ? `webhook mode, WEBHOOK_URL ${shownUrl(config.webhook.url)}` : 'websocket mode (no WEBHOOK_URL)';
  const admin = config.webex?.admin.kind === 'refresh' ? 'admin refresh token' : 'fixed admin token';
  return mode === 'sandbox' ? 'no Webex credentials: checking the built-in sandbox emulator' : `valid (${how}; ${admin})`;
}
