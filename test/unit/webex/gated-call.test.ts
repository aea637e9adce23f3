// The one path of a Webex call (the admin client's and the framework's SDK calls): gate, observation,
// the one error type, the gate held on 429, retries.
import { strict as assert } from 'node:assert';
import { WebexApiError } from '../../../src/webex/errors';
import { gatedCall } from '../../../src/webex/gated-call';
import type { RateGate } from '../../../src/webex/rate-gate';

/** A gate that runs every call at once and remembers what it was asked. */
function recordingGate(): RateGate & { holds: number[]; deadlines: Array<number | undefined> } {
  const holds: number[] = [];
  const deadlines: Array<number | undefined> = [];
  return {
    holds,
    deadlines,
    schedule: (fn, opts) => {
      deadlines.push(opts?.deadline);
      return fn();
    },
    holdFor: (seconds) => void holds.push(seconds),
    stop: async () => undefined,
    stats: () => ({ queued: 0, running: 0, held: 0 }),
  };
}

const rateLimited = (seconds: number) => new WebexApiError({ status: 429, message: 'slow down', retryAfterSeconds: seconds });
const noSleep = { sleep: async () => undefined };

describe('webex/gated-call', () => {
  it('holds the gate for the Retry-After of a 429 (capped), then tries again through the gate', async () => {
    const gate = recordingGate();
    const statuses: number[] = [];
    let n = 0;
    const result = await gatedCall(async () => (++n === 1 ? Promise.reject(rateLimited(600)) : 'done'), {
      route: 'people.get',
      gate,
      deadline: Date.now() + 60_000,
      retry: { ...noSleep, maxRetryAfterSeconds: 20 },
      toError: (err) => err as WebexApiError,
      onCall: (info) => statuses.push(info.status),
    });
    assert.equal(result, 'done');
    assert.deepEqual(gate.holds, [20]);
    assert.deepEqual(statuses, [429, 200]);
    assert.equal(gate.deadlines.length, 2, 'each attempt goes through the gate');
  });

  it('turns any failure into the caller’s WebexApiError and stops where the retry policy says', async () => {
    const gate = recordingGate();
    let calls = 0;
    const error = await gatedCall(
      async () => {
        calls += 1;
        throw Object.assign(new Error('boom'), { statusCode: 404 });
      },
      { route: 'rooms.get', gate, retry: noSleep, toError: () => new WebexApiError({ status: 404, message: 'Not found' }) },
    ).catch((err: unknown) => err);
    assert.ok(error instanceof WebexApiError);
    assert.equal(error.status, 404);
    assert.equal(calls, 1, 'a 404 is not tried again');
    assert.deepEqual(gate.holds, []);
  });

  it('tries nothing again that the caller says may not be', async () => {
    let calls = 0;
    const timeout = new WebexApiError({ status: 0, kind: 'timeout', message: 'Webex did not answer in time' });
    await assert.rejects(
      gatedCall(
        async () => {
          calls += 1;
          throw timeout;
        },
        { route: 'messages.create', retry: { ...noSleep, mayRetry: (e) => e.kind !== 'timeout' }, toError: (err) => err as WebexApiError },
      ),
      (err: unknown) => err === timeout,
    );
    assert.equal(calls, 1);
  });

  it('never lets a failing observer break the call', async () => {
    const result = await gatedCall(async () => 'ok', {
      route: 'messages.get',
      toError: (err) => err as WebexApiError,
      onCall: () => {
        throw new Error('metrics broke');
      },
    });
    assert.equal(result, 'ok');
  });
});
