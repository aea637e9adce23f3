// Edits of one instance: without Redis there is no other instance to share them with.
import { LRUCache } from 'lru-cache';
import type { EditStore } from './types';

/** Far more than the edits a help desk proposes in the 15 minutes one is kept. */
const MAX_EDITS = 10_000;

export class MemoryEditStore implements EditStore {
  private readonly values = new LRUCache<string, string>({ max: MAX_EDITS });
  private readonly claims = new LRUCache<string, true>({ max: MAX_EDITS });

  async put(id: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(id, value, { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }

  async get(id: string): Promise<string | undefined> {
    return this.values.get(id);
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (this.claims.has(key)) return false;
    this.claims.set(key, true, { ttl: Math.max(1, Math.ceil(ttlMs)) });
    return true;
  }
}
