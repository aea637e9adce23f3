// The checks of `npm run doctor`, in the order they run. Each says what it found and, when something
// is wrong, the fix; later checks are skipped when what they need (a working token) is missing.
import type { Config, WebexConnection } from '../config';
import type { WebexAdminClient } from '../webex/admin-client';
import { resolveAdminOrg } from '../webex/admin-org';
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { WebexHttp } from '../webex/http';
import { getTokenOwner, isMemberOf } from '../webex/preflight-calls';
import type { WebexPerson } from '../webex/types';
import { listWebhooks, type Webhook } from '../webex/webhook-registrar';
import { pingRedis } from '../store/redis-ping';
import { OPTIONAL_FEATURES, PEOPLE_READ, TELEPHONY_CONFIG_READ } from './scopes';
import type { CheckResult } from './types';

export interface DoctorContext {
  config: Config;
  webex: WebexConnection;
  botHttp: WebexHttp;
  admin: WebexAdminClient;
  /** Gets the admin access token (exchanging the refresh token when configured). */
  startAdminToken(): Promise<void>;
  /** --person: the calling user to try reading transfer numbers of. */
  person?: string;
}

const pass = (id: string, title: string, found: string): CheckResult => ({ id, title, status: 'pass', found });
const fail = (id: string, title: string, found: string, fix: string): CheckResult => ({ id, title, status: 'fail', found, fix });
const warn = (id: string, title: string, found: string, fix: string): CheckResult => ({ id, title, status: 'warn', found, fix });
const skip = (id: string, title: string, found: string): CheckResult => ({ id, title, status: 'skip', found });

function said(err: unknown): string {
  if (!isWebexApiError(err)) return 'an unexpected error';
  const status = err.status === 0 ? err.kind : String(err.status);
  return `${status}${err.trackingId ? `, tracking ID ${err.trackingId}` : ''}`;
}

/** A 403 names the scope the call needs; anything else says what Webex answered. */
function scopeFailure(id: string, title: string, err: unknown, scope: string): CheckResult {
  if (isWebexApiError(err) && err.status === 403) {
    return fail(id, title, `Webex refused (403): the admin token lacks ${scope}, or API access is restricted in Control Hub`, `Create the admin token (or the integration or service app) with the ${scope} scope, as a full or read-only administrator.`);
  }
  return fail(id, title, `Webex answered ${said(err)}`, 'Check the admin token and that Webex is reachable from here, then run the doctor again.');
}

export async function checkBotToken(ctx: DoctorContext): Promise<{ result: CheckResult; bot?: WebexPerson }> {
  const title = 'Bot token';
  try {
    const bot = await getTokenOwner(ctx.botHttp);
    if (bot.type !== 'bot') {
      return { result: fail('botToken', title, `WEBEX_BOT_TOKEN belongs to ${bot.emails?.[0] ?? 'someone'}, a ${bot.type ?? 'person'}, not a bot`, 'Use the access token shown when the bot was created at developer.webex.com (My Webex Apps → your bot → Regenerate access token).') };
    }
    return { result: pass('botToken', title, `accepted; it belongs to the bot ${bot.emails?.[0] ?? bot.displayName}`), bot };
  } catch (err) {
    if (isWebexApiError(err) && err.status === 401) {
      return { result: fail('botToken', title, 'Webex rejected WEBEX_BOT_TOKEN (401)', 'Regenerate the bot\'s access token at developer.webex.com and set WEBEX_BOT_TOKEN to it.') };
    }
    return { result: fail('botToken', title, `could not check it: Webex answered ${said(err)}`, 'Check WEBEX_API_URL and that Webex is reachable from here.') };
  }
}

export async function checkAdminToken(ctx: DoctorContext): Promise<{ result: CheckResult; orgId?: string }> {
  const title = 'Admin token';
  const refresh = ctx.webex.admin.kind === 'refresh';
  try {
    await ctx.startAdminToken();
  } catch (err) {
    return { result: fail('adminToken', title, `Webex refused WEBEX_ADMIN_REFRESH_TOKEN (${said(err)})`, 'Check WEBEX_ADMIN_CLIENT_ID and WEBEX_ADMIN_CLIENT_SECRET, and get a new refresh token by authorizing the integration again.') };
  }
  const org = await resolveAdminOrg(ctx.admin, ctx.config.defaultOrgId);
  if (!org.ok) return { result: fail('adminToken', title, org.message, 'See the README section "Deploying" for the admin token the bot needs.') };
  const how = refresh ? 'the refresh token was exchanged for an access token' : 'accepted';
  const whose = org.from === 'people/me' ? `it serves organization ${org.orgId}` : `it may not read GET /people/me, so the bot serves DEFAULT_ORG_ID ${org.orgId}`;
  return { result: pass('adminToken', title, `${how}; ${whose}`), orgId: org.orgId };
}

