// Where the index is kept (src/store: Redis when REDIS_URL is set, memory otherwise), as the index uses it.
import type { BuildProgress, IndexEntry, OrgIndexSnapshot } from './types';

export interface IndexStamp {
  builtAt: number;
  complete: boolean;
  /** Changes on every save and entry update. */
  version: number;
}

export interface IndexLock {
  /** False when the lock was lost (it expired and someone else took it). */
  extend(): Promise<boolean>;
  release(): Promise<void>;
}

export interface IndexStore {
  load(orgKey: string): Promise<OrgIndexSnapshot | undefined>;
  stamp(orgKey: string): Promise<IndexStamp | undefined>;
  save(snapshot: OrgIndexSnapshot): Promise<void>;
  /** Replaces or appends one entry of a stored index; nothing when there is none. */
  putEntry(orgKey: string, entry: IndexEntry): Promise<void>;
  /** The org's build lock, or undefined when another holder has it; it expires after ttlMs unless extended. */
  lock(orgKey: string, ttlMs: number): Promise<IndexLock | undefined>;
  locked(orgKey: string): Promise<boolean>;
  setProgress(orgKey: string, progress: BuildProgress, ttlMs: number): Promise<void>;
  getProgress(orgKey: string): Promise<BuildProgress | undefined>;
}
