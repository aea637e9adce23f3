// The stores the bot shares between instances: Redis when REDIS_URL is set, memory otherwise.
import type { Logger } from '../ops/logger';
import { DEFAULT_MEMORY_MAX_KEYS, MemoryEventMemory, MemoryKeyValueStore, MemoryRateLimitStore, type MonotonicClock } from './memory-stores';
import { createRedisStores } from './redis-stores';
import { JournaledEventMemory } from './event-journal';
import { MemoryOrgIndexStore } from './memory-org-index';
import { MemoryEditStore } from './memory-edit-store';
import type { Stores } from './types';

export type { BuildLock, ChangeMarkers, EditStore, EventMemory, KeyValueStore, OrgIndexStamp, OrgIndexStore, RateLimitHit, RateLimitStore, Stores } from './types';
export { JournaledEventMemory, EVENT_JOURNAL_FILE_NAME } from './event-journal';
export { MemoryEventMemory, MemoryKeyValueStore, MemoryRateLimitStore, type MonotonicClock } from './memory-stores';
export { MemoryOrgIndexStore } from './memory-org-index';
export { MemoryEditStore } from './memory-edit-store';

export interface CreateStoresOptions {
  redisUrl?: string;
  logger: Logger;
  /** Default 'tnbot:'. */
  keyPrefix?: string;
  /** How long a handled webhook event is remembered. Default 6 hours. */
  eventTtlMs?: number;
  /** Bound on each in-memory store (and on the memory fallbacks of the Redis ones). */
  memoryMaxKeys?: number;
  /** Bound on one Redis command. Default 1000. */
  commandTimeoutMs?: number;
  /** Without Redis: a file where handled events are kept across restarts (see event-journal.ts). */
  eventJournalFile?: string;
  /** Clock for the in-memory times to live (tests). */
  memoryClock?: MonotonicClock;
}

export const DEFAULT_KEY_PREFIX = 'tnbot:';
export const DEFAULT_EVENT_TTL_MS = 6 * 60 * 60 * 1000;
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1_000;

export function createStores(opts: CreateStoresOptions): Stores {
  const eventTtlMs = opts.eventTtlMs ?? DEFAULT_EVENT_TTL_MS;
  const memoryMaxKeys = opts.memoryMaxKeys ?? DEFAULT_MEMORY_MAX_KEYS;
  if (opts.redisUrl) {
    return createRedisStores({
      redisUrl: opts.redisUrl,
      logger: opts.logger,
      keyPrefix: opts.keyPrefix ?? DEFAULT_KEY_PREFIX,
      eventTtlMs,
      memoryMaxKeys,
      commandTimeoutMs: opts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    });
  }
  const eventMemory = opts.eventJournalFile
    ? new JournaledEventMemory({ file: opts.eventJournalFile, ttlMs: eventTtlMs, maxKeys: memoryMaxKeys, logger: opts.logger })
    : new MemoryEventMemory(eventTtlMs, memoryMaxKeys, opts.memoryClock);
  return {
    kind: 'memory',
    eventMemory,
    rateLimit: new MemoryRateLimitStore(memoryMaxKeys),
    kv: new MemoryKeyValueStore(memoryMaxKeys, opts.memoryClock),
    orgIndex: new MemoryOrgIndexStore({ clock: opts.memoryClock }),
    edits: new MemoryEditStore(),
    ready: async () => true,
    // The journal's last lines must be on disk before the process exits.
    close: async () => {
      if (eventMemory instanceof JournaledEventMemory) await eventMemory.flushed();
    },
  };
}