/** Reads one page of calling users: proves people_read, and finds someone to try the settings read on. */
export async function checkPeopleRead(ctx: DoctorContext): Promise<{ result: CheckResult; callingUser?: WebexPerson }> {
  const title = `Reads people (${PEOPLE_READ})`;
  try {
    for await (const page of ctx.admin.listCallingPeople({ pageSize: 10, orgId: ctx.config.defaultOrgId })) {
      const callingUser = page.find((p) => typeof p.locationId === 'string' && p.locationId !== '');
      return { result: pass('peopleRead', title, 'listed calling users'), callingUser };
    }
    return { result: pass('peopleRead', title, 'listed people; the organization has none with Webex Calling'), callingUser: undefined };
  } catch (err) {
    return { result: scopeFailure('peopleRead', title, err, PEOPLE_READ) };
  }
}

export async function checkTransferNumbersRead(ctx: DoctorContext, homeOrgId: string, firstCallingUser: WebexPerson | undefined): Promise<{ result: CheckResult; person?: WebexPerson }> {
  const title = `Reads transfer numbers (${TELEPHONY_CONFIG_READ})`;
  let person = firstCallingUser;
  if (ctx.person) {
    try {
      person = (await ctx.admin.findPeopleByEmail(ctx.person, { orgId: ctx.config.defaultOrgId }))[0];
    } catch (err) {
      return { result: scopeFailure('transferNumbersRead', title, err, PEOPLE_READ) };
    }
    if (!person) return { result: fail('transferNumbersRead', title, `--person ${ctx.person}: no one with that email`, 'Pass the email address of a Webex Calling user of the organization.') };
  }
  if (!person) {
    return { result: fail('transferNumbersRead', title, 'not tried: no Webex Calling user was found to try it on', 'Run the doctor with --person <email of a Webex Calling user>.') };
  }
  const email = person.emails?.[0] ?? person.displayName;
  const orgId = person.orgId && person.orgId !== homeOrgId ? person.orgId : undefined;
  try {
    await ctx.admin.getTransferNumbers(person.id, orgId ? { orgId } : {});
    return { result: pass('transferNumbersRead', title, `read the transfer numbers of ${email}`), person };
  } catch (err) {
    if (isWebexApiError(err) && err.status === 404) {
      return { result: fail('transferNumbersRead', title, `${email} has no Webex Calling settings (404)`, 'Run the doctor with --person <email of a Webex Calling user>.') };
    }
    return { result: scopeFailure('transferNumbersRead', title, err, TELEPHONY_CONFIG_READ) };
  }
}

