import { strict as assert } from 'node:assert';
import { ConcurrencyLimit, mapInOrder } from '../../../src/lookup/concurrency';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('lookup/concurrency', () => {
  it('never runs more than the limit, even when a newcomer arrives as a task finishes', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const task = () =>
      limit.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    const all = [task(), task(), task()];
    await settle();
    assert.equal(releases.length, 2);
    releases.shift()?.();
    all.push(task());
    await settle();
    while (releases.length > 0) {
      releases.shift()?.();
      await settle();
    }
    await Promise.all(all);
    assert.equal(most, 2);
  });

  it('maps in order whatever order the tasks finish in, and passes a rejection on', async () => {
    const delays = [3, 1, 2, 0];
    const out = await mapInOrder(delays, 2, async (d, i) => {
      for (let k = 0; k < d; k++) await settle();
      return `${i}:${d}`;
    });
    assert.deepEqual(out, ['0:3', '1:1', '2:2', '3:0']);
    await assert.rejects(mapInOrder([1], 1, async () => Promise.reject(new Error('boom'))), /boom/);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    assert.throws(() => new ConcurrencyLimit(0), RangeError);
    assert.throws(() => new ConcurrencyLimit(1.5), RangeError);
  });
});
