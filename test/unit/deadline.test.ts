import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { byDeadline } from '../../src/deadline';

describe('deadline byDeadline', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  it("gives the work's result when it comes first, and leaves no timer behind", async () => {
    assert.equal(await byDeadline(Promise.resolve('done'), Date.now() + 1000, 'late'), 'done');
    assert.equal(clock.countTimers(), 0);
  });

  it('gives the stand-in once the deadline passes, not before', async () => {
    let answer: string | undefined;
    void byDeadline(new Promise<string>(() => undefined), Date.now() + 1000, 'late').then((a) => (answer = a));
    await clock.tickAsync(999);
    assert.equal(answer, undefined);
    await clock.tickAsync(1);
    assert.equal(answer, 'late');
  });

  it("passes the work's failure on when it comes first", async () => {
    await assert.rejects(byDeadline(Promise.reject(new Error('boom')), Date.now() + 1000, 'late'), /boom/);
  });
});
