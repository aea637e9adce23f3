// The admin access token. A fixed WEBEX_ADMIN_TOKEN is used as is. An integration or Service App refresh
// token is exchanged at POST /access_token at start, renewed before the access token expires and once
// after a 401; a refresh token that Webex rotates is kept in memory and, when configured, in a 0600 file.
import type http from 'node:http';
import axios from 'axios';
import type { AdminAuth } from '../config';
import type { Logger } from 'pino';
import { fingerprint, readRefreshTokenFile, writeRefreshTokenFile } from '../store/refresh-token-file';
import { sharedAgents } from './agents';
import { WebexApiError } from './errors';
import { toWebexApiError } from './to-webex-api-error';

export interface AdminTokenProvider {
  /** A usable access token; renews first when there is none or it has expired. */
  getToken(): Promise<string>;
  /** After Webex answered 401: renews (once for concurrent callers); true when the call is worth retrying. */
  renewAfterUnauthorized(): Promise<boolean>;
  /** Gets the first access token; rejects with WebexApiError when Webex refuses the refresh token. */
  start(): Promise<void>;
  /** Cancels the renewal timer. Tokens already held keep working for calls still in flight. */
  stop(): void;
}

export type CancelTimer = () => void;
export type SetTimer = (callback: () => void, delayMs: number) => CancelTimer;

export interface TokenRenewal {
  expiresInSeconds: number;
  /** Webex sent a refresh token different from the one used. */
  rotated: boolean;
}

export interface AdminTokenProviderOptions {
  /** e.g. https://webexapis.com/v1 */
  apiUrl: string;
  logger: Logger;
  /** Epoch ms. */
  now?: () => number;
  setTimer?: SetTimer;
  /** Bound on one POST /access_token. Default 10000. */
  requestTimeoutMs?: number;
  /** Replaces the shared keep-alive agents (tests). */
  agent?: http.Agent;
  onRenewed?(renewal: TokenRenewal): void;
  onRenewalFailed?(error: WebexApiError): void;
}

type RefreshAuth = Extract<AdminAuth, { kind: 'refresh' }>;

/** Renew when this share of the access token's lifetime has passed… */
export const RENEW_AT_LIFETIME_FRACTION = 0.8;
/** …but never sooner than this after the last renewal, whatever expires_in says. */
export const MIN_RENEW_DELAY_MS = 30_000;
/** First wait after a failed scheduled renewal; doubles up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 5 * 60_000;
/** A 401 this soon after a renewal came from a call that still carried the previous token. */
export const RECENT_RENEWAL_MS = 5_000;
/** Below this much refresh-token life left, every renewal warns that re-authorization is due. */
const REFRESH_TOKEN_WARNING_SECONDS = 14 * 24 * 3600;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

const defaultSetTimer: SetTimer = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref?.();
  return () => clearTimeout(timer);
};

export function createAdminTokenProvider(auth: AdminAuth, opts: AdminTokenProviderOptions): AdminTokenProvider {
  if (auth.kind === 'token') return fixedTokenProvider(auth.token);
  return refreshTokenProvider(auth, opts);
}

function fixedTokenProvider(token: string): AdminTokenProvider {
  return {
    getToken: () => Promise.resolve(token),
    // Nothing to renew a fixed token with: the 401 stands.
    renewAfterUnauthorized: () => Promise.resolve(false),
    start: () => Promise.resolve(),
    stop: () => undefined,
  };
}

interface AccessTokenGrant {
  accessToken: string;
  expiresInSeconds: number;
  refreshToken?: string;
  refreshTokenExpiresInSeconds?: number;
}

function readGrant(data: unknown, status: number): AccessTokenGrant {
  const body = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const expiresIn = Number(body.expires_in);
  if (typeof body.access_token !== 'string' || body.access_token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    throw new WebexApiError({ status, message: 'Webex answered /access_token without a usable access token', method: 'POST', path: '/access_token' });
  }
  const refreshExpiresIn = Number(body.refresh_token_expires_in);
  return {
    accessToken: body.access_token,
    expiresInSeconds: expiresIn,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token !== '' ? body.refresh_token : undefined,
    refreshTokenExpiresInSeconds: Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0 ? refreshExpiresIn : undefined,
  };
}

