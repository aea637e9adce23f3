import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { RATE_GATE_STOPPED_MESSAGE, createRateGate } from '../../../src/webex/rate-gate';

const T0 = 1_700_000_000_000;

// settle() drives the fake clock 1 ms at a time, so start times are exact.
describe('webex/rate-gate', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });

  afterEach(() => clock.restore());

  async function tickUntil(condition: () => boolean, limitMs = 1000): Promise<void> {
    for (let waited = 0; !condition(); waited += 1) {
      if (waited >= limitMs) throw new Error(`condition not met within ${limitMs} fake ms`);
      await clock.tickAsync(1);
    }
  }

  async function settle<T>(promise: Promise<T>, limitMs = 1000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    await tickUntil(() => settled, limitMs);
    return promise;
  }

  /** Makes calls that record [name, Date.now()] when they start. */
  function recorder(starts: [string, number][]) {
    return (name: string, body: () => void = () => undefined) =>
      async (): Promise<string> => {
        starts.push([name, Date.now()]);
        body();
        return name;
      };
  }

  it('holds every queued call until Retry-After has passed, then runs them in order', async () => {
    const gate = createRateGate({ maxConcurrent: 1, maxPerSecond: 0 });
    const starts: [string, number][] = [];
    const call = recorder(starts);
    let heldUntil = 0;

    const all = Promise.all([
      gate.schedule(
        call('a', () => {
          gate.holdFor(3);
          heldUntil = Date.now() + 3000;
        }),
      ),
      gate.schedule(call('b')),
      gate.schedule(call('c')),
      gate.schedule(call('d')),
    ]);

    await tickUntil(() => heldUntil > 0);
    assert.equal(gate.stats().heldUntil, heldUntil);
    await clock.tickAsync(heldUntil - 1 - Date.now());
    assert.deepEqual(
      starts.map(([name]) => name),
      ['a'],
      'nothing else starts before the hold ends',
    );

    assert.deepEqual(await settle(all), ['a', 'b', 'c', 'd']);
    assert.deepEqual(
      starts.map(([name]) => name),
      ['a', 'b', 'c', 'd'],
    );
    for (const [name, startedAt] of starts.slice(1)) assert.ok(startedAt >= heldUntil, `${name} started ${heldUntil - startedAt} ms early`);
    assert.equal(gate.stats().heldUntil, undefined);
    await settle(gate.stop());
  });

  it('holds calls scheduled during the hold even when slots are free', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 0 });
    const starts: [string, number][] = [];
    const call = recorder(starts);

    gate.holdFor(2);
    const heldUntil = T0 + 2000;
    const first = gate.schedule(call('x'));
    await clock.tickAsync(500);
    const second = gate.schedule(call('y'));
    await tickUntil(() => gate.stats().held === 2);
    assert.deepEqual(gate.stats(), { queued: 2, running: 0, held: 2, heldUntil });
    assert.deepEqual(starts, []);

    assert.deepEqual(await settle(Promise.all([first, second]), 3000), ['x', 'y']);
    assert.deepEqual(starts, [
      ['x', heldUntil],
      ['y', heldUntil],
    ]);
    await settle(gate.stop());
  });

  it('lets a longer hold extend a shorter one but never shortens it', async () => {
    const gate = createRateGate({ maxConcurrent: 4, maxPerSecond: 0 });
    const starts: [string, number][] = [];
    const call = recorder(starts);

    gate.holdFor(5);
    gate.holdFor(1);
    assert.equal(gate.stats().heldUntil, T0 + 5000);
    const held = gate.schedule(call('p'));
    await clock.tickAsync(1000);
    gate.holdFor(6);
    assert.equal(gate.stats().heldUntil, T0 + 7000);
    await clock.tickAsync(5999);
    assert.deepEqual(starts, []);
    assert.equal(await settle(held), 'p');
    assert.deepEqual(starts, [['p', T0 + 7000]]);
    await settle(gate.stop());
  });

  it('ignores zero, negative and NaN holds', async () => {
    const gate = createRateGate();
    gate.holdFor(0);
    gate.holdFor(-3);
    gate.holdFor(Number.NaN);
    assert.equal(gate.stats().heldUntil, undefined);
    await settle(gate.stop());
  });

  it('starts a second\'s allowance at once, then each next call as an earlier start leaves the window', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 4 });
    const starts: [string, number][] = [];
    const call = recorder(starts);
    const names = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    await settle(Promise.all(names.map((name) => gate.schedule(call(name)))), 3000);
    const offsets = starts.map(([, at]) => at - T0);
    // A token bucket would start the fifth 250 ms later (eight calls within 1,000 ms); the window
    // never holds more than four, with 50 ms to spare for the network's jitter.
    assert.deepEqual(offsets, [0, 0, 0, 0, 1050, 1050, 1050, 1050, 2100]);
    await settle(gate.stop());
  });

  it('never starts more calls in any 1.05 s than the ceiling, however they are spread', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 3 });
    const starts: number[] = [];
    const scheduled: Promise<unknown>[] = [];
    for (const at of [0, 300, 600, 900, 1000, 1200, 1500]) {
      await clock.tickAsync(at - (Date.now() - T0));
      scheduled.push(gate.schedule(async () => starts.push(Date.now() - T0)));
    }
    await settle(Promise.all(scheduled), 3000);
    assert.deepEqual(starts, [0, 300, 600, 1050, 1350, 1650, 2100]);
    await settle(gate.stop());
  });

  it('starts a call waiting on the window when a later hold ends, not before', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 2 });
    const starts: number[] = [];
    const record = async () => starts.push(Date.now() - T0);
    const calls = [gate.schedule(record), gate.schedule(record), gate.schedule(record)];
    await clock.tickAsync(10);
    gate.holdFor(2);
    await settle(Promise.all(calls), 3000);
    assert.deepEqual(starts, [0, 0, 2010]);
    await settle(gate.stop());
  });

  it('fails a call still waiting for the window when its deadline passes, as a time-out, and starts the rest', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 1 });
    const starts: string[] = [];
    const first = gate.schedule(async () => starts.push('first'));
    const late = gate.schedule(async () => starts.push('late'), { deadline: T0 + 500 });
    const patient = gate.schedule(async () => starts.push('patient'), { deadline: T0 + 5000 });
    late.catch(() => undefined);
    await settle(first);
    await assert.rejects(settle(late), (err: Error & { status?: number; kind?: string }) => err.status === 0 && err.kind === 'timeout' && err.message === 'Webex did not answer in time');
    assert.equal(Date.now() - T0, 500);
    await settle(patient, 2000);
    assert.deepEqual(starts, ['first', 'patient']);
    assert.equal(Date.now() - T0, 1050);
    await settle(gate.stop());
  });

  it('leaves no time-out behind for a waiting call that stop() drops', async () => {
    const gate = createRateGate({ maxConcurrent: 16, maxPerSecond: 1 });
    await settle(gate.schedule(async () => 'first'));
    const waiting = gate.schedule(async () => 'waiting', { deadline: T0 + 5000 });
    waiting.catch(() => undefined);
    assert.equal(clock.countTimers(), 2, 'the window wake-up and the time-out');
    await settle(gate.stop());
    await assert.rejects(waiting, /shutting down/);
    assert.equal(clock.countTimers(), 0);
  });

  it('caps calls in flight at maxConcurrent', async () => {
    const gate = createRateGate({ maxConcurrent: 2, maxPerSecond: 0 });
    let inFlight = 0;
    let peak = 0;
    const slow = () => async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight -= 1;
    };
    const all = Promise.all([1, 2, 3, 4, 5].map(() => gate.schedule(slow())));
    await tickUntil(() => inFlight === 2);
    assert.deepEqual(gate.stats(), { queued: 3, running: 2, held: 0, heldUntil: undefined });
    await settle(all);
    assert.equal(peak, 2);
    await settle(gate.stop());
  });

  it('stop() ends the hold, drops every call that has not started and refuses new ones', async () => {
    const gate = createRateGate({ maxConcurrent: 1, maxPerSecond: 0 });
    const starts: [string, number][] = [];
    const call = recorder(starts);
    const outcome = (p: Promise<string>) =>
      p.then(
        () => 'ran',
        (err: Error) => err.message,
      );
    const started = gate.schedule(call('started', () => undefined));
    gate.holdFor(60);
    const held = outcome(gate.schedule(call('held')));
    const queued = outcome(gate.schedule(call('queued')));
    await tickUntil(() => gate.stats().held === 2);

    await settle(gate.stop());
    assert.equal(await settle(started), 'started', 'a running call finishes');
    assert.equal(await settle(held), RATE_GATE_STOPPED_MESSAGE);
    assert.equal(await settle(queued), RATE_GATE_STOPPED_MESSAGE);
    await assert.rejects(settle(gate.schedule(call('late'))), { message: RATE_GATE_STOPPED_MESSAGE });
    assert.deepEqual(
      starts.map(([name]) => name),
      ['started'],
    );
    assert.deepEqual(gate.stats(), { queued: 0, running: 0, held: 0, heldUntil: undefined });
  });
});

