import { strict as assert } from 'node:assert';
import { createStores, type Stores } from '../../../src/store';
import { captureLogs } from '../../helpers/logs';
import { testRedisUrl, inspector, requireRedis, uniquePrefix } from '../../helpers/redis';

describe('store/createStores with Redis (two instances sharing one Redis)', () => {
  let prefix: string;
  let a: Stores;
  let b: Stores;
  let look: ReturnType<typeof inspector>;

  before(async function () {
    await requireRedis(this);
  });

  beforeEach(async () => {
    prefix = uniquePrefix();
    a = createStores({ redisUrl: testRedisUrl(), logger: captureLogs().logger, keyPrefix: prefix, eventTtlMs: 60_000 });
    b = createStores({ redisUrl: testRedisUrl(), logger: captureLogs().logger, keyPrefix: prefix, eventTtlMs: 60_000 });
    look = inspector(prefix);
    assert.deepEqual(await Promise.all([a.ready(), b.ready()]), [true, true]);
  });

  afterEach(async () => {
    await a.close();
    await b.close();
    await look.cleanup();
  });

  it('says it is the shared kind', () => {
    assert.equal(a.kind, 'redis');
  });

  describe('edits', () => {
    it('share a proposed edit between instances, with its time to live', async () => {
      await a.edits.put('E1', '{"x":1}', 300_000);
      assert.equal(await b.edits.get('E1'), '{"x":1}');
      assert.equal(await b.edits.get('E2'), undefined);
      const ttl = await look.redis.pttl(`${prefix}edit:E1`);
      assert.ok(ttl > 290_000 && ttl <= 300_000, String(ttl));
    });

    it('grant a claim to exactly one of two instances pressing at the same moment', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).edits.claim('E1', 60_000)));
      assert.equal(answers.filter(Boolean).length, 1);
      assert.equal(await a.edits.claim('E2', 60_000), true);
    });

    it('reject instead of guessing when Redis cannot be reached', async () => {
      await a.close();
      await assert.rejects(a.edits.claim('E3', 60_000));
      await assert.rejects(a.edits.get('E3'));
    });
  });

  describe('eventMemory', () => {
    it('lets only the first instance handle a redelivered event', async () => {
      assert.equal(await a.eventMemory.seen('messages:created:M1'), false);
      assert.equal(await b.eventMemory.seen('messages:created:M1'), true);
      assert.equal(await a.eventMemory.seen('messages:created:M1'), true);
      assert.equal(await b.eventMemory.seen('messages:created:M2'), false);
    });

    it('answers "not seen" exactly once when both instances ask at the same moment', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).eventMemory.seen('messages:created:RACE')));
      assert.equal(answers.filter((seen) => !seen).length, 1);
    });

    it('stores events under the prefix with the configured time to live', async () => {
      await a.eventMemory.seen('messages:created:M1');
      assert.deepEqual(await look.keys(), [`${prefix}event:messages:created:M1`]);
      const ttl = await look.redis.pttl(`${prefix}event:messages:created:M1`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    });
  });

  describe('rateLimit', () => {
    it('counts one window across instances and reports when it ends', async () => {
      const now = Date.parse('2024-06-01T10:00:00Z');
      const first = await a.rateLimit.hit('agent@example.com', 60_000, now);
      const second = await b.rateLimit.hit('agent@example.com', 60_000, now + 10);
      const other = await b.rateLimit.hit('other@example.com', 60_000, now + 10);
      assert.equal(first.count, 1);
      assert.equal(second.count, 2);
      assert.equal(other.count, 1);
      assert.ok(first.resetAt > now && first.resetAt <= now + 60_000, `resetAt ${first.resetAt - now} ms after now`);
      assert.ok(second.resetAt > now && second.resetAt <= now + 10 + 60_000);
      const ttl = await look.redis.pttl(`${prefix}rate:agent@example.com`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    });

    it('gives every concurrent hit its own count', async () => {
      const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).rateLimit.hit('busy', 60_000, 0)));
      assert.deepEqual(
        hits.map((h) => h.count).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });

    it('adds an amount when asked to', async () => {
      assert.equal((await a.rateLimit.hit('agent', 60_000, 0, 3)).count, 3);
      assert.equal((await b.rateLimit.hit('agent', 60_000, 0, 2)).count, 5);
      const ttl = await look.redis.pttl(`${prefix}rate:agent`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    });

    it('repairs a window that lost its expiry instead of limiting forever', async () => {
      await look.redis.set(`${prefix}rate:stuck`, '5');
      const hit = await a.rateLimit.hit('stuck', 30_000, 1_000);
      assert.equal(hit.count, 6);
      assert.equal(hit.resetAt, 31_000);
      const ttl = await look.redis.pttl(`${prefix}rate:stuck`);
      assert.ok(ttl > 0 && ttl <= 30_000, `ttl ${ttl}`);
    });
  });

  describe('kv', () => {
    it('shares values between instances, with a time to live', async () => {
      await a.kv.set('people:email:alice@example.com', '{"id":"P1"}', 60_000);
      assert.equal(await b.kv.get('people:email:alice@example.com'), '{"id":"P1"}');
      assert.equal(await b.kv.get('people:email:bob@example.com'), undefined);
      const ttl = await look.redis.pttl(`${prefix}kv:people:email:alice@example.com`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    });

    it('stores nothing for a time to live of zero', async () => {
      await a.kv.set('people:id:P1', '{}', 0);
      assert.equal(await b.kv.get('people:id:P1'), undefined);
      assert.deepEqual(await look.keys(), []);
    });
  });

  describe('changeMarkers', () => {
    it('shows a change made by one instance to the other, with a time to live', async () => {
      assert.equal(await b.changeMarkers!.read('members:R1'), undefined);
      await a.changeMarkers!.touch('members:R1', 60_000);
      const first = await b.changeMarkers!.read('members:R1');
      assert.equal(typeof first, 'string');
      await b.changeMarkers!.touch('members:R1', 60_000);
      const second = await a.changeMarkers!.read('members:R1');
      assert.notEqual(second, first, 'every touch is a new value');
      const ttl = await look.redis.pttl(`${prefix}changed:members:R1`);
      assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
    });

    it('tells its listeners when Redis answers again after the connection was lost', async () => {
      let reconnects = 0;
      a.changeMarkers!.onReconnect(() => reconnects++);
      await a.changeMarkers!.read('members:R1');
      // Drops every other client's connection (the inspector's own is kept): ioredis reconnects.
      await look.redis.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      for (let i = 0; i < 200 && reconnects === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(reconnects, 1);
    });

    it('fails instead of guessing when Redis cannot answer', async () => {
      await a.close();
      await assert.rejects(a.changeMarkers!.read('members:R1'));
      await assert.rejects(a.changeMarkers!.touch('members:R1', 1000));
    });
  });

  it('falls back to memory after close instead of throwing', async () => {
    await a.close();
    assert.equal(await a.eventMemory.seen('messages:created:AFTER'), false);
    assert.equal(await a.eventMemory.seen('messages:created:AFTER'), true);
    assert.equal((await a.rateLimit.hit('agent', 60_000, 0)).count, 1);
    assert.equal((await a.rateLimit.hit('agent', 60_000, 0)).count, 2);
    assert.equal(await a.kv.get('anything'), undefined);
    await a.kv.set('anything', 'x', 1000);
    assert.deepEqual(await look.keys(), []);
  });
});
