// Per-event context that follows one webhook event through the framework's promise chains (which we
// don't control) into the SDK guard and our handlers: its deadline, and what went wrong on the way.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WebexApiError } from '../webex/errors';

export interface EventContext {
  /** Short id that ties together every log line of one command. */
  commandId: string;
  /** Epoch ms when the event reached the bot. */
  receivedAt: number;
  /** Epoch ms by which the agent must have been answered. */
  deadline: number;
  /** Set when one of our handlers took the event over (it then answers, whatever happens). */
  handled: boolean;
  /** Webex failures of the framework's own calls for this event (message fetch, sender look-up …). */
  failures: Array<{ route: string; error: WebexApiError }>;
}

const storage = new AsyncLocalStorage<EventContext>();

export function runInEventContext<T>(ctx: EventContext, work: () => Promise<T>): Promise<T> {
  return storage.run(ctx, work);
}

export function currentEventContext(): EventContext | undefined {
  return storage.getStore();
}
