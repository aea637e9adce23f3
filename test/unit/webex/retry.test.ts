import { strict as assert } from 'node:assert';
import { AxiosError } from 'axios';
import { WebexApiError } from '../../../src/webex/errors';
import { type RetryOptions, resolveRetryOptions, retryDecision, withRetry } from '../../../src/webex/retry';

const T0 = 1_700_000_000_000;

function options(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return resolveRetryOptions({ random: () => 0.5, now: () => T0, sleep: async () => undefined, ...overrides });
}

function httpError(status: number, retryAfterSeconds?: number): WebexApiError {
  return new WebexApiError({ status, message: `status ${status}`, retryAfterSeconds, trackingId: `ROUTER_${status}` });
}

describe('webex/retry', () => {
  describe('retryDecision for each status (first failure, random 0.5)', () => {
    const table: [string, WebexApiError, ReturnType<typeof retryDecision>][] = [
      ['400', httpError(400), { retry: false, reason: 'notRetryable' }],
      ['401', httpError(401), { retry: false, reason: 'notRetryable' }],
      ['403', httpError(403), { retry: false, reason: 'notRetryable' }],
      ['404', httpError(404), { retry: false, reason: 'notRetryable' }],
      ['405', httpError(405), { retry: false, reason: 'notRetryable' }],
      ['409', httpError(409), { retry: false, reason: 'notRetryable' }],
      ['410', httpError(410), { retry: false, reason: 'notRetryable' }],
      ['415', httpError(415), { retry: false, reason: 'notRetryable' }],
      ['428', httpError(428), { retry: false, reason: 'notRetryable' }],
      ['418 (any other 4xx)', httpError(418), { retry: false, reason: 'notRetryable' }],
      ['423 with Retry-After 5', httpError(423, 5), { retry: true, delayMs: 5000 }],
      ['423 without Retry-After', httpError(423), { retry: true, delayMs: 125 }],
      ['429 with Retry-After 7', httpError(429, 7), { retry: true, delayMs: 7000 }],
      ['429 with Retry-After 0', httpError(429, 0), { retry: true, delayMs: 0 }],
      ['429 with Retry-After 600 (capped)', httpError(429, 600), { retry: true, delayMs: 60_000 }],
      ['429 without Retry-After', httpError(429), { retry: true, delayMs: 125 }],
      ['500', httpError(500), { retry: true, delayMs: 125 }],
      ['502', httpError(502), { retry: true, delayMs: 125 }],
      ['503', httpError(503), { retry: true, delayMs: 125 }],
      ['503 with Retry-After 2', httpError(503, 2), { retry: true, delayMs: 2000 }],
      ['504', httpError(504), { retry: true, delayMs: 125 }],
      ['network', new WebexApiError({ status: 0, kind: 'network', message: 'reset' }), { retry: true, delayMs: 125 }],
      ['timeout', new WebexApiError({ status: 0, kind: 'timeout', message: 'slow' }), { retry: true, delayMs: 125 }],
      ['unexpected (status 0, http)', new WebexApiError({ status: 0, message: 'bug' }), { retry: false, reason: 'notRetryable' }],
    ];
    for (const [label, error, expected] of table) {
      it(label, () => assert.deepEqual(retryDecision(error, 1, options()), expected));
    }
  });

  describe('retryDecision bounds', () => {
    it('retries a 500 once only', () => {
      assert.deepEqual(retryDecision(httpError(500), 2, options()), { retry: false, reason: 'exhausted' });
    });

    it('stops after maxRetries', () => {
      assert.deepEqual(retryDecision(httpError(503), 3, options()), { retry: true, delayMs: 500 });
      assert.deepEqual(retryDecision(httpError(503), 4, options()), { retry: false, reason: 'exhausted' });
      assert.deepEqual(retryDecision(httpError(429, 1), 2, options({ maxRetries: 1 })), { retry: false, reason: 'exhausted' });
      assert.deepEqual(retryDecision(httpError(500), 1, options({ maxRetries: 0 })), { retry: false, reason: 'exhausted' });
    });

    it('doubles the jitter ceiling from 250 ms and never exceeds 4 s', () => {
      const nearlyOne = options({ random: () => 0.999999, maxRetries: 10 });
      const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => {
        const decision = retryDecision(httpError(502), attempt, nearlyOne);
        return decision.retry ? decision.delayMs : -1;
      });
      assert.deepEqual(delays, [249, 499, 999, 1999, 3999, 3999, 3999]);
    });

    it('can wait zero with full jitter', () => {
      assert.deepEqual(retryDecision(httpError(504), 3, options({ random: () => 0 })), { retry: true, delayMs: 0 });
    });

    it('refuses a wait that would end after the deadline, but allows one ending exactly at it', () => {
      assert.deepEqual(retryDecision(httpError(429, 5), 1, options({ deadline: T0 + 4999 })), { retry: false, reason: 'deadline' });
      assert.deepEqual(retryDecision(httpError(429, 5), 1, options({ deadline: T0 + 5000 })), { retry: true, delayMs: 5000 });
    });
  });

  describe('withRetry', () => {
    it('returns the first success and sleeps the decided delays in order', async () => {
      const sleeps: number[] = [];
      const failures = [httpError(429, 3), httpError(503), httpError(502)];
      const result = await withRetry(
        async (n) => {
          if (n <= failures.length) throw failures[n - 1];
          return `ok on ${n}`;
        },
        options({ sleep: async (ms) => void sleeps.push(ms) }),
      );
      assert.equal(result, 'ok on 4');
      assert.deepEqual(sleeps, [3000, 250, 500]);
    });

    it('throws the last error once retries run out, reporting each retry', async () => {
      const retries: [number, number, number][] = [];
      let calls = 0;
      await assert.rejects(
        withRetry(
          async () => {
            calls += 1;
            throw httpError(503);
          },
          options({ onRetry: ({ attempt, delayMs, error }) => retries.push([attempt, delayMs, error.status]) }),
        ),
        (err: unknown) => err instanceof WebexApiError && err.status === 503 && err.trackingId === 'ROUTER_503',
      );
      assert.equal(calls, 4);
      assert.deepEqual(retries, [
        [1, 125, 503],
        [2, 250, 503],
        [3, 500, 503],
      ]);
    });

    it('does not retry a 404', async () => {
      let calls = 0;
      await assert.rejects(
        withRetry(async () => {
          calls += 1;
          throw httpError(404);
        }, options()),
        { status: 404 },
      );
      assert.equal(calls, 1);
    });

    it('throws at once, keeping retryAfterSeconds, when the wait would cross the deadline', async () => {
      const sleeps: number[] = [];
      let calls = 0;
      await assert.rejects(
        withRetry(
          async () => {
            calls += 1;
            throw httpError(429, 30);
          },
          options({ deadline: T0 + 10_000, sleep: async (ms) => void sleeps.push(ms) }),
        ),
        (err: unknown) => err instanceof WebexApiError && err.status === 429 && err.retryAfterSeconds === 30,
      );
      assert.equal(calls, 1);
      assert.deepEqual(sleeps, []);
    });

    it('names the wait it really observes: a Retry-After of a day leaves as the 60-second cap', async () => {
      await assert.rejects(
        withRetry(
          async () => {
            throw httpError(429, 86_400);
          },
          options({ deadline: T0 + 10_000 }),
        ),
        (err: unknown) => err instanceof WebexApiError && err.status === 429 && err.retryAfterSeconds === 60 && err.trackingId === 'ROUTER_429',
      );
    });

    it('stops when time spent waiting brings the deadline near', async () => {
      let clock = T0;
      const sleeps: number[] = [];
      let calls = 0;
      await assert.rejects(
        withRetry(
          async () => {
            calls += 1;
            throw httpError(429, 4);
          },
          options({
            deadline: T0 + 10_000,
            now: () => clock,
            sleep: async (ms) => {
              sleeps.push(ms);
              clock += ms;
            },
          }),
        ),
        { status: 429, retryAfterSeconds: 4 },
      );
      assert.deepEqual(sleeps, [4000, 4000]);
      assert.equal(calls, 3);
    });

    it('never throws raw axios errors', async () => {
      const raw = new AxiosError('timeout of 5ms exceeded', 'ECONNABORTED');
      await assert.rejects(
        withRetry(async () => {
          throw raw;
        }, options({ maxRetries: 1 })),
        (err: unknown) => err instanceof WebexApiError && err.kind === 'timeout' && err.message === 'Webex did not answer in time',
      );
    });
  });
});

