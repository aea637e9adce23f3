// Framework events → command → reply. Each event is handled on its own promise, awaited and caught here,
// because the framework does not await listeners (a rejection there would be unhandled).
import type { Framework } from './framework';
import { parseCardSubmit, parseCommand } from '../commands';
import type { Command } from '../commands/types';
import { renderReply } from '../cards';
import type { Reply } from '../cards/types';
import type { Logger } from '../ops/logger';
import type { Metrics } from '../ops/metrics';
import { askedOfCard, auditFieldsOf, type AccessGuard, type AuditEntry, type AuditLog } from '../access';
import type { WebexWebhookEvent } from '../webex/types';
import type { FileDestination, MessageFile } from '../webex/message-file';
import { isWebexApiError } from '../webex/errors';
import { reportFileMessage } from '../cards/report-file';
import { CommandRunner, type CommandContext } from './command-runner';
import { redactForLog } from '../webex/redact';
import { currentEventContext, runInEventContext, UNREAD_REPORT, type EventContext, type FailedCall } from './event-context';

export interface HandlerDeps {
  framework: Framework;
  runner: CommandRunner;
  logger: Logger;
  /** Tracks work in flight so shutdown can wait for it. */
  track: (work: Promise<unknown>) => void;
  /** Used when an event arrives without a context (websocket mode): time from now to answer. */
  commandTimeoutMs: number;
  /** Extra time the reply post gets after the command's deadline (it carries "timed out" replies too). */
  replyGraceMs?: number;
  metrics?: Pick<Metrics, 'commandFinished' | 'replyLatency'>;
  /**
   * Told of people entering or leaving a space the framework saw (in websocket mode the only way to
   * learn of it; with webhooks the receiver has already been told, and telling twice is harmless).
   */
  onMembershipChange?: (roomId: string) => void;
  /** Access rules and the audit trail; available once the admin token's organization is known. */
  access: () => Access | undefined;
  /** Posts a message with one file (a report's CSV); without it a report says the file could not be attached. */
  postFile?: (to: FileDestination, markdown: string, file: MessageFile) => Promise<unknown>;
}

export interface Access {
  guard: AccessGuard;
  audit: AuditLog;
}

const DEFAULT_REPLY_GRACE_MS = 5_000;
/** Commands whose answers may name people, so a group space's members are checked while they run. */
const NAMES_PEOPLE: ReadonlySet<Command['kind']> = new Set(['lookup', 'lookupMany', 'reverse', 'report', 'edit', 'editDecision']);
/** Time a report's CSV has to reach Webex, counted from when its card was posted. */
const FILE_UPLOAD_MS = 30_000;

export function registerHandlers(deps: HandlerDeps): void {
  const { framework } = deps;
  framework.on('message', (bot, trigger) => {
    const event = takeOver(deps);
    deps.track(runInEventContext(event, () => handleMessage(deps, event, bot, trigger)));
  });
  framework.on('attachmentAction', (bot, trigger) => {
    const event = takeOver(deps);
    deps.track(runInEventContext(event, () => handleCardSubmit(deps, event, bot, trigger)));
  });
  const membershipChanged = (membership: { roomId?: unknown }) => {
    if (typeof membership?.roomId === 'string') deps.onMembershipChange?.(membership.roomId);
  };
  framework.on('memberEnters', (_bot, membership) => membershipChanged(membership));
  framework.on('memberExits', (_bot, membership) => membershipChanged(membership));
  framework.on('spawn', (bot, _id, actorId) => {
    // actorId is set only when someone just added the bot; spaces discovered late (after a restart)
    // spawn without one, so a restart stays quiet. In a 1:1 the person has already asked something.
    if (!actorId || actorId === deps.framework.person?.id || !bot.isGroup) return;
    const event = takeOver(deps);
    deps.track(runInEventContext(event, () => welcome(deps, event, bot)));
  });
}

