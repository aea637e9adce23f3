// Hands verified webhook events to the framework (through the adapter, framework/process-event.ts),
// the first events of a space it does not know yet one after another, and answers an event the
// framework dropped because one of its own Webex calls failed.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../ops/logger';
import type { WebexWebhookEvent } from '../webex/types';
import { processWebhookEvent, type Framework, type SpaceHints } from './framework';
import { EventTrace, runInEventContext, type EventContext, type FailedCall } from './event-context';

export interface DispatcherOptions {
  framework: Framework;
  /** Time from receiving an event to answering it. */
  commandTimeoutMs: number;
  /** Where first contact with a space leaves what the event says about it (see framework/space-hints.ts). */
  spaceHints?: SpaceHints;
  /** Called when the framework could not hand an event to us because a Webex call failed. */
  onUnhandledFailure: (event: WebexWebhookEvent, ctx: EventContext, failures: readonly FailedCall[]) => Promise<void>;
  /** Resolves once the framework has started; events wait for it instead of being dropped. */
  ready: Promise<void>;
  webhookUrl: string;
  logger: Logger;
}

export function createEventDispatcher(opts: DispatcherOptions): (event: WebexWebhookEvent) => Promise<void> {
  const { framework, logger } = opts;
  // The framework drops a second event for a space while it is still "spawning" its bot object there,
  // so events for a space it doesn't know yet are processed one after another.
  const pendingSpawns = new Map<string, Promise<unknown>>();

  return async (event) => {
    const receivedAt = Date.now();
    await opts.ready;
    if (!framework.active) {
      logger.warn({ resource: event.resource, event: event.event }, 'event.dropped_framework_inactive');
      return;
    }
    // Our own posts come back through the firehose: skip them without fetching anything.
    if (event.resource === 'messages' && event.data.personId !== undefined && event.data.personId === framework.person?.id) return;

    if (event.resource === 'memberships') {
      // Membership changes in 1:1s tell us nothing we need (no welcome there; the first message
      // discovers the space), and would cost the framework's discovery calls.
      if (event.data.roomType === 'direct') return;
      if (event.event !== 'deleted') opts.spaceHints?.rememberMembership(event.data);
    }
    const trace = new EventTrace();
    const ctx: EventContext = { commandId: randomUUID().slice(0, 8), receivedAt, deadline: receivedAt + opts.commandTimeoutMs, report: trace };
    const run = () => runInEventContext(ctx, () => processWebhookEvent(framework, event, opts.webhookUrl));
    const roomId = typeof event.data.roomId === 'string' ? event.data.roomId : undefined;
    if (roomId === undefined || framework.findBotObjectInRoom(roomId)) {
      await run();
    } else {
      rememberSpace(opts.spaceHints, event, roomId);
      const previous = pendingSpawns.get(roomId) ?? Promise.resolve();
      const mine = previous.catch(() => undefined).then(run);
      pendingSpawns.set(roomId, mine);
      try {
        await mine;
      } finally {
        if (pendingSpawns.get(roomId) === mine) pendingSpawns.delete(roomId);
      }
    }
    // The framework swallows failures of its own calls (message fetch, space discovery, sender
    // look-up) and drops the event: answer it ourselves so nothing vanishes silently.
    const outcome = trace.outcome();
    if (!outcome.handled && outcome.failures.length > 0 && isCommandEvent(event)) {
      await opts.onUnhandledFailure(event, ctx, outcome.failures);
    }
  };
}

function rememberSpace(hints: SpaceHints | undefined, event: WebexWebhookEvent, roomId: string): void {
  const roomType = event.data.roomType;
  if (!hints || event.resource !== 'messages' || (roomType !== 'direct' && roomType !== 'group')) return;
  const personId = event.data.personId;
  hints.remember({
    roomId,
    roomType,
    sender: typeof personId === 'string' ? { personId, personEmail: event.data.personEmail } : undefined,
  });
}

function isCommandEvent(event: WebexWebhookEvent): boolean {
  return (event.resource === 'messages' || event.resource === 'attachmentActions') && event.event === 'created';
}
