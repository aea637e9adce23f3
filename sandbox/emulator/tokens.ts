// Bearer tokens -> identities, and the refresh-token grant. Tokens never contain '_': the Webex SDK treats
// tokens shaped a_b_c as carrying an org id and goes looking for it on the internet.
import { randomBytes } from 'node:crypto';
import type { Caller } from './access';
import { defaultUserToken, SEED_TOKENS } from './seed';
import type { EmulatorStore } from './store';
import type { TokenOptions } from './types';
import { badRequest, EmulatorHttpError, forbidden } from './webex-error';

export interface AccessTokenGrant {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
}

const REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/** The write scopes the emulator checks (the operations' references name them); the admin token has every scope unless withheld. */
export const TELEPHONY_CONFIG_WRITE = 'spark-admin:telephony_config_write';
export const WORKSPACES_WRITE = 'spark-admin:workspaces_write';
export const CHECKED_SCOPES = [TELEPHONY_CONFIG_WRITE, WORKSPACES_WRITE] as const;

function assertUsable(token: string, what: string): string {
  if (!token || token.includes('_') || /\s/.test(token)) throw new Error(`${what} token must be non-empty, without '_' or spaces`);
  return token;
}

export class TokenRegistry {
  readonly bot: string;
  readonly admin: string;
  private readonly byToken = new Map<string, Caller>();
  private readonly issued = new Map<string, number>();
  private refreshToken: string;
  private readonly withheld = new Set<string>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly options: TokenOptions,
    private readonly clock: () => Date,
    private readonly ttlSeconds: number,
  ) {
    this.bot = assertUsable(options.bot ?? SEED_TOKENS.bot, 'bot');
    this.admin = assertUsable(options.admin ?? SEED_TOKENS.admin, 'admin');
    this.refreshToken = assertUsable(options.refreshToken ?? 'sandbox-refresh-token', 'refresh');
    const { botEmail, adminEmail } = store.seed;
    this.byToken.set(this.bot, { role: 'bot', person: store.requirePersonByEmail(botEmail) });
    this.byToken.set(this.admin, { role: 'admin', person: store.requirePersonByEmail(adminEmail) });
    for (const person of store.people.values()) {
      const email = person.emails[0];
      if (email === botEmail || email === adminEmail) continue;
      this.byToken.set(assertUsable(this.user(email), `user ${email}`), { role: 'user', person });
    }
  }

  user(email: string): string {
    const wanted = email.toLowerCase();
    if (wanted === this.store.seed.botEmail.toLowerCase()) return this.bot;
    if (wanted === this.store.seed.adminEmail.toLowerCase()) return this.admin;
    const configured = Object.entries(this.options.users ?? {}).find(([e]) => e.toLowerCase() === wanted);
    return configured?.[1] ?? defaultUserToken(wanted);
  }

  identify(authorization: string | undefined): Caller | undefined {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    const expiresAt = this.issued.get(token);
    if (expiresAt !== undefined) {
      if (this.clock().getTime() >= expiresAt) return undefined;
      return this.byToken.get(this.admin);
    }
    return this.byToken.get(token);
  }

  /** POST /access_token with grant_type=refresh_token: new access tokens act as the admin. */
  refresh(form: Record<string, unknown>): AccessTokenGrant {
    if (form.grant_type !== 'refresh_token') throw badRequest('grant_type must be refresh_token.');
    const clientId = this.options.clientId ?? 'sandbox-client-id';
    const clientSecret = this.options.clientSecret ?? 'sandbox-client-secret';
    if (form.client_id !== clientId || form.client_secret !== clientSecret) {
      throw new EmulatorHttpError(401, 'Invalid client credentials.');
    }
    if (typeof form.refresh_token !== 'string' || form.refresh_token !== this.refreshToken) {
      throw badRequest('The refresh token provided is expired, revoked, malformed, or invalid.');
    }
    const accessToken = `sandbox-access-${randomBytes(12).toString('hex')}`;
    this.issued.set(accessToken, this.clock().getTime() + this.ttlSeconds * 1000);
    if (this.options.rotateRefreshToken) this.refreshToken = `sandbox-refresh-${randomBytes(12).toString('hex')}`;
    return {
      access_token: accessToken,
      expires_in: this.ttlSeconds,
      refresh_token: this.refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_TTL_SECONDS,
      token_type: 'Bearer',
    };
  }

  /**
   * Admin tokens (fixed or refreshed) lose these scopes, as a token created without them would. Replaces
   * the previous list; [] gives every scope back.
   */
  withholdScopes(scopes: readonly string[]): void {
    const unknown = scopes.filter((s) => !(CHECKED_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new Error(`scopes the emulator checks: ${CHECKED_SCOPES.join(', ')}; not ${unknown.join(', ')}`);
    this.withheld.clear();
    for (const scope of scopes) this.withheld.add(scope);
  }

  withheldScopes(): string[] {
    return [...this.withheld];
  }

  /**
   * 403 when the caller's token lacks the scope. UNCONFIRMED: the references say only "403 Forbidden"
   * for a token without the operation's scope, not the message; Webex's generic 403 wording is used.
   */
  requireScope(caller: Caller, scope: string): void {
    if (caller.role === 'admin' && this.withheld.has(scope)) throw forbidden();
  }

  /** The refresh token POST /access_token currently accepts. */
  currentRefreshToken(): string {
    return this.refreshToken;
  }
}
