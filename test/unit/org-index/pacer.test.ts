import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { Pacer } from '../../../src/org-index/pacer';

describe('org-index/Pacer', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it('spaces starts evenly, with no burst at first or after a quiet spell', async () => {
    const pacer = new Pacer(20);
    const starts: number[] = [];
    const go = async () => {
      await pacer.turn();
      starts.push(Date.now());
    };
    const first = Promise.all([go(), go(), go(), go()]);
    await clock.tickAsync(100);
    await first;
    assert.deepEqual(starts, [1_000, 1_020, 1_040, 1_060]);
    await clock.tickAsync(1_000);
    const second = Promise.all([go(), go()]);
    await clock.tickAsync(100);
    await second;
    assert.deepEqual(starts.slice(4), [2_100, 2_120], 'after a quiet spell: one now, the next one interval later');
  });
});
