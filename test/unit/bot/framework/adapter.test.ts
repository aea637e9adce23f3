// The framework adapter's pieces, each against a fake SDK object: what the framework's calls turn into.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { callPolicy, guardMethods, type SdkInstance } from '../../../../src/bot/framework/call-policy';
import { answerDiscoveryFromHints } from '../../../../src/bot/framework/discovery-hints';
import { recordPosts } from '../../../../src/bot/framework/post-recorder';
import { cacheSenders } from '../../../../src/bot/framework/sender-cache';
import { overrideWebhooks } from '../../../../src/bot/framework/webhook-override';
import { EventTrace, runInEventContext } from '../../../../src/bot/event-context';
import { SpaceHints } from '../../../../src/bot/framework/space-hints';
import { PeopleCache } from '../../../../src/lookup/people-cache';
import { WebexApiError } from '../../../../src/webex/errors';
import { createRateGate, type RateGate } from '../../../../src/webex/rate-gate';

/** The shape of the Webex SDK's errors (WebexHttpError). */
function sdkError(statusCode: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`status ${statusCode}`), { statusCode, headers, body: { message: `Webex said ${statusCode}` }, options: { method: 'GET', uri: 'https://webexapis.com/v1/messages/M1' } });
}

function fakeSdk(overrides: Record<string, Record<string, unknown>> = {}): SdkInstance {
  return {
    messages: { get: sinon.stub().resolves({ id: 'M1' }), create: sinon.stub().resolves({ id: 'M2', roomId: 'R1' }), list: sinon.stub(), remove: sinon.stub() },
    people: { get: sinon.stub().resolves({ id: 'me-id' }), list: sinon.stub() },
    memberships: { list: sinon.stub().resolves({ items: [] }), get: sinon.stub().resolves({ id: 'MB' }) },
    rooms: { get: sinon.stub().resolves({ id: 'R1' }) },
    attachmentActions: { get: sinon.stub() },
    webhooks: { list: sinon.stub(), create: sinon.stub().resolves({ id: 'W-framework' }), remove: sinon.stub().resolves(), update: sinon.stub() },
    ...overrides,
  } as unknown as SdkInstance;
}

