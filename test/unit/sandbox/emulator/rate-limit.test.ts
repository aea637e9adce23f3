import { strict as assert } from 'node:assert';
import { RollingRateLimiter } from '../../../../sandbox/emulator/rate-limit';

describe('sandbox/emulator/rate-limit RollingRateLimiter', () => {
  it('allows everything without a limit', () => {
    const limiter = new RollingRateLimiter(() => new Date(0));
    for (let i = 0; i < 100; i += 1) assert.deepEqual(limiter.check(), { allowed: true });
  });

  it('refuses beyond perSecond within a rolling second, with Retry-After of at least 1', () => {
    let now = 10_000;
    const limiter = new RollingRateLimiter(() => new Date(now));
    limiter.setLimit(2);
    assert.deepEqual([limiter.check(), limiter.check()], [{ allowed: true }, { allowed: true }]);
    now += 999;
    assert.deepEqual(limiter.check(), { allowed: false, retryAfterSeconds: 1 });
    now += 1;
    assert.deepEqual(limiter.check(), { allowed: true });
  });
});
