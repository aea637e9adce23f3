// What the bot keeps that several instances must share when REDIS_URL is set: handled webhook events,
// per-requester rate limits, cached people and the organizations' indexes. Without Redis the same
// interfaces live in memory.
import type { EventMemory } from '../http/dedupe';
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from '../org-index/types';

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

export interface OrgIndexStamp {
  builtAt: number;
  complete: boolean;
  /** Changes on every save and putEntry. */
  version: number;
}

export interface BuildLock {
  /** Pushes the expiry out by the lock's ttl; false when the lock was lost (expired and taken by another). */
  extend(): Promise<boolean>;
  /** Lets go (only if still ours). */
  release(): Promise<void>;
}

/**
 * One index per organization (up to ~100,000 entries), built by one instance at a time and read by
 * all. Snapshots are shared, not copied: what load returns and what save was given (entries
 * included) must not be changed afterwards. A later save or putEntry never changes a snapshot
 * already returned; it makes a new one. Entry ids are unique within an index: a save given one id
 * twice keeps the first position and the last entry, as a putEntry would.
 */
export interface OrgIndexStore {
  /** The stored index of an org (entries in saved order, entries added by putEntry after them), or undefined. */
  load(orgKey: string): Promise<OrgIndexSnapshot | undefined>;
  /** builtAt/complete and a version that changes on every save and putEntry — cheap (no entries). */
  stamp(orgKey: string): Promise<OrgIndexStamp | undefined>;
  /** Replaces the org's index as a whole, atomically: a reader sees the old one or the new one, never a mix. */
  save(snapshot: OrgIndexSnapshot): Promise<void>;
  /** Replaces (by id) or appends one entry of the org's stored index; does nothing when the org has none. Bumps the version. */
  putEntry(orgKey: string, entry: IndexEntry): Promise<void>;
  /** The build lock of an org: one holder at a time, across instances; undefined when someone else holds it. Expires after ttlMs unless extended (a dead builder does not block forever). */
  lock(orgKey: string, ttlMs: number): Promise<BuildLock | undefined>;
  /** Whether anyone holds the org's build lock now. */
  locked(orgKey: string): Promise<boolean>;
  /** How far the running build has come, for other instances' "building" notes (kept ttlMs). */
  setProgress(orgKey: string, progress: BuildProgress, ttlMs: number): Promise<void>;
  getProgress(orgKey: string): Promise<BuildProgress | undefined>;
}

/**
 * Proposed and made edits (JSON by ID, with a time to live) and once-only claims on them. Unlike the
 * caches, failures reject: an edit that cannot be claimed for sure is not written.
 */
export interface EditStore {
  put(id: string, value: string, ttlMs: number): Promise<void>;
  get(id: string): Promise<string | undefined>;
  /** True for the first caller only, across instances, for ttlMs. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}

export interface Stores {
  /** 'redis' when REDIS_URL was given: shared by every instance. */
  readonly kind: 'memory' | 'redis';
  eventMemory: EventMemory & { seen(key: string): Promise<boolean> };
  rateLimit: RateLimitStore;
  kv: KeyValueStore;
  /** Only when instances share a store (Redis); a single instance needs none. */
  changeMarkers?: ChangeMarkers;
  orgIndex: OrgIndexStore;
  edits: EditStore;
  /**
   * Resolves true once the shared store answers (at once for memory), false after `timeoutMs`. Until
   * then the Redis stores answer from memory, so start-up may await this before taking events.
   */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}
