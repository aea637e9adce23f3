// Webex may deliver the same event more than once and signs no timestamp: remember what was handled.
import type { WebexWebhookEvent } from '../webex/types';

export interface EventMemory {
  /** True when the event was seen before (and marks it seen otherwise). */
  seen(key: string): Promise<boolean> | boolean;
}

export function eventKey(event: WebexWebhookEvent): string {
  return `${event.resource}:${event.event}:${event.data.id}`;
}
