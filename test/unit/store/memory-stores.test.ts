import { strict as assert } from 'node:assert';
import { RequesterRateLimiter } from '../../../src/access/rate-limiter';
import { createStores } from '../../../src/store';
import { captureLogs } from '../../helpers/logs';

describe('store/createStores without Redis (memory)', () => {
  let nowMs = 0;
  const memoryClock = () => nowMs;
  const memory = (opts: { memoryMaxKeys?: number; eventTtlMs?: number } = {}) => createStores({ logger: captureLogs().logger, memoryClock, ...opts });

  beforeEach(() => {
    nowMs = 1_000;
  });

  it('says it is the memory kind, is ready at once and closes without ado', async () => {
    const stores = memory();
    assert.equal(stores.kind, 'memory');
    assert.equal(await stores.ready(), true);
    await stores.close();
  });

  describe('edits', () => {
    it('keep a proposed edit by ID and grant each claim once', async () => {
      const stores = memory();
      await stores.edits.put('E1', '{"x":1}', 60_000);
      assert.equal(await stores.edits.get('E1'), '{"x":1}');
      assert.equal(await stores.edits.get('E2'), undefined);
      assert.deepEqual(await Promise.all([stores.edits.claim('E1', 60_000), stores.edits.claim('E1', 60_000)]), [true, false]);
      assert.equal(await stores.edits.claim('E2', 60_000), true);
    });
  });

  describe('eventMemory', () => {
    it('answers false the first time and true afterwards', async () => {
      const { eventMemory } = memory();
      assert.equal(await eventMemory.seen('messages:created:M1'), false);
      assert.equal(await eventMemory.seen('messages:created:M1'), true);
      assert.equal(await eventMemory.seen('messages:created:M2'), false);
    });

    it('forgets an event after its time to live', async () => {
      const { eventMemory } = memory({ eventTtlMs: 60_000 });
      assert.equal(await eventMemory.seen('messages:created:M1'), false);
      nowMs += 59_000;
      assert.equal(await eventMemory.seen('messages:created:M1'), true);
      nowMs += 2_000;
      assert.equal(await eventMemory.seen('messages:created:M1'), false);
    });
  });

  describe('rateLimit', () => {
    it('counts hits in a window that starts at the first hit, then starts over', async () => {
      const { rateLimit } = memory();
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 1_000), { count: 1, resetAt: 61_000 });
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 30_000), { count: 2, resetAt: 61_000 });
      assert.deepEqual(await rateLimit.hit('other', 60_000, 30_000), { count: 1, resetAt: 90_000 });
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 60_999), { count: 3, resetAt: 61_000 });
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 61_000), { count: 1, resetAt: 121_000 });
    });

    it('adds an amount when asked to', async () => {
      const { rateLimit } = memory();
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 0, 3), { count: 3, resetAt: 60_000 });
      assert.deepEqual(await rateLimit.hit('agent', 60_000, 0, 2), { count: 5, resetAt: 60_000 });
    });

    it('plugs into the requester rate limiter', async () => {
      const limiter = new RequesterRateLimiter({ limit: 2, store: memory().rateLimit, now: () => 0 });
      assert.deepEqual(await limiter.take('agent'), { allowed: true });
      assert.deepEqual(await limiter.take('agent'), { allowed: true });
      assert.deepEqual(await limiter.take('agent'), { allowed: false, retryAfterSeconds: 60 });
    });
  });

  describe('kv', () => {
    it('returns what was set until its time to live has passed', async () => {
      const { kv } = memory();
      await kv.set('people:id:P1', '{"id":"P1"}', 10_000);
      assert.equal(await kv.get('people:id:P1'), '{"id":"P1"}');
      nowMs += 9_000;
      assert.equal(await kv.get('people:id:P1'), '{"id":"P1"}');
      nowMs += 2_000;
      assert.equal(await kv.get('people:id:P1'), undefined);
    });

    it('stores nothing for a time to live of zero or less', async () => {
      const { kv } = memory();
      await kv.set('a', 'x', 0);
      await kv.set('b', 'y', -5);
      assert.equal(await kv.get('a'), undefined);
      assert.equal(await kv.get('b'), undefined);
    });

    it('is bounded: the least recently used key goes first', async () => {
      const { kv } = memory({ memoryMaxKeys: 2 });
      await kv.set('a', '1', 60_000);
      await kv.set('b', '2', 60_000);
      assert.equal(await kv.get('a'), '1');
      await kv.set('c', '3', 60_000);
      assert.deepEqual([await kv.get('a'), await kv.get('b'), await kv.get('c')], ['1', undefined, '3']);
    });
  });
});
