// The webhook override on a fake SDK: creation goes to the registrar, removal does nothing.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { overrideWebhooks } from '../../../../src/bot/framework/webhook-override';
import { call, fakeSdk } from './fake-sdk';

describe('bot/framework/webhook-override', () => {
  it('creates webhooks through the registrar and never removes them', async () => {
    const sdk = fakeSdk();
    const sdkCreate = sdk.webhooks.create as sinon.SinonStub;
    const sdkRemove = sdk.webhooks.remove as sinon.SinonStub;
    const registration = { webhookFor: sinon.stub().resolves({ id: 'W-kept' }) };
    overrideWebhooks(sdk, registration);
    assert.deepEqual(await call(sdk, 'webhooks', 'create', { resource: 'attachmentActions', event: 'created' }), { id: 'W-kept' });
    assert.deepEqual(registration.webhookFor.firstCall.args, ['attachmentActions']);
    assert.equal(await call(sdk, 'webhooks', 'remove', 'W-kept'), undefined);
    assert.equal(sdkCreate.callCount, 0, 'the SDK never creates a webhook of its own');
    assert.equal(sdkRemove.callCount, 0, 'the SDK never deletes a webhook other instances share');
  });
});
