// The Redis the tests use without REDIS_URL: their own throwaway server, never a Redis that happens to
// be running on the machine (6379), and one that writes nothing to disk.
import { strict as assert } from 'node:assert';
import Redis from 'ioredis';
import { requireRedis, testRedisUrl } from '../../helpers/redis';

describe('test helper: the tests start their own Redis', () => {
  before(async function () {
    if (process.env.REDIS_URL) this.skip();
    await requireRedis(this);
  });

  it('is a server on a free loopback port, not the usual 6379, saving nothing', async () => {
    const at = new URL(testRedisUrl());
    assert.equal(at.hostname, '127.0.0.1');
    assert.notEqual(at.port, '6379');
    const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      assert.deepEqual(await redis.config('GET', 'save'), ['save', '']);
      assert.deepEqual(await redis.config('GET', 'appendonly'), ['appendonly', 'no']);
      assert.deepEqual(await redis.config('GET', 'bind'), ['bind', '127.0.0.1']);
    } finally {
      redis.disconnect();
    }
  });
});
