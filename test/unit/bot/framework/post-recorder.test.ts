// The post recorder on a fake SDK: every message the bot posted is remembered, nothing else.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { recordPosts } from '../../../../src/bot/framework/post-recorder';
import { call, fakeSdk, sdkError } from './fake-sdk';

describe('bot/framework/post-recorder', () => {
  it('records every post, so a card submit on it needs no Webex call', async () => {
    const sdk = fakeSdk();
    const posted: Array<{ id: string; roomId: string }> = [];
    recordPosts(sdk, (m) => posted.push(m));
    assert.deepEqual(await call(sdk, 'messages', 'create', { roomId: 'R1', text: 'hi' }), { id: 'M2', roomId: 'R1' });
    assert.deepEqual(posted, [{ id: 'M2', roomId: 'R1' }]);
  });

  it('records nothing for a post that failed, and passes the failure on', async () => {
    const sdk = fakeSdk();
    (sdk.messages.create as sinon.SinonStub).rejects(sdkError(403));
    const posted: unknown[] = [];
    recordPosts(sdk, (m) => posted.push(m));
    await assert.rejects(call(sdk, 'messages', 'create', { roomId: 'R1', text: 'hi' }), /status 403/);
    assert.deepEqual(posted, []);
  });
});