describe('webex/rate-gate deadlines', () => {
  it('fails a call at once with a 429 naming the wait when the hold outlasts its deadline', async () => {
    const { createRateGate } = await import('../../../src/webex/rate-gate');
    const gate = createRateGate({ maxConcurrent: 2, maxPerSecond: 0 });
    gate.holdFor(10, { trackingId: 'T-HOLD' });
    let ran = false;
    await assert.rejects(
      gate.schedule(
        async () => {
          ran = true;
        },
        { deadline: Date.now() + 2000 },
      ),
      (err: unknown) => {
        const e = err as { status: number; retryAfterSeconds: number; trackingId: string };
        assert.equal(e.status, 429);
        assert.ok(e.retryAfterSeconds >= 9 && e.retryAfterSeconds <= 10, String(e.retryAfterSeconds));
        assert.equal(e.trackingId, 'T-HOLD');
        return true;
      },
    );
    assert.equal(ran, false);
    await gate.stop();
  });
});

describe('webex/rate-gate queued calls and a new hold', () => {
  it('tells queued calls that cannot wait for a new hold at once, and keeps the ones that can', async () => {
    const gate = createRateGate({ maxConcurrent: 1, maxPerSecond: 0 });
    let release!: () => void;
    const blocker = gate.schedule(() => new Promise<void>((r) => (release = r)));
    const impatient = gate.schedule(async () => 'impatient', { deadline: Date.now() + 1000 });
    const patient = gate.schedule(async () => 'patient', { deadline: Date.now() + 60_000 });
    gate.holdFor(5, { trackingId: 'T-429' });
    await assert.rejects(impatient, (err: { status: number; retryAfterSeconds: number; trackingId: string }) => {
      assert.deepEqual([err.status, err.retryAfterSeconds, err.trackingId], [429, 5, 'T-429']);
      return true;
    });
    assert.deepEqual(gate.stats().queued, 1);
    release();
    await blocker;
    await gate.stop();
    await assert.rejects(patient);
  });

  it('starts a call that may start without yielding to the event loop', async () => {
    const gate = createRateGate();
    let started = false;
    const p = gate.schedule(async () => {
      started = true;
    });
    assert.equal(started, true);
    await p;
    await gate.stop();
  });
});
