// The checks of `npm run doctor`, in the order they run. Each says what it found and, when something
// is wrong, the fix; later checks are skipped when what they need (a working token) is missing.
import type { Config, WebexConnection } from '../config';
import type { WebexAdminClient } from '../webex/admin-client';
import { resolveAdminOrg } from '../webex/admin-org';
import { isWebexApiError } from '../webex/errors';
import type { WebexHttp } from '../webex/http';
import { getTokenOwner, isMemberOf } from '../webex/preflight-calls';
import type { WebexPerson } from '../webex/types';
import { listWebhooks, type Webhook } from '../webex/webhook-registrar';
import { pingRedis } from '../store/redis-ping';
import { PEOPLE_READ, TELEPHONY_CONFIG_READ, type OptionalFeature } from './scopes';
import { urlHost } from './shown-url';
import type { CheckResult } from './types';
import { judgeWebhooks } from './webhooks';

export interface DoctorContext {
  config: Config;
  webex: WebexConnection;
  botHttp: WebexHttp;
  admin: WebexAdminClient;
  /** Gets the admin access token (exchanging the refresh token when configured). */
  startAdminToken(): Promise<void>;
  /** --person: the calling user to try reading transfer numbers of. */
  person?: string;
  /** The optional features whose scopes are checked when configured (OPTIONAL_FEATURES). */
  features: readonly OptionalFeature[];
}

export const pass = (id: string, title: string, found: string): CheckResult => ({ id, title, status: 'pass', found });
export const fail = (id: string, title: string, found: string, fix: string): CheckResult => ({ id, title, status: 'fail', found, fix });
export const skip = (id: string, title: string, found: string): CheckResult => ({ id, title, status: 'skip', found });

/** What Webex did, as the end of a sentence: "Webex answered 500, tracking ID …", "no answer from Webex …". */
export function answered(err: unknown): string {
  if (!isWebexApiError(err)) return 'something unexpected went wrong';
  const tracking = err.trackingId ? `, tracking ID ${err.trackingId}` : '';
  switch (err.kind) {
    case 'network':
      return 'no answer from Webex (the connection failed)';
    case 'timeout':
      return 'no answer from Webex in time';
    case 'unusableResponse':
      return `Webex answered something the bot cannot use${tracking}`;
    case 'noToken':
      return 'there was no access token to call Webex with';
    default:
      return `Webex answered ${err.status}${tracking}`;
  }
}

/** A 403 names the scope the call needs; anything else says what Webex answered. */
export function scopeFailure(id: string, title: string, err: unknown, scope: string, writes = false): CheckResult {
  if (isWebexApiError(err) && err.status === 403) {
    const administrator = writes ? 'a full administrator' : 'a full or read-only administrator';
    return fail(id, title, `Webex refused (403): the admin token lacks ${scope}, or API access is restricted in Control Hub`, `Create the admin token (or the integration or service app) with the ${scope} scope, as ${administrator}.`);
  }
  return fail(id, title, `could not check it: ${answered(err)}`, 'Check the admin token and that Webex is reachable from here, then run the doctor again.');
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
    return { result: fail('botToken', title, `could not check it: ${answered(err)}`, 'Check WEBEX_API_URL and that Webex is reachable from here.') };
  }
}

export async function checkAdminToken(ctx: DoctorContext): Promise<{ result: CheckResult; orgId?: string }> {
  const title = 'Admin token';
  const refresh = ctx.webex.admin.kind === 'refresh';
  try {
    await ctx.startAdminToken();
  } catch (err) {
    // A fixed token never fails here; only the refresh-token exchange (POST /access_token) can.
    const found = isWebexApiError(err) && err.status >= 400 ? `the refresh token was not exchanged: Webex answered ${err.status} to POST /access_token` : `the refresh token was not exchanged: ${answered(err)}`;
    return {
      result: fail('adminToken', title, found, 'Check WEBEX_ADMIN_CLIENT_ID and WEBEX_ADMIN_CLIENT_SECRET; if they are right, the refresh token expired or was revoked: authorize the integration (or service app) again and set WEBEX_ADMIN_REFRESH_TOKEN to the new one.'),
    };
  }
  const org = await resolveAdminOrg(ctx.admin, ctx.config.defaultOrgId);
  if (!org.ok) return { result: fail('adminToken', title, org.message, 'See the README section "Deploying it" for the admin token the bot needs.') };
  const how = refresh ? 'the refresh token was exchanged for an access token' : 'accepted';
  const whose = org.from === 'people/me' ? `it serves organization ${org.orgId}` : `it may not read GET /people/me, so the bot serves DEFAULT_ORG_ID ${org.orgId}`;
  return { result: pass('adminToken', title, `${how}; ${whose}`), orgId: org.orgId };
}

/** How many people the doctor looks through for someone with Webex Calling before asking for --person. */
export const PEOPLE_SEARCHED_FOR_A_CALLING_USER = 500;

