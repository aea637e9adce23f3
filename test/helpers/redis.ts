// The Redis the store tests run against: REDIS_URL when it is set; otherwise a throwaway
// redis-server this process starts on a free loopback port (nothing written to disk) and stops
// when it exits. Without REDIS_URL and without the redis-server binary the Redis tests skip, except
// in CI (CI=true), where that is a failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';

let url: string | undefined = process.env.REDIS_URL || undefined;
let starting: Promise<string | undefined> | undefined;
let server: ChildProcess | undefined;

/** The URL of the test Redis; only valid after requireRedis() has passed. */
export function testRedisUrl(): string {
  if (!url) throw new Error('testRedisUrl() before requireRedis()');
  return url;
}

export async function redisReachable(at: string): Promise<boolean> {
  const probe = new Redis(at, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
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

function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startThrowawayServer(): Promise<string | undefined> {
  if (!hasRedisServer()) return undefined;
  const port = await freePort();
  server = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const child = server;
  process.once('exit', () => child.kill());
  const at = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) return undefined;
    if (await redisReachable(at)) return at;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  return undefined;
}

/** For a mocha `before` hook: makes the test Redis available, or skips the suite (fails it in CI). */
export async function requireRedis(ctx: Mocha.Context): Promise<void> {
  if (url && (await redisReachable(url))) return;
  if (!process.env.REDIS_URL) {
    starting ??= startThrowawayServer();
    url = await starting;
    if (url) return;
  }
  const where = process.env.REDIS_URL ? `at REDIS_URL (${process.env.REDIS_URL})` : 'and redis-server could not be started (is it installed?)';
  if (process.env.CI === 'true') throw new Error(`Redis is not reachable ${where}; CI must run the Redis store tests`);
  ctx.skip();
}

/** A key prefix no other test run uses. */
export function uniquePrefix(): string {
  return `tnbot-test:${randomUUID()}:`;
}

/** A plain client for looking at what the stores wrote; deletes the test's keys on cleanup. */
export function inspector(prefix: string): { redis: Redis; keys(): Promise<string[]>; cleanup(): Promise<void> } {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
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
