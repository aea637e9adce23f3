// The adapter's one entry: installed on a framework, it puts every piece on the SDK the framework
// creates in start(), in an order where each still does its job.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { installFrameworkAdapter, SpaceHints, type Framework } from '../../../../src/bot/framework';
import { PeopleCache } from '../../../../src/lookup/people-cache';
import type { RateGate } from '../../../../src/webex/rate-gate';
import { call, fakeSdk, noSleep, recordingGate, sdkError } from './fake-sdk';

describe('bot/framework installFrameworkAdapter', () => {
  let gate: RateGate;
  let holds: number[];
  beforeEach(() => ({ gate, holds } = recordingGate()));
  afterEach(() => gate.stop());

  type Extra = { spaceHints?: SpaceHints; onPosted?: (m: { id: string; roomId: string }) => void; onCall?: (c: { route: string; status: number }) => void };
  function install(extra: Extra = {}) {
    const framework = { email: 'bot@webex.bot', person: { id: 'P-bot', displayName: 'Bot' }, webex: undefined } as unknown as Framework;
    const registration = { webhookFor: sinon.stub().resolves({ id: 'W-kept' }) };
    installFrameworkAdapter(framework, {
      gate,
      retry: { maxRetries: 2, ...noSleep },
      budgetMs: 10_000,
      requestTimeoutMs: 1_000,
      people: new PeopleCache({ ttlMs: 60_000 }),
      webhookRegistration: registration,
      ...extra,
    });
    return { framework, registration };
  }

  it('adapts the SDK the framework creates: call policy, posts recorded after retries, webhooks, hints', async () => {
    const posted: Array<{ id: string; roomId: string }> = [];
    const spaceHints = new SpaceHints();
    spaceHints.remember({ roomId: 'R-new', roomType: 'group' });
    const calls: string[] = [];
    const { framework, registration } = install({ onPosted: (m) => posted.push(m), spaceHints, onCall: (c) => calls.push(`${c.route} ${c.status}`) });
    const sdk = fakeSdk();
    const create = sdk.messages.create as sinon.SinonStub;
    create.onFirstCall().rejects(sdkError(429, { 'retry-after': '3' }));
    const roomsGet = sdk.rooms.get as sinon.SinonStub;
    framework.webex = sdk;

    assert.equal(framework.webex, sdk);
    assert.deepEqual(await call(framework.webex, 'messages', 'create', { roomId: 'R1', text: 'hi' }), { id: 'M2', roomId: 'R1' });
    assert.deepEqual(holds, [3]);
    assert.deepEqual(posted, [{ id: 'M2', roomId: 'R1' }], 'recorded once, when the post went through');
    assert.deepEqual(await call(framework.webex, 'webhooks', 'create', { resource: 'messages' }), { id: 'W-kept' });
    assert.equal(registration.webhookFor.callCount, 1);
    assert.equal((await call<{ type: string }>(framework.webex, 'rooms', 'get', 'R-new')).type, 'group');
    assert.equal(roomsGet.callCount, 0);
    assert.deepEqual(calls, ['messages.create 429', 'messages.create 200'], 'answers from the hints and the registrar are no Webex calls');
  });

  it('leaves anything that is not an SDK as it was given', () => {
    const { framework } = install();
    const notSdk = { something: 'else' };
    framework.webex = notSdk;
    assert.equal(framework.webex, notSdk);
    framework.webex = undefined;
    assert.equal(framework.webex, undefined);
  });
});
