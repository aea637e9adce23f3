// Finds the Redis the store tests run against: REDIS_URL, or a local redis-server on 127.0.0.1:6379.
// Outside CI the Redis tests skip when there is none; in CI (CI=true) that is a failure.
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisReachable(url: string = TEST_REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** For a mocha `before` hook: skips the suite without Redis, or fails it in CI. */
export async function requireRedis(ctx: Mocha.Context): Promise<void> {
  if (await redisReachable()) return;
  if (process.env.CI === 'true') throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}; CI must run the Redis store tests (see .ci/run)`);
  ctx.skip();
}

/** A key prefix no other test run uses. */
export function uniquePrefix(): string {
  return `tnbot-test:${randomUUID()}:`;
}

/** A plain client for looking at what the stores wrote; deletes the test's keys on cleanup. */
export function inspector(prefix: string): { redis: Redis; keys(): Promise<string[]>; cleanup(): Promise<void> } {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const keys = async () => (await redis.keys(`${prefix}*`)).sort();
  return {
    redis,
    keys,
    async cleanup() {
      const found = await keys();
      if (found.length > 0) await redis.del(...found);
      await redis.quit();
    },
  };
}
