import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { RequesterRateLimiter, type RateLimitStore } from '../../../src/access/rate-limiter';
import { MemoryRateLimitStore } from '../../../src/store';

describe('access/RequesterRateLimiter', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
  });
  afterEach(() => clock.restore());

  async function takeTimes(limiter: RequesterRateLimiter, id: string, times: number) {
    const results = [];
    for (let i = 0; i < times; i++) results.push(await limiter.take(id));
    return results;
  }

  it('allows 30 look-ups a minute by default and refuses the 31st until the minute is over', async () => {
    const limiter = new RequesterRateLimiter({ limit: 30, store: new MemoryRateLimitStore() });
    const first = await takeTimes(limiter, 'P1', 30);
    assert.ok(first.every((r) => r.allowed));
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 60 });
    clock.tick(59_999);
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 1 });
    clock.tick(1);
    assert.deepEqual(await limiter.take('P1'), { allowed: true });
  });

  it('says how long to wait, rounded up to whole seconds', async () => {
    const limiter = new RequesterRateLimiter({ limit: 1, store: new MemoryRateLimitStore() });
    await limiter.take('P1');
    clock.tick(30_500);
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 30 });
    clock.tick(29_400);
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 1 });
  });

  it('counts each requester on their own', async () => {
    const limiter = new RequesterRateLimiter({ limit: 2, store: new MemoryRateLimitStore() });
    await takeTimes(limiter, 'P1', 2);
    assert.equal((await limiter.take('P1')).allowed, false);
    assert.deepEqual(await limiter.take('P2'), { allowed: true });
  });

  it('uses fixed windows that start at the first look-up', async () => {
    const limiter = new RequesterRateLimiter({ limit: 2, store: new MemoryRateLimitStore() });
    await limiter.take('P1');
    clock.tick(50_000);
    await limiter.take('P1');
    // The window opened 50 s ago: 10 s left, not a fresh minute from the last look-up.
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 10 });
    clock.tick(10_000);
    assert.deepEqual(await takeTimes(limiter, 'P1', 2), [{ allowed: true }, { allowed: true }]);
  });

  it('honours a configured window', async () => {
    const limiter = new RequesterRateLimiter({ limit: 1, windowMs: 5_000, store: new MemoryRateLimitStore() });
    await limiter.take('P1');
    assert.deepEqual(await limiter.take('P1'), { allowed: false, retryAfterSeconds: 5 });
    clock.tick(5_000);
    assert.deepEqual(await limiter.take('P1'), { allowed: true });
  });

  it('takes several look-ups at once, refusing the whole batch when it does not fit', async () => {
    const limiter = new RequesterRateLimiter({ limit: 10, store: new MemoryRateLimitStore() });
    assert.deepEqual(await limiter.take('P1', 8), { allowed: true });
    assert.deepEqual(await limiter.take('P1', 3), { allowed: false, retryAfterSeconds: 60 });
    assert.deepEqual(await limiter.take('P2', 10), { allowed: true });
    assert.deepEqual(await limiter.take('P3', 11), { allowed: false, retryAfterSeconds: 60 });
  });

  it('counts a cost that is not a whole positive number as one', async () => {
    const limiter = new RequesterRateLimiter({ limit: 1, store: new MemoryRateLimitStore() });
    assert.deepEqual(await limiter.take('P1', 0), { allowed: true });
    assert.deepEqual(await limiter.take('P1', -5), { allowed: false, retryAfterSeconds: 60 });
    assert.deepEqual(await limiter.take('P2', Number.NaN), { allowed: true });
  });

  it('asks the store with a prefixed key, the window and the time', async () => {
    const hit = sinon.stub<Parameters<RateLimitStore['hit']>, ReturnType<RateLimitStore['hit']>>().resolves({ count: 1, resetAt: 0 });
    const limiter = new RequesterRateLimiter({ limit: 5, store: { hit } });
    await limiter.take('P1');
    assert.deepEqual(hit.firstCall.args, ['lookups:P1', 60_000, Date.parse('2026-03-02T09:00:00Z'), 1]);
  });

  it('lets look-ups through when the store fails, and reports the failure', async () => {
    const failure = new Error('redis unavailable');
    const onStoreError = sinon.spy();
    const limiter = new RequesterRateLimiter({ limit: 1, store: { hit: () => Promise.reject(failure) }, onStoreError });
    assert.deepEqual(await limiter.take('P1'), { allowed: true });
    assert.deepEqual(onStoreError.firstCall.args, [failure]);
  });

  it('rejects a limit below 1 or a window that is not positive', () => {
    const store = new MemoryRateLimitStore();
    assert.throws(() => new RequesterRateLimiter({ limit: 0, store }), /limit/);
    assert.throws(() => new RequesterRateLimiter({ limit: 1.5, store }), /limit/);
    assert.throws(() => new RequesterRateLimiter({ limit: 1, windowMs: 0, store }), /windowMs/);
  });
});

describe('access/MemoryRateLimitStore', () => {
  it('counts hits in a window and starts a new one when it has passed', async () => {
    const store = new MemoryRateLimitStore();
    assert.deepEqual(await store.hit('k', 1000, 0), { count: 1, resetAt: 1000 });
    assert.deepEqual(await store.hit('k', 1000, 999), { count: 2, resetAt: 1000 });
    assert.deepEqual(await store.hit('k', 1000, 1000), { count: 1, resetAt: 2000 });
  });

  it('adds an amount at once', async () => {
    const store = new MemoryRateLimitStore();
    assert.deepEqual(await store.hit('k', 1000, 0, 4), { count: 4, resetAt: 1000 });
    assert.deepEqual(await store.hit('k', 1000, 1, 2), { count: 6, resetAt: 1000 });
  });

  it('remembers at most maxKeys keys, forgetting the least recently used', async () => {
    const store = new MemoryRateLimitStore(2);
    await store.hit('a', 1000, 0);
    await store.hit('a', 1000, 0);
    await store.hit('b', 1000, 0);
    await store.hit('c', 1000, 0);
    assert.deepEqual(await store.hit('a', 1000, 1), { count: 1, resetAt: 1001 });
    assert.deepEqual(await store.hit('c', 1000, 1), { count: 2, resetAt: 1000 });
  });
});