export async function checkWebhooks(ctx: DoctorContext): Promise<CheckResult[]> {
  const title = 'Webhooks';
  const target = ctx.config.webhook?.url;
  if (!target) return [skip('webhooks', title, 'websocket mode (WEBHOOK_URL unset): the bot keeps no webhooks')];
  let hooks: Webhook[];
  try {
    hooks = await listWebhooks(ctx.botHttp);
  } catch (err) {
    return [fail('webhooks', title, `could not list the bot's webhooks: Webex answered ${said(err)}`, 'Check WEBEX_BOT_TOKEN (the bot token owns the webhooks).')];
  }
  const ours = hooks.filter((h) => h.targetUrl === target);
  const firehose = ours.filter((h) => h.resource === 'all' && h.event === 'all');
  const cards = ours.filter((h) => h.resource === 'attachmentActions' && h.event === 'created');
  const results: CheckResult[] = [];
  const inactive = [...firehose, ...cards].filter((h) => h.status !== undefined && h.status !== 'active');
  if (firehose.length === 0 && cards.length === 0) {
    results.push(warn('webhooks', title, `none for ${shownUrl(target)} yet`, '`npm start` creates the two it needs (messages and memberships, and card submits); check afterwards that Webex can reach WEBHOOK_URL.'));
  } else if (firehose.length !== 1 || cards.length !== 1) {
    results.push(fail('webhooks', title, `for ${shownUrl(target)}: ${firehose.length} firehose and ${cards.length} card-submit webhooks, where one of each belongs`, '`npm start` repairs them (it keeps the oldest of each and removes the rest); run it once, then the doctor again.'));
  } else if (inactive.length > 0) {
    results.push(fail('webhooks', title, `for ${shownUrl(target)}: ${inactive.length} inactive (Webex stops using a webhook whose deliveries keep failing)`, 'Check that WEBHOOK_URL is reachable from the internet, then `npm start` sets them active again.'));
  } else {
    results.push(pass('webhooks', title, `one firehose and one card-submit webhook for ${shownUrl(target)}, both active (Webex never shows their secret; deliveries are verified with WEBHOOK_SECRET)`));
  }
  const elsewhere = hooks.filter((h) => h.targetUrl !== target);
  if (elsewhere.length > 0) {
    const hosts = [...new Set(elsewhere.map((h) => hostOf(h.targetUrl)))].join(', ');
    results.push(warn('webhooksElsewhere', 'Other webhooks of this bot', `${elsewhere.length} point elsewhere (${hosts})`, 'Delete them if no other deployment of this bot uses them: each one gets every event too.'));
  }
  return results;
}

export async function checkRedis(config: Config): Promise<CheckResult> {
  const title = 'Redis';
  if (!config.redisUrl) return skip('redis', title, 'not configured (REDIS_URL unset): one instance only');
  const where = hostOf(config.redisUrl);
  const ping = await pingRedis(config.redisUrl);
  if (ping.ok) return pass('redis', title, `${where} answers`);
  return fail('redis', title, `${where} does not answer (${ping.reason})`, 'Check REDIS_URL (host, port, password) and that Redis is reachable from here.');
}

export async function checkOpsRoom(ctx: DoctorContext, bot: WebexPerson | undefined): Promise<CheckResult> {
  const title = 'Ops space';
  const roomId = ctx.config.opsRoomId;
  if (!roomId) return skip('opsRoom', title, 'not configured (WEBEX_OPS_ROOM_ID unset)');
  if (!bot) return skip('opsRoom', title, 'not checked: the bot token was not accepted');
  const notMember = fail('opsRoom', title, 'the bot is not a member of WEBEX_OPS_ROOM_ID', 'Add the bot to that space, or unset WEBEX_OPS_ROOM_ID.');
  try {
    if (await isMemberOf(ctx.botHttp, roomId, bot.id)) return pass('opsRoom', title, 'the bot is a member of WEBEX_OPS_ROOM_ID');
    return notMember;
  } catch (err) {
    // Webex answers 404 for a space the caller is not in (or that does not exist).
    if (isWebexApiError(err) && err.status === 404) return notMember;
    return fail('opsRoom', title, `could not check WEBEX_OPS_ROOM_ID: Webex answered ${said(err)}`, 'Check that WEBEX_OPS_ROOM_ID is the ID of a space the bot is in.');
  }
}

export async function checkOptionalFeatures(ctx: DoctorContext, person: WebexPerson | undefined): Promise<CheckResult[]> {
  const enabled = OPTIONAL_FEATURES.filter((f) => f.isEnabled(ctx.config));
  if (enabled.length === 0) return [skip('optionalFeatures', 'Optional features', 'none configured; look-ups need only the two scopes above')];
  const results: CheckResult[] = [];
  for (const feature of enabled) {
    const title = `${feature.name} (${feature.enabledBy}, ${feature.scope})`;
    if (!person) {
      results.push(skip(`feature:${feature.enabledBy}`, title, 'not checked: no Webex Calling user to try it on'));
      continue;
    }
    try {
      await feature.probe(ctx.admin, { personId: person.id, orgId: person.orgId });
      results.push(pass(`feature:${feature.enabledBy}`, title, 'the admin token has the scope'));
    } catch (err) {
      results.push(scopeFailure(`feature:${feature.enabledBy}`, title, err as WebexApiError, feature.scope));
    }
  }
  return results;
}

/** Scheme, host, port and path: never the user info or the query, which may carry a secret. */
export function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/** Scheme, host and port only: a URL may carry a password or a token in its query. */
function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unparsable URL';
  }
}