function refreshTokenProvider(auth: RefreshAuth, opts: AdminTokenProviderOptions): AdminTokenProvider {
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? defaultSetTimer;
  const log = opts.logger.child({ component: 'admin-token' });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const tokenUrl = `${opts.apiUrl.replace(/\/+$/, '')}/access_token`;
  const configuredSha = fingerprint(auth.refreshToken);

  let refreshToken = auth.refreshToken;
  let accessToken: string | undefined;
  let expiresAt = 0;
  let renewedAt = Number.NEGATIVE_INFINITY;
  let renewing: Promise<void> | undefined;
  let cancelTimer: CancelTimer | undefined;
  let failedScheduledRenewals = 0;
  let stopped = false;

  async function postGrant(token: string): Promise<AccessTokenGrant> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
      refresh_token: token,
    });
    try {
      const response = await axios.post<unknown>(tokenUrl, form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        httpAgent: opts.agent ?? sharedAgents.http,
        httpsAgent: opts.agent ?? sharedAgents.https,
        maxRedirects: 0,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
        validateStatus: (status) => status >= 200 && status < 300,
      });
      return readGrant(response.data, response.status);
    } catch (err) {
      // toWebexApiError copies only safe fields: the form (client secret, refresh token) stays behind.
      throw toWebexApiError(err, { method: 'POST', path: '/access_token', now: now() });
    }
  }

  async function persist(): Promise<void> {
    if (!auth.storeFile) return;
    try {
      await writeRefreshTokenFile(auth.storeFile, {
        clientId: auth.clientId,
        refreshToken,
        configuredTokenSha256: configuredSha,
        savedAt: new Date(now()).toISOString(),
      });
    } catch (err) {
      // The new refresh token still works from memory; only a restart would need the file.
      log.error({ code: (err as NodeJS.ErrnoException).code, file: auth.storeFile }, 'admin_token.store_write_failed');
    }
  }

  function schedule(delayMs: number): void {
    cancelTimer?.();
    cancelTimer = undefined;
    if (stopped) return;
    cancelTimer = setTimer(() => {
      cancelTimer = undefined;
      void renew().then(
        () => {
          failedScheduledRenewals = 0;
        },
        () => {
          failedScheduledRenewals += 1;
          const retryMs = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** (failedScheduledRenewals - 1));
          schedule(retryMs);
        },
      );
    }, delayMs);
  }

  function accept(grant: AccessTokenGrant, usedRefreshToken: string): boolean {
    accessToken = grant.accessToken;
    renewedAt = now();
    expiresAt = renewedAt + grant.expiresInSeconds * 1000;
    const rotated = grant.refreshToken !== undefined && grant.refreshToken !== usedRefreshToken;
    if (grant.refreshToken !== undefined) refreshToken = grant.refreshToken;
    schedule(Math.max(MIN_RENEW_DELAY_MS, grant.expiresInSeconds * 1000 * RENEW_AT_LIFETIME_FRACTION));
    return rotated;
  }

  async function renewNow(): Promise<void> {
    const used = refreshToken;
    let grant: AccessTokenGrant;
    try {
      grant = await postGrant(used);
    } catch (err) {
      const error = toWebexApiError(err);
      log.error({ err: error.toJSON() }, 'admin_token.renewal_failed');
      opts.onRenewalFailed?.(error);
      throw error;
    }
    const rotated = accept(grant, used);
    if (rotated) await persist();
    log.info({ expiresInSeconds: grant.expiresInSeconds, rotated }, 'admin_token.renewed');
    if (grant.refreshTokenExpiresInSeconds !== undefined && grant.refreshTokenExpiresInSeconds < REFRESH_TOKEN_WARNING_SECONDS) {
      log.warn({ refreshTokenExpiresInSeconds: grant.refreshTokenExpiresInSeconds }, 'admin_token.refresh_token_expiring');
    }
    opts.onRenewed?.({ expiresInSeconds: grant.expiresInSeconds, rotated });
  }

  /** One renewal at a time: concurrent callers share it. */
  function renew(): Promise<void> {
    renewing ??= renewNow().finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  async function loadSavedRefreshToken(): Promise<void> {
    if (!auth.storeFile) return;
    const result = await readRefreshTokenFile(auth.storeFile);
    if (!result.found) {
      if (result.reason !== 'missing') log.warn({ file: auth.storeFile, reason: result.reason }, 'admin_token.store_ignored');
      return;
    }
    const { saved } = result;
    if (saved.clientId !== auth.clientId) {
      log.warn({ file: auth.storeFile, reason: 'other client id' }, 'admin_token.store_ignored');
    } else if (saved.configuredTokenSha256 !== configuredSha) {
      // WEBEX_ADMIN_REFRESH_TOKEN was replaced since the file was written: the configured one is newer.
      log.info({ file: auth.storeFile, reason: 'configured refresh token changed' }, 'admin_token.store_ignored');
    } else if (saved.refreshToken !== refreshToken) {
      refreshToken = saved.refreshToken;
      log.info({ file: auth.storeFile, savedAt: saved.savedAt }, 'admin_token.store_loaded');
    }
  }

  return {
    async getToken() {
      if (accessToken === undefined || now() >= expiresAt) await renew();
      return accessToken as string;
    },
    async renewAfterUnauthorized() {
      if (stopped) return false;
      // A renewal in flight or just finished already replaced the token the failed call carried.
      if (renewing === undefined && now() - renewedAt < RECENT_RENEWAL_MS) return true;
      try {
        await renew();
        return true;
      } catch {
        return false;
      }
    },
    async start() {
      stopped = false;
      await loadSavedRefreshToken();
      await renew();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
