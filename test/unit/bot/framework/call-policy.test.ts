// The call policy on a fake SDK: what the framework's calls turn into.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { callPolicy, guardMethods } from '../../../../src/bot/framework/call-policy';
import { EventTrace, runInEventContext } from '../../../../src/bot/event-context';
import { WebexApiError } from '../../../../src/webex/errors';
import type { RateGate } from '../../../../src/webex/rate-gate';
import { call, fakeSdk, noSleep, recordingGate, sdkError } from './fake-sdk';

describe('bot/framework/call-policy', () => {
  let gate: RateGate;
  let holds: number[];
  beforeEach(() => ({ gate, holds } = recordingGate()));
  afterEach(() => gate.stop());

  it('retries a 429 after holding the gate for its Retry-After, and records each call', async () => {
    const sdk = fakeSdk();
    const get = sdk.messages.get as sinon.SinonStub;
    get.onFirstCall().rejects(sdkError(429, { 'retry-after': '7' }));
    get.onSecondCall().resolves({ id: 'M1' });
    const calls: Array<[string, number]> = [];
    const retries: Array<[string, number]> = [];
    guardMethods(
      sdk,
      callPolicy({
        gate,
        retry: { maxRetries: 2, maxRetryAfterSeconds: 60, ...noSleep },
        budgetMs: 30_000,
        requestTimeoutMs: 1_000,
        onCall: (c) => calls.push([c.route, c.status]),
        onRetry: (r) => retries.push([r.route, r.status]),
      }),
    );
    assert.deepEqual(await call(sdk, 'messages', 'get', 'M1'), { id: 'M1' });
    assert.deepEqual(holds, [7]);
    assert.deepEqual(calls, [['messages.get', 429], ['messages.get', 200]]);
    assert.deepEqual(retries, [['messages.get', 429]]);
    assert.deepEqual(get.secondCall.args, ['M1'], 'the retry asks the same');
  });

  it('never retries a post that timed out (it may have been carried out)', async () => {
    const sdk = fakeSdk();
    const create = sdk.messages.create as sinon.SinonStub;
    create.returns(new Promise(() => undefined));
    guardMethods(sdk, callPolicy({ gate, retry: { maxRetries: 3, ...noSleep }, budgetMs: 10_000, requestTimeoutMs: 20 }));
    await assert.rejects(call(sdk, 'messages', 'create', { roomId: 'R1', text: 'hi' }), (err: unknown) => err instanceof WebexApiError && err.kind === 'timeout');
    assert.equal(create.callCount, 1);
  });

  it('retries a read that timed out', async () => {
    const sdk = fakeSdk();
    const get = sdk.rooms.get as sinon.SinonStub;
    get.onFirstCall().returns(new Promise(() => undefined));
    get.onSecondCall().resolves({ id: 'R1' });
    guardMethods(sdk, callPolicy({ gate, retry: { maxRetries: 1, ...noSleep }, budgetMs: 10_000, requestTimeoutMs: 20 }));
    assert.deepEqual(await call(sdk, 'rooms', 'get', 'R1'), { id: 'R1' });
    assert.equal(get.callCount, 2);
  });

  it("reports each failed call to the event's dispatcher as a WebexApiError", async () => {
    const sdk = fakeSdk();
    (sdk.rooms.get as sinon.SinonStub).rejects(sdkError(404));
    guardMethods(sdk, callPolicy({ gate, retry: noSleep, budgetMs: 10_000, requestTimeoutMs: 1_000 }));
    const trace = new EventTrace();
    const thrown = await runInEventContext({ commandId: 'c1', receivedAt: Date.now(), deadline: Date.now() + 5_000, report: trace }, () =>
      call(sdk, 'rooms', 'get', 'R1').catch((err: unknown) => err),
    );
    assert.ok(thrown instanceof WebexApiError);
    const outcome = trace.outcome();
    assert.equal(outcome.handled, false);
    assert.deepEqual(
      outcome.failures.map((f) => [f.route, f.error.status, f.error.message]),
      [['rooms.get', 404, 'Webex said 404']],
    );
  });

  it('starts no retry after the command’s deadline: a 429 asking for longer is the answer', async () => {
    const sdk = fakeSdk();
    const get = sdk.messages.get as sinon.SinonStub;
    get.rejects(sdkError(429, { 'retry-after': '30' }));
    guardMethods(sdk, callPolicy({ gate, retry: { maxRetries: 3, ...noSleep }, budgetMs: 60_000, requestTimeoutMs: 1_000 }));
    const trace = new EventTrace();
    const thrown = await runInEventContext({ commandId: 'c2', receivedAt: Date.now(), deadline: Date.now() + 5_000, report: trace }, () =>
      call(sdk, 'messages', 'get', 'M1').catch((err: unknown) => err),
    );
    assert.ok(thrown instanceof WebexApiError);
    assert.deepEqual([thrown.status, thrown.retryAfterSeconds], [429, 30]);
    assert.equal(get.callCount, 1);
  });

  it('leaves methods it does not list, and plugins the SDK lacks, alone', () => {
    const sdk = fakeSdk({ teams: { list: sinon.stub() } });
    delete (sdk as Record<string, unknown>).attachmentActions;
    const teamsList = sdk.teams.list;
    guardMethods(sdk, callPolicy({ gate, retry: noSleep, budgetMs: 10_000, requestTimeoutMs: 1_000 }));
    assert.equal(sdk.teams.list, teamsList);
    assert.equal(sdk.attachmentActions, undefined);
  });
});
