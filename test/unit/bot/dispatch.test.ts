// What the dispatcher learns from an event comes back to it as a value: did a handler take the event
// over, and which of the framework's own Webex calls failed. Against a fake framework run by the real
// processEvent, its SDK under the real call policy.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createEventDispatcher } from '../../../src/bot/dispatch';
import { currentEventContext } from '../../../src/bot/event-context';
import { callPolicy, guardMethods, type SdkInstance } from '../../../src/bot/framework/call-policy';
import type { Framework } from '../../../src/bot/framework';
import { createLogger } from '../../../src/ops/logger';
import type { RateGate } from '../../../src/webex/rate-gate';
import type { WebexWebhookEvent } from '../../../src/webex/types';
import { fakeSdk, noSleep, recordingGate, sdkError } from './framework/fake-sdk';

const message: WebexWebhookEvent = { id: 'E1', name: 'x', resource: 'messages', event: 'created', data: { id: 'M1', roomId: 'R1', personId: 'P-agent' } };

describe('bot/dispatch', () => {
  let gate: RateGate;
  beforeEach(() => ({ gate } = recordingGate()));
  afterEach(() => gate.stop());

  /** A framework that knows every space and, like the real one, runs our listener on the message it fetched. */
  function fakeFramework(listener: (webex: SdkInstance) => Promise<void>, replace: Record<string, Record<string, unknown>> = {}) {
    const webex = fakeSdk();
    for (const [plugin, methods] of Object.entries(replace)) Object.assign(webex[plugin], methods);
    guardMethods(webex, callPolicy({ gate, retry: { maxRetries: 0, ...noSleep }, budgetMs: 10_000, requestTimeoutMs: 1_000 }));
    return {
      active: true,
      email: 'bot@webex.bot',
      person: { id: 'P-bot' },
      webhook: false,
      webex,
      findBotObjectInRoom: () => ({}),
      myEmit: sinon.stub(),
      debug: sinon.stub(),
      onMessageCreated: () => listener(webex),
      onRoomUpdated: async () => undefined,
    };
  }

  function dispatcherFor(framework: ReturnType<typeof fakeFramework>) {
    const unhandled: string[][] = [];
    const dispatch = createEventDispatcher({
      framework: framework as unknown as Framework,
      commandTimeoutMs: 5_000,
      ready: Promise.resolve(),
      webhookUrl: 'https://bot.example.com/webhook',
      logger: createLogger('silent'),
      onUnhandledFailure: async (_event, _ctx, failures) => void unhandled.push(failures.map((f) => `${f.route} ${f.error.status}`)),
    });
    return { dispatch, unhandled };
  }

  it('answers an event the framework dropped because its own call failed, with that failure', async () => {
    const framework = fakeFramework(() => assert.fail('no listener runs without the message'), { messages: { get: sinon.stub().rejects(sdkError(503)) } });
    const { dispatch, unhandled } = dispatcherFor(framework);
    await dispatch(message);
    assert.deepEqual(unhandled, [['messages.get 503']]);
  });

  it('leaves an event a handler took over to that handler, even when its own post fails', async () => {
    const framework = fakeFramework(async (webex) => {
      currentEventContext()?.report.takenOver();
      (webex.messages.create as unknown as sinon.SinonStub).rejects(sdkError(403));
      await (webex.messages.create as (m: object) => Promise<unknown>)({ roomId: 'R1', text: 'hi' }).catch(() => undefined);
    });
    const { dispatch, unhandled } = dispatcherFor(framework);
    await dispatch(message);
    assert.deepEqual(unhandled, []);
  });

  it('keeps one event’s outcome out of the next one’s', async () => {
    let fail = true;
    const get = sinon.stub().callsFake(async () => (fail ? Promise.reject(sdkError(404)) : { id: 'M1', roomId: 'R1' }));
    const framework = fakeFramework(async () => undefined, { messages: { get } });
    const { dispatch, unhandled } = dispatcherFor(framework);
    await dispatch(message);
    fail = false;
    await dispatch({ ...message, id: 'E2' });
    assert.deepEqual(unhandled, [['messages.get 404']]);
  });

  it('does not answer a failure of an event that is no command (a space renamed)', async () => {
    const roomsGet = sinon.stub().rejects(sdkError(503));
    const framework = fakeFramework(async () => undefined, { rooms: { get: roomsGet } });
    const { dispatch, unhandled } = dispatcherFor(framework);
    await dispatch({ id: 'E3', name: 'x', resource: 'rooms', event: 'updated', data: { id: 'R1' } });
    assert.equal(roomsGet.callCount, 1);
    assert.deepEqual(unhandled, []);
  });
});
