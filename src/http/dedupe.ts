// Webex may deliver the same event more than once and signs no timestamp: remember what was handled.
import { LRUCache } from 'lru-cache';
import type { WebexWebhookEvent } from '../webex/types';

export interface EventMemory {
  /** True when the event was seen before (and marks it seen otherwise). */
  seen(key: string): Promise<boolean> | boolean;
}

export function eventKey(event: WebexWebhookEvent): string {
  return `${event.resource}:${event.event}:${event.data.id}`;
}

export class InMemoryEventMemory implements EventMemory {
  private readonly keys: LRUCache<string, true>;
  constructor(ttlMs: number, max = 50_000) {
    this.keys = new LRUCache<string, true>({ max, ttl: ttlMs });
  }
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    this.keys.set(key, true);
    return false;
  }
}
