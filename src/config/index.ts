// Environment → one typed, validated Config. Fails with one clear line per problem.
import path from 'node:path';
import { envSchema, type RawEnv } from './schema';

export const DEFAULT_WEBEX_API_URL = 'https://webexapis.com/v1';

export type AdminAuth =
  | { kind: 'token'; token: string }
  | { kind: 'refresh'; clientId: string; clientSecret: string; refreshToken: string; storeFile?: string };

export interface WebexConnection {
  apiUrl: string;
  botToken: string;
  admin: AdminAuth;
}

export interface HttpServerLimits {
  /** Connections beyond this are closed at once (keep it below the open-file limit, `ulimit -n`). */
  maxConnections: number;
  /** A connection that has not sent a request's headers within this is closed. */
  headersTimeoutMs: number;
  /** A request not received in full within this is answered 408 and closed. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this (longer than load balancers' idle timeouts). */
  keepAliveTimeoutMs: number;
}

export interface Config {
  /** 'sandbox' when no Webex credentials are set at all: the bot runs against the built-in emulator. */
  mode: 'real' | 'sandbox';
  /** Absent in sandbox mode until the sandbox supplies its own. */
  webex?: WebexConnection;
  webhook?: { url: string; secret: string };
  port: number;
  logLevel: RawEnv['LOG_LEVEL'];
  opsRoomId?: string;
  access: { allowedOrgIds: string[]; allowedDomains: string[]; allowedEmails: string[] };
  /**
   * ALLOWED_EDITORS (lower-cased emails): who may change transfer numbers from the chat. Empty: editing
   * is off. An editor must also pass every access rule above.
   */
  allowedEditors: string[];
  auditLogFile?: string;
  defaultOrgId?: string;
  /**
   * The directory of TOKEN_STORE_FILE: where state that must outlive a restart is kept when there is
   * no Redis (handled webhook events).
   */
  stateDir?: string;
  /** ALLOWED_TARGET_ORG_IDS: organizations `in org <orgId>` may name, besides the default one. */
  allowedTargetOrgIds: string[];
  /** Limits of the HTTP server, so idle or slow connections cannot use up the process's sockets. */
  http: HttpServerLimits;
  /** The org index (src/org-index): built at start or on first need, refreshed in the background. */
  orgIndex: { atStart: boolean; refreshMs: number; concurrency: number };
  limits: {
    lookupsPerMinute: number;
    peopleCacheTtlMs: number;
    /** How long a "who transfers to" or a report waits for the org's first index build. */
    reverseScanTimeoutMs: number;
    permissionsCacheTtlMs: number;
    /** A location's name and outgoing permissions are reused this long (its numbers never are). */
    locationCacheTtlMs: number;
    requestTimeoutMs: number;
    commandTimeoutMs: number;
    maxConcurrency: number;
    maxRequestsPerSecond: number;
    maxRetryAfterSeconds: number;
    maxRetries: number;
  };
  redisUrl?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const MIN_SECRET_LENGTH = 16;

/** Parses the environment; throws ConfigError listing every problem, one per line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const problems: string[] = [];

  const refreshParts = [e.WEBEX_ADMIN_CLIENT_ID, e.WEBEX_ADMIN_CLIENT_SECRET, e.WEBEX_ADMIN_REFRESH_TOKEN];
  const anyRefresh = refreshParts.some((v) => v !== undefined);
  const anyWebex = e.WEBEX_BOT_TOKEN !== undefined || e.WEBEX_ADMIN_TOKEN !== undefined || anyRefresh;

  let admin: AdminAuth | undefined;
  if (anyRefresh) {
    const names = ['WEBEX_ADMIN_CLIENT_ID', 'WEBEX_ADMIN_CLIENT_SECRET', 'WEBEX_ADMIN_REFRESH_TOKEN'];
    refreshParts.forEach((v, i) => {
      if (v === undefined) problems.push(`${names[i]}: required when any of ${names.join(', ')} is set`);
    });
    if (e.WEBEX_ADMIN_TOKEN !== undefined) {
      problems.push('WEBEX_ADMIN_TOKEN: set either a fixed admin token or the refresh-token trio, not both');
    }
    if (refreshParts.every((v) => v !== undefined)) {
      admin = {
        kind: 'refresh',
        clientId: e.WEBEX_ADMIN_CLIENT_ID as string,
        clientSecret: e.WEBEX_ADMIN_CLIENT_SECRET as string,
        refreshToken: e.WEBEX_ADMIN_REFRESH_TOKEN as string,
        storeFile: e.TOKEN_STORE_FILE,
      };
    }
  } else if (e.WEBEX_ADMIN_TOKEN !== undefined) {
    admin = { kind: 'token', token: e.WEBEX_ADMIN_TOKEN };
  }

  if (!anyWebex && e.WEBHOOK_URL !== undefined) {
    problems.push('WEBEX_BOT_TOKEN: required when WEBHOOK_URL is set (unset WEBHOOK_URL to try the built-in sandbox)');
  }
  if (anyWebex) {
    if (e.WEBEX_BOT_TOKEN === undefined) problems.push('WEBEX_BOT_TOKEN: required when an admin token is set (the bot needs its own token)');
    if (admin === undefined && !anyRefresh) {
      problems.push('WEBEX_ADMIN_TOKEN: required when WEBEX_BOT_TOKEN is set (or set WEBEX_ADMIN_CLIENT_ID, WEBEX_ADMIN_CLIENT_SECRET and WEBEX_ADMIN_REFRESH_TOKEN)');
    }
  }

  let webhook: Config['webhook'];
  if (e.WEBHOOK_URL !== undefined) {
    if (e.WEBHOOK_SECRET === undefined) {
      problems.push('WEBHOOK_SECRET: required when WEBHOOK_URL is set (webhooks are verified with it)');
    } else if (e.WEBHOOK_SECRET.length < MIN_SECRET_LENGTH) {
      problems.push(`WEBHOOK_SECRET: must be at least ${MIN_SECRET_LENGTH} characters long`);
    } else {
      webhook = { url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET };
    }
  }

  if (e.HTTP_REQUEST_TIMEOUT_MS < e.HTTP_HEADERS_TIMEOUT_MS) {
    problems.push('HTTP_REQUEST_TIMEOUT_MS: must not be shorter than HTTP_HEADERS_TIMEOUT_MS (a request includes its headers)');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    mode: anyWebex ? 'real' : 'sandbox',
    webex: anyWebex
      ? { apiUrl: stripTrailingSlash(e.WEBEX_API_URL ?? DEFAULT_WEBEX_API_URL), botToken: e.WEBEX_BOT_TOKEN as string, admin: admin as AdminAuth }
      : undefined,
    webhook,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    opsRoomId: e.WEBEX_OPS_ROOM_ID,
    access: {
      allowedOrgIds: e.ALLOWED_ORG_IDS,
      allowedDomains: e.ALLOWED_DOMAINS.map((d) => d.toLowerCase().replace(/^@/, '')),
      allowedEmails: e.ALLOWED_EMAILS.map((m) => m.toLowerCase()),
    },
    allowedEditors: e.ALLOWED_EDITORS.map((m) => m.toLowerCase()),
    auditLogFile: e.AUDIT_LOG_FILE,
    defaultOrgId: e.DEFAULT_ORG_ID,
    allowedTargetOrgIds: e.ALLOWED_TARGET_ORG_IDS,
    stateDir: e.TOKEN_STORE_FILE !== undefined ? path.dirname(path.resolve(e.TOKEN_STORE_FILE)) : undefined,
    http: {
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    orgIndex: { atStart: e.ORG_INDEX_AT_START, refreshMs: e.ORG_INDEX_REFRESH_MINUTES * 60_000, concurrency: e.ORG_INDEX_CONCURRENCY },
    limits: {
      lookupsPerMinute: e.RATE_LIMIT_PER_MINUTE,
      peopleCacheTtlMs: e.PEOPLE_CACHE_TTL_SECONDS * 1000,
      reverseScanTimeoutMs: e.REVERSE_SCAN_TIMEOUT_SECONDS * 1000,
      permissionsCacheTtlMs: e.PERMISSIONS_CACHE_TTL_SECONDS * 1000,
      locationCacheTtlMs: e.LOCATION_CACHE_TTL_SECONDS * 1000,
      requestTimeoutMs: e.WEBEX_REQUEST_TIMEOUT_MS,
      commandTimeoutMs: e.COMMAND_TIMEOUT_MS,
      maxConcurrency: e.WEBEX_MAX_CONCURRENCY,
      maxRequestsPerSecond: e.WEBEX_MAX_REQUESTS_PER_SECOND,
      maxRetryAfterSeconds: e.WEBEX_MAX_RETRY_AFTER_SECONDS,
      maxRetries: e.WEBEX_MAX_RETRIES,
    },
    redisUrl: e.REDIS_URL,
  };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
