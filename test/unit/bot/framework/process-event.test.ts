// Handing a verified event to the framework: it must carry the name the framework checks.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { frameworkWebhookName, processWebhookEvent, type Framework } from '../../../../src/bot/framework';

function fakeFramework(webhook: Framework['webhook']) {
  return {
    active: true,
    email: 'bot@webex.bot',
    webhook,
    webex: { rooms: { get: sinon.stub().resolves({ id: 'R1', title: 'Support' }) } },
    myEmit: sinon.stub(),
    onRoomCreated: sinon.stub().resolves(),
    debug: sinon.stub(),
  };
}

const event = { id: 'E1', name: 'not ours to trust', resource: 'rooms', event: 'created', data: { id: 'R1' } };

describe('bot/framework/process-event', () => {
  it('names the event like the framework’s webhook, so the framework processes it', async () => {
    const fw = fakeFramework(false);
    await processWebhookEvent(fw as unknown as Framework, event as never, 'https://bot.example.com/webhook');
    assert.equal((fw.webhook as { name: string }).name, frameworkWebhookName('https://bot.example.com/webhook', 'bot@webex.bot'));
    assert.deepEqual(fw.onRoomCreated.firstCall.args[0], { id: 'R1', title: 'Support' });
  });

  it('keeps a name the framework already has', async () => {
    const fw = fakeFramework({ id: 'W1', name: 'registered-name' });
    await processWebhookEvent(fw as unknown as Framework, event as never, 'https://bot.example.com/webhook');
    assert.deepEqual(fw.webhook, { id: 'W1', name: 'registered-name' });
    assert.equal(fw.onRoomCreated.callCount, 1);
  });
});
