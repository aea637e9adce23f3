// Framework events → command → reply. Each event is handled on its own promise, awaited and caught here,
// because the framework does not await listeners (a rejection there would be unhandled).
import type Framework from 'webex-node-bot-framework';
import { parseCardSubmit, parseCommand } from '../commands';
import type { Command } from '../commands/types';
import { renderReply } from '../cards';
import type { Reply } from '../cards/types';
import type { Logger } from '../ops/logger';
import type { WebexWebhookEvent } from '../webex/types';
import { CommandRunner, safeError, type CommandContext } from './command-runner';
import { currentEventContext, runInEventContext, type EventContext } from './event-context';

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
}

const DEFAULT_REPLY_GRACE_MS = 5_000;

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
}

/** Marks the event as ours: from here on the handler answers it, whatever happens. */
function takeOver(deps: HandlerDeps): EventContext {
  const event = currentEventContext() ?? {
    commandId: CommandRunner.newCommandId(),
    deadline: Date.now() + deps.commandTimeoutMs,
    handled: false,
    failures: [],
  };
  event.handled = true;
  return event;
}

export function botNamesOf(framework: Framework): string[] {
  const p = framework.person ?? ({} as Framework.SdkPerson);
  const names = [p.displayName, p.firstName, p.displayName?.split(' ')[0], p.nickName as string | undefined];
  return names.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

async function handleMessage(deps: HandlerDeps, event: EventContext, bot: Framework.Bot, trigger: Framework.Trigger): Promise<void> {
  const text = trigger.message?.text ?? trigger.text ?? '';
  const command = parseCommand(text, { botNames: botNamesOf(deps.framework) });
  await respond(deps, event, bot, trigger, command, 'message');
}

async function handleCardSubmit(deps: HandlerDeps, event: EventContext, bot: Framework.Bot, trigger: Framework.Trigger): Promise<void> {
  const inputs = trigger.attachmentAction?.inputs ?? {};
  const command = parseCardSubmit(typeof inputs === 'object' && inputs !== null ? inputs : {});
  await respond(deps, event, bot, trigger, command, 'card');
}

async function respond(
  deps: HandlerDeps,
  event: EventContext,
  bot: Framework.Bot,
  trigger: Framework.Trigger,
  command: Command,
  source: 'message' | 'card',
): Promise<void> {
  const ctx = contextOf(deps.framework, event, bot, trigger, source);
  const log = deps.logger.child({ commandId: ctx.commandId });
  let reply: Reply;
  try {
    reply = await deps.runner.run(command, ctx);
  } catch (err) {
    log.error({ err: safeError(err) }, 'command.internal_error');
    reply = { kind: 'internalError', reference: ctx.commandId };
  }
  await postReply(deps, event, (message) => bot.say({ ...message }), reply, {
    roomId: ctx.room.id,
    roomType: ctx.room.type,
    requesterId: ctx.requester.id,
    source,
    command,
  });
}

type Poster = (message: ReturnType<typeof renderReply>) => Promise<unknown>;

/** Posts a reply with the SDK guard's retries; a final failure is logged with everything needed to answer by hand. */
async function postReply(deps: HandlerDeps, event: EventContext, post: Poster, reply: Reply, about: Record<string, unknown>): Promise<boolean> {
  const log = deps.logger.child({ commandId: event.commandId });
  const grace = deps.replyGraceMs ?? DEFAULT_REPLY_GRACE_MS;
  const replyContext: EventContext = { ...event, deadline: Math.max(event.deadline, Date.now()) + grace };
  try {
    await runInEventContext(replyContext, () => Promise.resolve(post(renderReply(reply))));
    log.info({ reply: replyDetail(reply), ...about, command: undefined }, 'reply.sent');
    return true;
  } catch (err) {
    log.error({ err: safeError(err), reply: reply.kind, ...about }, 'reply.failed');
    return false;
  }
}

/**
 * The framework dropped an event because one of its own Webex calls failed (message fetch, space
 * discovery, sender look-up): tell the agent in that space, with the tracking ID.
 */
export async function answerUnhandledFailure(deps: HandlerDeps, webhookEvent: WebexWebhookEvent, event: EventContext): Promise<void> {
  const last = event.failures[event.failures.length - 1];
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
    },
    room: { id: bot.room?.id ?? trigger.message?.roomId ?? '', type: bot.isGroup ? 'group' : 'direct' },
    source,
    botName: framework.person?.displayName ?? 'the bot',
  };
}
