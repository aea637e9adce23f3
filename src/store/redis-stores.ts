// The shared stores on Redis (ioredis); the organizations' indexes are in redis-org-index.ts. A Redis
// failure never fails the caller: it is reported (throttled) and the store answers from this instance's
// memory instead, as if Redis were not configured.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { Logger } from '../ops/logger';
import { createErrorReporter, type ReportError } from './error-reporter';
import { MemoryEventMemory, MemoryRateLimitStore } from './memory-stores';
import { RedisOrgIndexStore } from './redis-org-index';
import type { ChangeMarkers, EditStore, KeyValueStore, RateLimitHit, RateLimitStore, Stores } from './types';

export interface RedisStoresOptions {
  redisUrl: string;
  logger: Logger;
  /** Prepended to every key, so the bot can share a Redis with others. */
  keyPrefix: string;
  eventTtlMs: number;
  memoryMaxKeys: number;
  /** Bound on one Redis command, queued or sent. */
  commandTimeoutMs: number;
}

// INCRBY and PEXPIRE in one step: two instances can never both start a window, and a key can never be
// left without an expiry (the second branch repairs one that lost it).
const RATE_LIMIT_SCRIPT = `
local count = redis.call('INCRBY', KEYS[1], ARGV[2])
if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

const DEFAULT_READY_TIMEOUT_MS = 5_000;

interface WithRateLimitCommand {
  tnbotRateLimitHit(key: string, windowMs: number, amount: number): Promise<[number, number]>;
}

class RedisEventMemory {
  constructor(
    private readonly redis: Redis,
    private readonly local: MemoryEventMemory,
    private readonly ttlMs: number,
    private readonly report: ReportError,
  ) {}

  async seen(key: string): Promise<boolean> {
    // What this instance handled itself needs no round trip, and stays remembered through a Redis outage.
    if (this.local.seenNow(key)) return true;
    try {
      const set = await this.redis.set(`event:${key}`, '1', 'PX', this.ttlMs, 'NX');
      return set === null;
    } catch (err) {
      // Unknown to Redis right now: handling an event twice beats dropping it.
      this.report('eventMemory.seen', err);
      return false;
    }
  }
}

class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly local: MemoryRateLimitStore,
    private readonly report: ReportError,
  ) {}

  async hit(key: string, windowMs: number, now: number, amount = 1): Promise<RateLimitHit> {
    const by = Number.isInteger(amount) && amount > 0 ? amount : 1;
    try {
      const command = this.redis as unknown as WithRateLimitCommand;
      const [count, ttl] = await command.tnbotRateLimitHit(`rate:${key}`, Math.max(1, Math.ceil(windowMs)), by);
      return { count: Number(count), resetAt: now + Number(ttl) };
    } catch (err) {
      // Limits per instance until Redis is back, rather than no limits or no service.
      this.report('rateLimit.hit', err);
      return this.local.hitNow(key, windowMs, now, by);
    }
  }
}

class RedisKeyValueStore implements KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly report: ReportError,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(`kv:${key}`)) ?? undefined;
    } catch (err) {
      this.report('kv.get', err);
      return undefined;
    }
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!(ttlMs > 0)) return;
    try {
      await this.redis.set(`kv:${key}`, value, 'PX', Math.ceil(ttlMs));
    } catch (err) {
      this.report('kv.set', err);
    }
  }
}

class RedisChangeMarkers implements ChangeMarkers {
  private readonly reconnectListeners: Array<() => void> = [];

  constructor(private readonly redis: Redis) {
    let lost = false;
    redis.on('close', () => (lost = true));
    redis.on('ready', () => {
      if (!lost) return;
      lost = false;
      for (const listener of this.reconnectListeners) {
        try {
          listener();
        } catch {
          // A listener's failure must not keep the others from hearing of the reconnect.
        }
      }
    });
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  // No memory fallback here: during an outage "nothing changed" would be a guess, and callers fail closed.
  async read(key: string): Promise<string | undefined> {
    return (await this.redis.get(`changed:${key}`)) ?? undefined;
  }

  async touch(key: string, ttlMs: number): Promise<void> {
    await this.redis.set(`changed:${key}`, randomUUID(), 'PX', Math.max(1, Math.ceil(ttlMs)));
  }
}

/** No memory fallback: a claim that Redis did not grant could be granted to another instance too. */
class RedisEditStore implements EditStore {
  constructor(private readonly redis: Redis) {}

  async put(id: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`edit:${id}`, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async get(id: string): Promise<string | undefined> {
    return (await this.redis.get(`edit:${id}`)) ?? undefined;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`editclaim:${key}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }
}

export function createRedisStores(opts: RedisStoresOptions): Stores {
  const log = opts.logger.child({ component: 'store' });
  const report = createErrorReporter(log);
  const redis = new Redis(opts.redisUrl, {
    keyPrefix: opts.keyPrefix,
    commandTimeout: opts.commandTimeoutMs,
    // While disconnected, commands fail at once instead of waiting in a queue: callers fall back to
    // memory without adding latency to every event and command during an outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
  redis.defineCommand('tnbotRateLimitHit', { numberOfKeys: 1, lua: RATE_LIMIT_SCRIPT });
  // Without a listener ioredis prints every connection error to the console.
  redis.on('error', (err: unknown) => report('connection', err));
  redis.on('ready', () => log.info('store.redis_ready'));

  return {
    kind: 'redis',
    eventMemory: new RedisEventMemory(redis, new MemoryEventMemory(opts.eventTtlMs, opts.memoryMaxKeys), opts.eventTtlMs, report),
    rateLimit: new RedisRateLimitStore(redis, new MemoryRateLimitStore(opts.memoryMaxKeys), report),
    kv: new RedisKeyValueStore(redis, report),
    changeMarkers: new RedisChangeMarkers(redis),
    orgIndex: new RedisOrgIndexStore(redis, { report }),
    edits: new RedisEditStore(redis),
    ready(timeoutMs = DEFAULT_READY_TIMEOUT_MS) {
      if (redis.status === 'ready') return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          redis.off('ready', onReady);
          resolve(value);
        };
        const onReady = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        timer.unref();
        redis.on('ready', onReady);
      });
    },
    async close() {
      if (redis.status === 'end') return;
      if (redis.status !== 'ready') {
        redis.disconnect();
        return;
      }
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
