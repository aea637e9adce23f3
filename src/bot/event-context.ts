// Per-event context that follows one webhook event through the framework's promise chains (which we
// don't control) into the framework adapter (bot/framework/) and our handlers. AsyncLocalStorage is the only way through them:
// the framework calls our listeners and the SDK without passing anything of ours along.
//
// The context itself is read-only. What the dispatcher needs to learn (did a handler take the event
// over? which of the framework's own Webex calls failed?) is reported through `report`, an object the
// dispatcher owns and reads back as a value once the framework is done with the event.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WebexApiError } from '../webex/errors';

export interface FailedCall {
  route: string;
  error: WebexApiError;
}

/** How the parts an event passes through tell its dispatcher what happened to it. */
export interface EventReport {
  /** A handler took the event over: from here on it answers it, whatever happens. */
  takenOver(): void;
  /** One of the framework's Webex calls for this event failed (message fetch, sender look-up …). */
  callFailed(call: FailedCall): void;
}

export interface EventContext {
  /** Short id that ties together every log line of one command. */
  readonly commandId: string;
  /** Epoch ms when the event reached the bot. */
  readonly receivedAt: number;
  /** Epoch ms by which the agent must have been answered. */
  readonly deadline: number;
  readonly report: EventReport;
}

/** What became of one event, as the dispatcher reads it back. */
export interface EventOutcome {
  handled: boolean;
  failures: readonly FailedCall[];
}

/** The dispatcher's side of an EventReport. */
export class EventTrace implements EventReport {
  private handled = false;
  private readonly failures: FailedCall[] = [];

  takenOver(): void {
    this.handled = true;
  }

  callFailed(call: FailedCall): void {
    this.failures.push(call);
  }

  outcome(): EventOutcome {
    return { handled: this.handled, failures: [...this.failures] };
  }
}

/** For events that reach a handler without a dispatcher (websocket mode): nobody reads the report. */
export const UNREAD_REPORT: EventReport = { takenOver: () => undefined, callFailed: () => undefined };

const storage = new AsyncLocalStorage<EventContext>();

export function runInEventContext<T>(ctx: EventContext, work: () => Promise<T>): Promise<T> {
  return storage.run(ctx, work);
}

export function currentEventContext(): EventContext | undefined {
  return storage.getStore();
}
