// What the bot keeps that several instances must share when REDIS_URL is set: handled webhook events,
// per-requester rate limits and cached people. Without Redis the same interfaces live in memory.
import type { EventMemory } from '../http/dedupe';

export type { EventMemory };

export interface RateLimitHit {
  /** Hits in the current window, these included. */
  count: number;
  /** Epoch ms when the current window ends and the count starts again from zero. */
  resetAt: number;
}

/** A fixed window per key that starts with the key's first hit (same contract as src/access/rate-limiter.ts). */
export interface RateLimitStore {
  /** Adds `amount` (default 1) to the key's count in its current window, opening one of `windowMs` if none is. */
  hit(key: string, windowMs: number, now: number, amount?: number): Promise<RateLimitHit>;
}

/** String values with a time to live (people caches store JSON). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  /** A ttlMs of 0 or less stores nothing. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

/**
 * A value per key that changes each time `touch` is called, shared by every instance, so one instance
 * can tell the others "what you remember about this key is out of date". Unlike the other stores,
 * failures reject: a caller that cannot tell must assume the worst.
 */
export interface ChangeMarkers {
  read(key: string): Promise<string | undefined>;
  touch(key: string, ttlMs: number): Promise<void>;
  /** Calls `listener` each time the shared store answers again after the connection was lost. */
  onReconnect(listener: () => void): void;
}

export interface Stores {
  /** 'redis' when REDIS_URL was given: shared by every instance. */
  readonly kind: 'memory' | 'redis';
  eventMemory: EventMemory & { seen(key: string): Promise<boolean> };
  rateLimit: RateLimitStore;
  kv: KeyValueStore;
  /** Only when instances share a store (Redis); a single instance needs none. */
  changeMarkers?: ChangeMarkers;
  /**
   * Resolves true once the shared store answers (at once for memory), false after `timeoutMs`. Until
   * then the Redis stores answer from memory, so start-up may await this before taking events.
   */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