describe('bot/framework adapter', () => {
  let gate: RateGate;
  const holds: number[] = [];
  beforeEach(() => {
    holds.length = 0;
    gate = createRateGate({ maxConcurrent: 4, maxPerSecond: 0 });
    const holdFor = gate.holdFor.bind(gate);
    gate.holdFor = (seconds, cause) => {
      holds.push(seconds);
      holdFor(0, cause);
    };
  });
  afterEach(() => gate.stop());

  const policy = (retry = { maxRetries: 2, maxRetryAfterSeconds: 60, sleep: async () => undefined }) =>
    callPolicy({ gate, retry, budgetMs: 10_000, requestTimeoutMs: 1_000 });

  describe('call policy', () => {
    it('retries a 429 after holding the gate for its Retry-After, and records each call', async () => {
      const sdk = fakeSdk();
      const get = sdk.messages.get as sinon.SinonStub;
      get.onFirstCall().rejects(sdkError(429, { 'retry-after': '7' }));
      get.onSecondCall().resolves({ id: 'M1' });
      const calls: number[] = [];
      guardMethods(sdk, callPolicy({ gate, retry: { maxRetries: 2, maxRetryAfterSeconds: 60, sleep: async () => undefined }, budgetMs: 30_000, requestTimeoutMs: 1_000, onCall: (c) => calls.push(c.status) }));
      assert.deepEqual(await (sdk.messages.get as (id: string) => Promise<unknown>)('M1'), { id: 'M1' });
      assert.deepEqual(holds, [7]);
      assert.deepEqual(calls, [429, 200]);
    });

    it('never retries a post that timed out (it may have been carried out)', async () => {
      const sdk = fakeSdk();
      const create = sdk.messages.create as sinon.SinonStub;
      create.returns(new Promise(() => undefined));
      guardMethods(sdk, callPolicy({ gate, retry: { maxRetries: 3, sleep: async () => undefined }, budgetMs: 10_000, requestTimeoutMs: 20 }));
      await assert.rejects((sdk.messages.create as (m: unknown) => Promise<unknown>)({ roomId: 'R1', text: 'hi' }), (err: unknown) => err instanceof WebexApiError && err.kind === 'timeout');
      assert.equal(create.callCount, 1);
    });

    it("reports each failed call to the event's dispatcher as a WebexApiError", async () => {
      const sdk = fakeSdk();
      (sdk.rooms.get as sinon.SinonStub).rejects(sdkError(404));
      guardMethods(sdk, policy());
      const trace = new EventTrace();
      await runInEventContext({ commandId: 'c1', receivedAt: Date.now(), deadline: Date.now() + 5_000, report: trace }, () =>
        (sdk.rooms.get as (id: string) => Promise<unknown>)('R1').catch(() => undefined),
      );
      const outcome = trace.outcome();
      assert.equal(outcome.handled, false);
      assert.deepEqual(
        outcome.failures.map((f) => [f.route, f.error.status]),
        [['rooms.get', 404]],
      );
    });
  });

  it('records every post, so a card submit on it needs no Webex call', async () => {
    const sdk = fakeSdk();
    const posted: Array<{ id: string; roomId: string }> = [];
    recordPosts(sdk, (m) => posted.push(m));
    await (sdk.messages.create as (m: unknown) => Promise<unknown>)({ roomId: 'R1', text: 'hi' });
    assert.deepEqual(posted, [{ id: 'M2', roomId: 'R1' }]);
  });

  it('creates webhooks through the registrar and never removes them', async () => {
    const sdk = fakeSdk();
    const sdkRemove = sdk.webhooks.remove as sinon.SinonStub;
    const registration = { webhookFor: sinon.stub().resolves({ id: 'W-kept' }) };
    overrideWebhooks(sdk, registration);
    assert.deepEqual(await (sdk.webhooks.create as (w: unknown) => Promise<unknown>)({ resource: 'attachmentActions', event: 'created' }), { id: 'W-kept' });
    assert.deepEqual(registration.webhookFor.firstCall.args, ['attachmentActions']);
    await (sdk.webhooks.remove as (id: string) => Promise<unknown>)('W-kept');
    assert.equal(sdkRemove.callCount, 0, 'the SDK never deletes a webhook other instances share');
  });

  it('answers space discovery from what the event said, and asks Webex otherwise', async () => {
    const sdk = fakeSdk();
    const roomsGet = sdk.rooms.get as sinon.SinonStub;
    const hints = new SpaceHints();
    hints.remember({ roomId: 'R-new', roomType: 'direct', sender: { personId: 'P-agent', personEmail: 'agent@example.com' } });
    answerDiscoveryFromHints(sdk, hints, () => ({ id: 'P-bot', email: 'bot@webex.bot', displayName: 'Bot' }));
    const room = (await (sdk.rooms.get as (id: string) => Promise<{ id: string; type: string }>)('R-new')) as { id: string; type: string };
    assert.deepEqual([room.id, room.type], ['R-new', 'direct']);
    assert.equal(roomsGet.callCount, 0);
    await (sdk.rooms.get as (id: string) => Promise<unknown>)('R-other');
    assert.equal(roomsGet.callCount, 1);
  });

  describe('sender cache', () => {
    function withRequest(): { sdk: SdkInstance; request: sinon.SinonStub } {
      const request = sinon.stub().callsFake(async ({ resource }: { resource: string }) => ({ body: { id: decodeURIComponent(resource.slice('people/'.length)), displayName: 'Agent' } }));
      const sdk = fakeSdk();
      sdk.request = request;
      return { sdk, request };
    }

    it('reads a sender once, shares concurrent look-ups, and serves repeats from memory', async () => {
      const { sdk, request } = withRequest();
      const lookups: boolean[] = [];
      cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000, onLookup: (hit) => lookups.push(hit) }));
      const get = sdk.people.get as (p: unknown) => Promise<{ id: string }>;
      const [a, b] = await Promise.all([get('P1'), get({ personId: 'P1' })]);
      assert.deepEqual([a.id, b.id], ['P1', 'P1']);
      await get('P1');
      assert.equal(request.callCount, 1);
      assert.deepEqual(request.firstCall.args[0], { service: 'hydra', resource: 'people/P1' });
      assert.deepEqual(lookups, [false, true], 'one miss (the shared fetch), then a hit');
    });

    it('takes a sender another instance stored, and stores the ones it reads', async () => {
      const { sdk, request } = withRequest();
      const store = new Map<string, string>([['people:id::P-known', JSON.stringify({ id: 'P-known', emails: ['known@example.com'], displayName: 'Known' })]]);
      const shared = { get: async (k: string) => store.get(k), set: async (k: string, v: string) => void store.set(k, v) };
      cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000, shared }));
      const get = sdk.people.get as (p: unknown) => Promise<{ id: string; displayName: string }>;
      assert.equal((await get('P-known')).displayName, 'Known');
      await get('P-new');
      assert.equal(request.callCount, 1);
      await new Promise((r) => setImmediate(r));
      assert.ok(store.has('people:id::P-new'));
    });

    it("leaves the bot's own look-up (me) to the SDK, under the call policy", async () => {
      const { sdk, request } = withRequest();
      const original = sdk.people.get as sinon.SinonStub;
      cacheSenders(sdk, policy(), new PeopleCache({ ttlMs: 60_000 }));
      await (sdk.people.get as (p: unknown) => Promise<unknown>)('me');
      assert.deepEqual(original.firstCall.args, ['me']);
      assert.equal(request.callCount, 0);
    });
  });
});

describe('bot/framework sender cache and look-ups share one people cache', () => {
  it('a person the framework read as a sender is not read again by a look-up by ID', async () => {
    const people = new PeopleCache({ ttlMs: 60_000 });
    const request = sinon.stub().resolves({ body: { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice', orgId: 'ORG' } });
    const sdk = fakeSdk();
    sdk.request = request;
    cacheSenders(sdk, (_route, call) => call(), people);
    await (sdk.people.get as (p: unknown) => Promise<unknown>)('P-ALICE');
    assert.deepEqual(await people.get(PeopleCache.idKey('P-ALICE')), { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice', orgId: 'ORG' });
    assert.ok(await people.get(PeopleCache.emailKey('alice@example.com')), 'and by email');
  });
});