describe('webex/retry mayRetry', () => {
  it('lets a caller refuse retries the policy would allow, but never widen them', async () => {
    let calls = 0;
    const timeout = new WebexApiError({ status: 0, kind: 'timeout', message: 'slow' });
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw timeout;
        },
        { mayRetry: (e) => e.kind !== 'timeout', sleep: async () => undefined },
      ),
      (e: unknown) => e === timeout,
    );
    assert.equal(calls, 1);
    calls = 0;
    const notFound = new WebexApiError({ status: 404, message: 'nope' });
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw notFound;
        },
        { mayRetry: () => true, sleep: async () => undefined },
      ),
    );
    assert.equal(calls, 1);
  });
});

describe('webex/retry rate limits within a deadline', () => {
  it('keeps honouring Retry-After past the usual retry count while the deadline allows, then stops at the deadline', () => {
    const opts = resolveRetryOptions({ maxRetries: 3, deadline: 1_000_000 + 6_500, now: () => 1_000_000 });
    const busy = new WebexApiError({ status: 429, message: 'busy', retryAfterSeconds: 1 });
    assert.deepEqual(retryDecision(busy, 4, opts), { retry: true, delayMs: 1000 });
    assert.deepEqual(retryDecision(busy, 10, opts), { retry: true, delayMs: 1000 });
    assert.deepEqual(retryDecision(busy, 11, opts), { retry: false, reason: 'exhausted' });
    const late = resolveRetryOptions({ maxRetries: 3, deadline: 1_000_000 + 500, now: () => 1_000_000 });
    assert.deepEqual(retryDecision(busy, 1, late), { retry: false, reason: 'deadline' });
    const noDeadline = resolveRetryOptions({ maxRetries: 3 });
    assert.deepEqual(retryDecision(busy, 4, noDeadline), { retry: false, reason: 'exhausted' });
    const outage = new WebexApiError({ status: 503, message: 'down' });
    assert.deepEqual(retryDecision(outage, 4, opts), { retry: false, reason: 'exhausted' }, 'a 5xx keeps the usual bound');
  });
});