async function welcome(deps: HandlerDeps, event: EventContext, bot: Framework.Bot): Promise<void> {
  const reply: Reply = { kind: 'welcome', botName: deps.framework.person?.displayName ?? 'the bot' };
  await postReply(deps, event, (message) => bot.say({ ...message }), reply, { roomId: bot.room?.id, roomType: 'group', welcome: true });
}

/** Tells the dispatcher the event is ours: from here on the handler answers it, whatever happens. */
function takeOver(deps: HandlerDeps): EventContext {
  const event = currentEventContext() ?? {
    commandId: CommandRunner.newCommandId(),
    receivedAt: Date.now(),
    deadline: Date.now() + deps.commandTimeoutMs,
    report: UNREAD_REPORT,
  };
  event.report.takenOver();
  return event;
}

export function botNamesOf(framework: Framework): string[] {
  const p = framework.person ?? ({} as Framework.SdkPerson);
  const names = [p.displayName, p.firstName, p.displayName?.split(' ')[0], p.nickName as string | undefined];
  return names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

// The text is parsed only once the guard has found the requester allowed (see AccessGuard.admit).
async function handleMessage(deps: HandlerDeps, event: EventContext, bot: Framework.Bot, trigger: Framework.Trigger): Promise<void> {
  const text = trigger.message?.text ?? trigger.text ?? '';
  const parse = () => parseCommand(text, { botNames: botNamesOf(deps.framework) });
  await respond(deps, event, bot, trigger, parse, { source: 'message', asked: text });
}

async function handleCardSubmit(deps: HandlerDeps, event: EventContext, bot: Framework.Bot, trigger: Framework.Trigger): Promise<void> {
  const raw = trigger.attachmentAction?.inputs;
  const inputs = typeof raw === 'object' && raw !== null ? raw : {};
  await respond(deps, event, bot, trigger, () => parseCardSubmit(inputs), { source: 'card', asked: askedOfCard(inputs) });
}

async function respond(
  deps: HandlerDeps,
  event: EventContext,
  bot: Framework.Bot,
  trigger: Framework.Trigger,
  parse: () => Command,
  how: { source: 'message' | 'card'; asked: string },
): Promise<void> {
  const ctx = contextOf(deps.framework, event, bot, trigger, how.source);
  const log = deps.logger.child({ commandId: ctx.commandId });
  const access = deps.access();
  const toSpace: Poster = (message) => bot.say({ ...message });
  let parsed: Command | undefined;
  const commandOnce = (): Command => (parsed ??= parse());
  const where = { roomId: ctx.room.id, roomType: ctx.room.type, requesterId: ctx.requester.id, source: how.source };
  const audit = (fields: Omit<AuditEntry, 'commandId' | 'requester' | 'space' | 'asked' | 'source'>) =>
    access?.audit.record({
      commandId: ctx.commandId,
      requester: { id: ctx.requester.id, email: ctx.requester.email },
      space: { id: ctx.room.id, type: ctx.room.type },
      asked: how.asked,
      source: how.source,
      ...fields,
    });

  if (!access) {
    // Only before start-up has finished: nobody can be vetted yet, so nobody gets an answer about a person.
    await postReply(deps, event, toSpace, { kind: 'internalError', reference: ctx.commandId }, where);
    return;
  }
  const card = trigger.attachmentAction ? { messageId: trigger.attachmentAction.messageId, roomId: trigger.attachmentAction.roomId } : undefined;
  const admission = await access.guard.admit({
    requester: { id: ctx.requester.id, email: ctx.requester.email, orgId: ctx.requester.orgId, type: ctx.requester.type },
    command: commandOnce,
    roomId: ctx.room.id,
    card,
  });
  if (!admission.admitted) {
    // `parsed` is absent when the requester was refused: their text was never read.
    const refused = { ...where, command: parsed };
    audit({ outcome: admission.outcome, reason: admission.reason, trackingId: admission.reply?.kind === 'webexError' ? admission.reply.error.trackingId : undefined });
    if (admission.reply) await postReply(deps, event, toSpace, admission.reply, refused);
    else if (admission.quiet) log.debug({ reason: admission.reason, ...refused }, 'refusal.not_repeated');
    else log.warn({ reason: admission.reason, ...refused }, 'command.ignored');
    return;
  }
  const command = commandOnce();
  const about = { ...where, command };

  // In a group space, find out who else is there while the look-up runs (one cached Webex call);
  // help and invalid input name no one, so they need no such check.
  const room = { id: ctx.room.id, type: ctx.room.type };
  const privately = NAMES_PEOPLE.has(command.kind) ? access.guard.mustAnswerPrivately(room) : Promise.resolve(false);
  ctx.postInterim = async (interim) => {
    // Progress notes name no one, but follow the answer where it goes.
    const where: Poster = (await privately) ? (m) => deps.framework.webex.messages.create({ toPersonId: ctx.requester.id, ...m }) : toSpace;
    await postReply(deps, event, where, interim, { ...about, interim: true });
  };
  ctx.audit = (step) => audit(step);
  let reply: Reply;
  try {
    reply = await deps.runner.run(command, ctx);
  } catch (err) {
    log.error({ err: redactForLog(err) }, 'command.internal_error');
    reply = { kind: 'internalError', reference: ctx.commandId };
  }
  await privately;
  const placement = await access.guard.placeReply(reply, room, ctx.requester.displayName || ctx.requester.email);
  if (placement.to === 'private') {
    const toRequester: Poster = (message) => deps.framework.webex.messages.create({ toPersonId: ctx.requester.id, ...message });
    const sent = await postReply(deps, event, toRequester, reply, { ...about, delivery: 'private' });
    // A report's file that fails is told about privately, next to its card: the space hears only where the answer went.
    const fileSent = sent && (await postReportFile(deps, event, { toPersonId: ctx.requester.id }, toRequester, reply));
    audit({ ...auditFieldsOf(reply), delivery: 'private', ...fileAudit(reply, fileSent) });
    await postReply(deps, event, toSpace, sent ? placement.notice : { kind: 'internalError', reference: ctx.commandId }, about);
    return;
  }
  const fileSent = (await postReply(deps, event, toSpace, reply, about)) && (await postReportFile(deps, event, { roomId: ctx.room.id }, toSpace, reply));
  audit({ ...auditFieldsOf(reply), delivery: 'space', ...fileAudit(reply, fileSent) });
}

/**
 * A report's CSV, posted right after its card to the same place (Webex takes one file per message, and
 * no card with it). When it cannot be posted, the agent is told so there, with Webex's reason. True
 * when there was no file or it was posted.
 */
async function postReportFile(deps: HandlerDeps, event: EventContext, to: FileDestination, post: Poster, reply: Reply): Promise<boolean> {
  if (reply.kind !== 'report') return true;
  const log = deps.logger.child({ commandId: event.commandId });
  // The upload has time of its own: a report that took most of the command's time still gets its file.
  const replyContext: EventContext = { ...event, deadline: Math.max(event.deadline + (deps.replyGraceMs ?? DEFAULT_REPLY_GRACE_MS), Date.now() + FILE_UPLOAD_MS) };
  const message = reportFileMessage(reply);
  try {
    if (!deps.postFile) throw new Error('no file poster');
    await runInEventContext(replyContext, () => (deps.postFile as NonNullable<HandlerDeps['postFile']>)(to, message.markdown, reply.file));
    log.info({ file: reply.file.name, bytes: reply.file.bytes.length, to: 'roomId' in to ? 'space' : 'private' }, 'report.file_sent');
    return true;
  } catch (err) {
    log.error({ err: redactForLog(err), file: reply.file.name }, 'report.file_failed');
    const notice: Reply = isWebexApiError(err) ? { kind: 'reportFileFailed', error: err } : { kind: 'internalError', reference: event.commandId };
    await postReply(deps, event, post, notice, { reportFile: reply.file.name });
    return false;
  }
}

/** What the audit line says of a report: its rows, its location, and whether its CSV was delivered. */
function fileAudit(reply: Reply, fileDelivered: boolean): Pick<AuditEntry, 'report'> {
  if (reply.kind !== 'report') return {};
  const { summary } = reply;
  return { report: { rows: summary.people + summary.workspaces, fileDelivered, ...(summary.location ? { locationId: summary.location.id } : {}) } };
}

type Poster = (message: ReturnType<typeof renderReply>) => Promise<unknown>;

/** Posts a reply with the framework adapter's retries (bot/framework/call-policy.ts); a final failure is logged with everything needed to answer by hand. */
async function postReply(deps: HandlerDeps, event: EventContext, post: Poster, reply: Reply, about: Record<string, unknown>): Promise<boolean> {
  const log = deps.logger.child({ commandId: event.commandId });
  const grace = deps.replyGraceMs ?? DEFAULT_REPLY_GRACE_MS;
  const replyContext: EventContext = { ...event, deadline: Math.max(event.deadline, Date.now()) + grace };
  try {
    await runInEventContext(replyContext, () => Promise.resolve(post(renderReply(reply))));
    const seconds = (Date.now() - event.receivedAt) / 1000;
    deps.metrics?.commandFinished(replyDetail(reply), seconds);
    deps.metrics?.replyLatency(seconds);
    // The command (who was asked for) is logged only when the reply is lost; the audit line has it otherwise.
    const { command: _command, ...where } = about;
    log.info({ reply: replyDetail(reply), ...where, ms: Math.round(seconds * 1000) }, 'reply.sent');
    return true;
  } catch (err) {
    deps.metrics?.commandFinished('reply_failed', (Date.now() - event.receivedAt) / 1000);
    log.error({ err: redactForLog(err), reply: reply.kind, ...about }, 'reply.failed');
    return false;
  }
}

/**
 * The framework dropped an event because one of its own Webex calls failed (message fetch, space
 * discovery, sender look-up): tell the agent in that space, with the tracking ID.
 */
export async function answerUnhandledFailure(deps: HandlerDeps, webhookEvent: WebexWebhookEvent, event: EventContext, failures: readonly FailedCall[]): Promise<void> {
  const last = failures[failures.length - 1];
  const roomId = typeof webhookEvent.data.roomId === 'string' ? webhookEvent.data.roomId : undefined;
  deps.logger.warn({ commandId: event.commandId, route: last?.route, err: last?.error.toJSON(), resource: webhookEvent.resource }, 'event.framework_call_failed');
  if (!roomId || !last) return;
  const reply: Reply = { kind: 'webexError', error: last.error };
  await postReply(deps, event, (message) => deps.framework.webex.messages.create({ roomId, ...message }), reply, {
    roomId,
    requesterId: webhookEvent.data.personId,
    failedRoute: last.route,
  });
}

function replyDetail(reply: Reply): string {
  return reply.kind === 'lookup' ? `lookup.${reply.outcome.kind}` : reply.kind;
}

function contextOf(framework: Framework, event: EventContext, bot: Framework.Bot, trigger: Framework.Trigger, source: 'message' | 'card'): CommandContext {
  const person = trigger.person ?? ({} as Framework.SdkPerson);
  return {
    commandId: event.commandId,
    deadline: event.deadline,
    requester: {
      id: trigger.personId ?? person.id ?? '',
      email: (person.emails?.[0] ?? trigger.message?.personEmail ?? '').toLowerCase(),
      displayName: person.displayName ?? '',
      orgId: person.orgId ?? '',
      type: person.type,
    },
    room: { id: bot.room?.id ?? trigger.message?.roomId ?? '', type: bot.isGroup ? 'group' : 'direct' },
    source,
    botName: framework.person?.displayName ?? 'the bot',
  };
}