/** Lists people with their calling data: proves people_read, and finds someone to try the settings read on. */
export async function checkPeopleRead(ctx: DoctorContext): Promise<{ result: CheckResult; ok: boolean; callingUser?: WebexPerson; listed: number }> {
  const title = `Reads people (${PEOPLE_READ})`;
  let listed = 0;
  try {
    for await (const page of ctx.admin.listCallingPeople({ orgId: ctx.config.defaultOrgId })) {
      listed += page.length;
      const callingUser = page.find((p) => typeof p.locationId === 'string' && p.locationId !== '');
      if (callingUser) return { result: pass('peopleRead', title, 'listed calling users'), ok: true, callingUser, listed };
      if (listed >= PEOPLE_SEARCHED_FOR_A_CALLING_USER) break;
    }
  } catch (err) {
    return { result: scopeFailure('peopleRead', title, err, PEOPLE_READ), ok: false, listed };
  }
  return { result: pass('peopleRead', title, `listed ${plural(listed, 'person', 'people')}, none of them with Webex Calling`), ok: true, listed };
}

export async function checkTransferNumbersRead(ctx: DoctorContext, homeOrgId: string, people: { ok: boolean; callingUser?: WebexPerson; listed: number }): Promise<{ result: CheckResult; person?: WebexPerson }> {
  const title = `Reads transfer numbers (${TELEPHONY_CONFIG_READ})`;
  // Without the people list there is no one to try it on (and --person is looked up in that list too).
  if (!people.ok) return { result: skip('transferNumbersRead', title, 'not checked: it is tried on a person, and people could not be listed') };
  let person = people.callingUser;
  if (ctx.person) {
    try {
      person = (await ctx.admin.findPeopleByEmail(ctx.person, { orgId: ctx.config.defaultOrgId }))[0];
    } catch (err) {
      return { result: scopeFailure('transferNumbersRead', title, err, PEOPLE_READ) };
    }
    if (!person) return { result: fail('transferNumbersRead', title, `--person ${ctx.person}: no one with that email`, 'Pass the email address of a Webex Calling user of the organization.') };
  }
  if (!person) {
    return { result: fail('transferNumbersRead', title, `not tried: none of the ${plural(people.listed, 'person', 'people')} listed has Webex Calling`, 'Run the doctor with --person <email of a Webex Calling user>.') };
  }
  const email = person.emails?.[0] ?? person.displayName;
  try {
    await ctx.admin.getTransferNumbers(person.id, orgOption(person, homeOrgId));
    return { result: pass('transferNumbersRead', title, `read the transfer numbers of ${email}`), person };
  } catch (err) {
    if (isWebexApiError(err) && err.status === 404) {
      return { result: fail('transferNumbersRead', title, `${email} has no Webex Calling settings (404)`, 'Run the doctor with --person <email of a Webex Calling user>.') };
    }
    return { result: scopeFailure('transferNumbersRead', title, err, TELEPHONY_CONFIG_READ) };
  }
}

/** A person of another organization is read with their orgId; Webex defaults to the token's own. */
export function orgOption(person: WebexPerson, homeOrgId: string): { orgId?: string } {
  return person.orgId && person.orgId !== homeOrgId ? { orgId: person.orgId } : {};
}

export async function checkWebhooks(ctx: DoctorContext, botAccepted: boolean): Promise<CheckResult[]> {
  const title = 'Webhooks';
  const webhook = ctx.config.webhook;
  if (!webhook) return [skip('webhooks', title, 'websocket mode (WEBHOOK_URL unset): the bot keeps no webhooks')];
  if (!botAccepted) return [skip('webhooks', title, 'not checked: the bot token was not accepted (the bot token owns the webhooks)')];
  let hooks: Webhook[];
  try {
    hooks = await listWebhooks(ctx.botHttp);
  } catch (err) {
    return [fail('webhooks', title, `could not list the bot's webhooks: ${answered(err)}`, 'Check WEBEX_BOT_TOKEN (the bot token owns the webhooks) and that Webex is reachable from here.')];
  }
  return judgeWebhooks(hooks, webhook.url, webhook.secret);
}

export async function checkRedis(config: Config): Promise<CheckResult> {
  const title = 'Redis';
  if (!config.redisUrl) return skip('redis', title, 'not configured (REDIS_URL unset): one instance only');
  const where = urlHost(config.redisUrl);
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
    return fail('opsRoom', title, `could not check WEBEX_OPS_ROOM_ID: ${answered(err)}`, 'Check that WEBEX_OPS_ROOM_ID is the ID of a space the bot is in.');
  }
}

/** One row per configured optional feature: its scope, tried on the calling user the doctor read. */
export async function checkOptionalFeatures(ctx: DoctorContext, homeOrgId: string, person: WebexPerson | undefined): Promise<CheckResult[]> {
  const enabled = ctx.features.filter((f) => f.isEnabled(ctx.config));
  if (enabled.length === 0) return [skip('optionalFeatures', 'Optional features', 'none configured; look-ups need only the two scopes above')];
  const results: CheckResult[] = [];
  for (const feature of enabled) {
    const id = `feature:${feature.scope}`;
    const title = `${feature.name} (${feature.enabledBy}, ${feature.scope})`;
    if (!person) {
      results.push(skip(id, title, 'not checked: no Webex Calling user to try it on'));
      continue;
    }
    try {
      await feature.probe(ctx.admin, { personId: person.id, ...orgOption(person, homeOrgId) });
      results.push(pass(id, title, 'the admin token has the scope'));
    } catch (err) {
      results.push(scopeFailure(id, title, err, feature.scope, feature.writes));
    }
  }
  return results;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
