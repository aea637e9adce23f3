// The single-instance stores: bounded LRU maps, so a flood of distinct keys cannot grow memory forever.
import { LRUCache } from 'lru-cache';
import type { KeyValueStore, RateLimitHit, RateLimitStore } from './types';

export const DEFAULT_MEMORY_MAX_KEYS = 50_000;

/** Milliseconds from any fixed origin, for time to live; lru-cache uses performance.now() by default. */
export type MonotonicClock = () => number;

// With a clock of its own, lru-cache must ask it every time instead of caching "now" for a millisecond.
export const perfOf = (clock?: MonotonicClock) => (clock ? { perf: { now: clock }, ttlResolution: 0 } : {});

export class MemoryEventMemory {
  private readonly keys: LRUCache<string, true>;
  constructor(ttlMs: number, max = DEFAULT_MEMORY_MAX_KEYS, clock?: MonotonicClock) {
    this.keys = new LRUCache<string, true>({ max, ttl: ttlMs, ...perfOf(clock) });
  }
  async seen(key: string): Promise<boolean> {
    return this.seenNow(key);
  }
  /** The same answer without a promise, for callers that cannot wait. */
  seenNow(key: string): boolean {
    if (this.keys.has(key)) return true;
    this.keys.set(key, true);
    return false;
  }
  /** Marks a key seen for `ttlMs` (what a journal read at start still remembers). */
  remember(key: string, ttlMs: number): void {
    if (ttlMs > 0) this.keys.set(key, true, { ttl: ttlMs });
  }
  /** How many keys are remembered (some may have expired but not yet been dropped). */
  get size(): number {
    return this.keys.size;
  }
  /** Every key still remembered, with the milliseconds it has left. */
  remembered(): Array<[key: string, remainingMs: number]> {
    return [...this.keys.keys()].map((key): [string, number] => [key, this.keys.getRemainingTTL(key)]).filter(([, ms]) => ms > 0);
  }
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows: LRUCache<string, RateLimitHit>;
  constructor(max = DEFAULT_MEMORY_MAX_KEYS) {
    this.windows = new LRUCache<string, RateLimitHit>({ max });
  }
  async hit(key: string, windowMs: number, now: number, amount = 1): Promise<RateLimitHit> {
    return this.hitNow(key, windowMs, now, amount);
  }
  hitNow(key: string, windowMs: number, now: number, amount = 1): RateLimitHit {
    const current = this.windows.get(key);
    const next = current && now < current.resetAt ? { count: current.count + amount, resetAt: current.resetAt } : { count: amount, resetAt: now + windowMs };
    // The entry is useless once its window ends: let the cache drop it then.
    this.windows.set(key, next, { ttl: Math.max(1, next.resetAt - now) });
    return { ...next };
  }
}

export class MemoryKeyValueStore implements KeyValueStore {
  private readonly values: LRUCache<string, string>;
  constructor(max = DEFAULT_MEMORY_MAX_KEYS, clock?: MonotonicClock) {
    this.values = new LRUCache<string, string>({ max, ...perfOf(clock) });
  }
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    // lru-cache reads ttl 0 as "forever"; here it means "do not cache".
    if (!(ttlMs > 0)) return;
    this.values.set(key, value, { ttl: ttlMs });
  }
}
