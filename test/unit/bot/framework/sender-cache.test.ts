// The sender cache on a fake SDK: the framework's people.get goes through the bot's one people cache.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { callPolicy, type SdkInstance } from '../../../../src/bot/framework/call-policy';
import { cacheSenders } from '../../../../src/bot/framework/sender-cache';
import { PeopleCache } from '../../../../src/lookup/people-cache';
import { WebexApiError } from '../../../../src/webex/errors';
import type { RateGate } from '../../../../src/webex/rate-gate';
import { call, fakeSdk, noSleep, recordingGate, sdkError } from './fake-sdk';

function withRequest(): { sdk: SdkInstance; request: sinon.SinonStub } {
  const request = sinon.stub().callsFake(async ({ resource }: { resource: string }) => ({
    body: { id: decodeURIComponent(resource.slice('people/'.length)), displayName: 'Agent' },
  }));
  const sdk = fakeSdk();
  sdk.request = request;
  return { sdk, request };
}

describe('bot/framework/sender-cache', () => {
  let gate: RateGate;
  beforeEach(() => ({ gate } = recordingGate()));
  afterEach(() => gate.stop());
  const policy = () => callPolicy({ gate, retry: { maxRetries: 2, ...noSleep }, budgetMs: 10_000, requestTimeoutMs: 1_000 });

  it('reads a sender once, shares concurrent look-ups, and serves repeats from memory', async () => {
    const { sdk, request } = withRequest();
    const lookups: boolean[] = [];
    cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000, onLookup: (hit) => lookups.push(hit) }));
    const [a, b] = await Promise.all([call<{ id: string }>(sdk, 'people', 'get', 'P1'), call<{ id: string }>(sdk, 'people', 'get', { personId: 'P1' })]);
    assert.deepEqual([a.id, b.id], ['P1', 'P1']);
    await call(sdk, 'people', 'get', 'P1');
    assert.equal(request.callCount, 1);
    assert.deepEqual(request.firstCall.args[0], { service: 'hydra', resource: 'people/P1' });
    assert.deepEqual(lookups, [false, true], 'one miss (the shared fetch), then a hit');
  });

  it('takes a sender another instance stored, and stores the ones it reads', async () => {
    const { sdk, request } = withRequest();
    const store = new Map<string, string>([['people:id::P-known', JSON.stringify({ id: 'P-known', emails: ['known@example.com'], displayName: 'Known' })]]);
    const shared = { get: async (k: string) => store.get(k), set: async (k: string, v: string) => void store.set(k, v) };
    cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000, shared }));
    assert.equal((await call<{ displayName: string }>(sdk, 'people', 'get', 'P-known')).displayName, 'Known');
    assert.equal(request.callCount, 0);
    await call(sdk, 'people', 'get', 'P-new');
    assert.equal(request.callCount, 1);
    await new Promise((r) => setImmediate(r));
    assert.ok(store.has('people:id::P-new'));
  });

  it('reads a sender under the call policy, and keeps no failed read', async () => {
    const { sdk, request } = withRequest();
    request.onFirstCall().rejects(sdkError(502));
    request.onSecondCall().rejects(sdkError(404));
    const people = new PeopleCache({ ttlMs: 60_000 });
    cacheSenders(sdk, policy(), people);
    await assert.rejects(call(sdk, 'people', 'get', 'P1'), (err: unknown) => err instanceof WebexApiError && err.status === 404);
    assert.equal(request.callCount, 2, 'the 502 was tried again');
    assert.equal(await people.get(PeopleCache.idKey('P1')), undefined);
    await call(sdk, 'people', 'get', 'P1');
    assert.equal(request.callCount, 3);
  });

  it("leaves the bot's own look-up (me) to the SDK, under the call policy", async () => {
    const { sdk, request } = withRequest();
    const original = sdk.people.get as sinon.SinonStub;
    cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000 }));
    await call(sdk, 'people', 'get', 'me');
    assert.deepEqual(original.firstCall.args, ['me']);
    assert.equal(request.callCount, 0);
  });

  it('a person the framework read as a sender is not read again by a look-up by ID or email', async () => {
    const people = new PeopleCache({ ttlMs: 60_000 });
    const request = sinon.stub().resolves({ body: { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice', orgId: 'ORG' } });
    const sdk = fakeSdk();
    sdk.request = request;
    cacheSenders(sdk, (_route, work) => work(), people);
    await call(sdk, 'people', 'get', 'P-ALICE');
    assert.deepEqual(await people.get(PeopleCache.idKey('P-ALICE')), { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice', orgId: 'ORG' });
    assert.ok(await people.get(PeopleCache.emailKey('alice@example.com')), 'and by email');
  });
});
