// The Redis the store tests run against: REDIS_URL when it is set; otherwise a throwaway
// redis-server this process starts on a free loopback port (nothing written to disk) and stops
// when it ends (an exit, Ctrl-C or a kill). Without REDIS_URL and without the redis-server binary
// the Redis tests skip, except in CI (CI=true), where that is a failure that says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Redis from 'ioredis';

let url: string | undefined = process.env.REDIS_URL || undefined;
let starting: Promise<Started> | undefined;

type Started = { ok: true; url: string } | { ok: false; why: string };

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

/** Stops the server when this process ends, however it ends (Ctrl-C and kill included). */
function stopWithThisProcess(child: ChildProcess): void {
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      stop();
      // Listening replaced the default action: end as the signal would have, unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Args of a throwaway server: loopback, that port, nothing written to disk. */
export function throwawayServerArgs(port: number): string[] {
  return ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--loglevel', 'warning'];
}

async function startOnce(): Promise<Started & { retry?: boolean }> {
  const port = await freePort();
  const child = spawn('redis-server', throwawayServerArgs(port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-2000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // The server must not keep the test run alive: it is stopped when the run ends.
  child.unref();
  for (const pipe of [child.stdout, child.stderr]) (pipe as net.Socket | null)?.unref();
  stopWithThisProcess(child);
  const at = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) {
      const last = output.trim().split('\n').pop() ?? '';
      // Another process took the port between the probe and the start: worth one more try.
      return { ok: false, why: `redis-server exited at start: ${last || `exit code ${child.exitCode}`}`, retry: /address already in use/i.test(output) };
    }
    if (await redisReachable(at)) return { ok: true, url: at };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  return { ok: false, why: 'redis-server did not answer within 5 seconds' };
}

async function startThrowawayServer(): Promise<Started> {
  if (!hasRedisServer()) return { ok: false, why: 'REDIS_URL is unset and redis-server is not installed (apt-get install redis-server, or set REDIS_URL)' };
  const first = await startOnce();
  return !first.ok && first.retry ? startOnce() : first;
}

/** For a mocha `before` hook: makes the test Redis available, or skips the suite (fails it in CI). */
export async function requireRedis(ctx: Mocha.Context): Promise<void> {
  if (url && (await redisReachable(url))) return;
  let why: string;
  if (process.env.REDIS_URL) {
    why = `REDIS_URL (${urlHost(process.env.REDIS_URL)}) does not answer`;
  } else {
    starting ??= startThrowawayServer();
    const started = await starting;
    if (started.ok) {
      url = started.url;
      return;
    }
    why = started.why;
  }
  if (process.env.CI === 'true') throw new Error(`No Redis for the Redis store tests: ${why}. CI must run them.`);
  ctx.skip();
}

/** Scheme, host and port: REDIS_URL may carry a password. */
function urlHost(at: string): string {
  try {
    const parsed = new URL(at);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an unparsable URL';
  }
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
