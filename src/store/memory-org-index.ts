// The organizations' indexes in this instance's memory: the store without Redis, and the fallback of
// the Redis one. Bounded by the number of orgs kept (least recently used goes first).
import { performance } from 'node:perf_hooks';
import { LRUCache } from 'lru-cache';
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from '../org-index/types';
import { perfOf, type MonotonicClock } from './memory-stores';
import type { BuildLock, OrgIndexStamp, OrgIndexStore } from './types';

export const DEFAULT_ORG_INDEX_MAX_ORGS = 20;
const MAX_PROGRESS_KEYS = 1_000;

export interface MemoryOrgIndexOptions {
  /** Indexes kept at most. Default 20. */
  maxOrgs?: number;
  /** For the lock and progress expiries (tests). Default performance.now. */
  clock?: MonotonicClock;
}

/**
 * The entries as an index keeps them: one per id, at the position of the id's first occurrence, with
 * the id's last entry (what saving them one by one with putEntry would give).
 */
export function uniqueEntries(entries: readonly IndexEntry[]): IndexEntry[] {
  const positions = new Map<string, number>();
  const unique: IndexEntry[] = [];
  for (const entry of entries) {
    const at = positions.get(entry.id);
    if (at === undefined) {
      positions.set(entry.id, unique.length);
      unique.push(entry);
    } else {
      unique[at] = entry;
    }
  }
  return unique;
}

/** Where each id is in `entries`. */
export function positionsOf(entries: readonly IndexEntry[]): Map<string, number> {
  return new Map(entries.map((entry, i) => [entry.id, i]));
}

/**
 * `snapshot` with `entries` put in, in turn: a new snapshot and entries array (the old ones are left as
 * they are, for whoever holds them). `positions` is the old snapshot's, and is updated to the new one.
 */
export function withEntries(snapshot: OrgIndexSnapshot, positions: Map<string, number>, entries: readonly IndexEntry[]): OrgIndexSnapshot {
  const next = snapshot.entries.slice();
  for (const entry of entries) {
    const at = positions.get(entry.id);
    if (at === undefined) {
      positions.set(entry.id, next.length);
      next.push(entry);
    } else {
      next[at] = entry;
    }
  }
  return { ...snapshot, entries: next };
}

interface HeldIndex {
  snapshot: OrgIndexSnapshot;
  version: number;
  /** Built on the first putEntry. */
  positions?: Map<string, number>;
}

interface HeldLock {
  token: number;
  expiresAt: number;
}

export class MemoryOrgIndexStore implements OrgIndexStore {
  private readonly indexes: LRUCache<string, HeldIndex>;
  private readonly progress: LRUCache<string, BuildProgress>;
  private readonly locks = new Map<string, HeldLock>();
  private readonly clock: MonotonicClock;
  private lastVersion = 0;
  private lastToken = 0;

  constructor(opts: MemoryOrgIndexOptions = {}) {
    this.clock = opts.clock ?? (() => performance.now());
    this.indexes = new LRUCache<string, HeldIndex>({ max: opts.maxOrgs ?? DEFAULT_ORG_INDEX_MAX_ORGS });
    this.progress = new LRUCache<string, BuildProgress>({ max: MAX_PROGRESS_KEYS, ...perfOf(opts.clock) });
  }

  async load(orgKey: string): Promise<OrgIndexSnapshot | undefined> {
    return this.indexes.get(orgKey)?.snapshot;
  }

  async stamp(orgKey: string): Promise<OrgIndexStamp | undefined> {
    const held = this.indexes.get(orgKey);
    return held && { builtAt: held.snapshot.builtAt, complete: held.snapshot.complete, version: held.version };
  }

  async save(snapshot: OrgIndexSnapshot): Promise<void> {
    this.indexes.set(snapshot.orgKey, { snapshot: { ...snapshot, entries: uniqueEntries(snapshot.entries) }, version: ++this.lastVersion });
  }

  async putEntry(orgKey: string, entry: IndexEntry): Promise<void> {
    const held = this.indexes.get(orgKey);
    if (!held) return;
    const positions = held.positions ?? positionsOf(held.snapshot.entries);
    this.indexes.set(orgKey, { snapshot: withEntries(held.snapshot, positions, [entry]), version: ++this.lastVersion, positions });
  }

  /** An org's index and its version, without making it the most recently used. */
  peek(orgKey: string): { snapshot: OrgIndexSnapshot; version: number } | undefined {
    const held = this.indexes.peek(orgKey);
    return held && { snapshot: held.snapshot, version: held.version };
  }

  /** Drops an org's index (the Redis store's fallback copy, once Redis has a newer one). */
  forget(orgKey: string): void {
    this.indexes.delete(orgKey);
  }

  async lock(orgKey: string, ttlMs: number): Promise<BuildLock | undefined> {
    return this.lockNow(orgKey, ttlMs);
  }

  /** The same without a promise, for the Redis store's fallback. */
  lockNow(orgKey: string, ttlMs: number): BuildLock | undefined {
    const now = this.clock();
    this.dropExpiredLocks(now);
    if (this.locks.has(orgKey)) return undefined;
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const token = ++this.lastToken;
    this.locks.set(orgKey, { token, expiresAt: now + ttl });
    return {
      extend: async () => {
        const at = this.clock();
        const held = this.heldLock(orgKey, at);
        if (held && held.token !== token) return false;
        // Expired and taken by nobody: still ours to take again.
        this.locks.set(orgKey, { token, expiresAt: at + ttl });
        return true;
      },
      release: async () => {
        if (this.heldLock(orgKey, this.clock())?.token === token) this.locks.delete(orgKey);
      },
    };
  }

  async locked(orgKey: string): Promise<boolean> {
    return this.lockedNow(orgKey);
  }

  lockedNow(orgKey: string): boolean {
    return this.heldLock(orgKey, this.clock()) !== undefined;
  }

  async setProgress(orgKey: string, progress: BuildProgress, ttlMs: number): Promise<void> {
    this.progress.set(orgKey, { ...progress }, { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }

  async getProgress(orgKey: string): Promise<BuildProgress | undefined> {
    const progress = this.progress.get(orgKey);
    return progress && { ...progress };
  }

  private heldLock(orgKey: string, now: number): HeldLock | undefined {
    const held = this.locks.get(orgKey);
    if (held && held.expiresAt <= now) {
      this.locks.delete(orgKey);
      return undefined;
    }
    return held;
  }

  private dropExpiredLocks(now: number): void {
    for (const [orgKey, held] of this.locks) if (held.expiresAt <= now) this.locks.delete(orgKey);
  }
}
