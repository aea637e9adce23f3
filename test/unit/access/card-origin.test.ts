import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { checkCardOrigin } from '../../../src/access/card-origin';
import { WebexApiError } from '../../../src/webex/errors';

const BOT = 'P-bot';

describe('access/checkCardOrigin', () => {
  it('accepts a submit on a card the bot posted in the same space', async () => {
    const getMessage = sinon.stub().resolves({ personId: BOT, roomId: 'R1' });
    assert.deepEqual(await checkCardOrigin({ messageId: 'M1', roomId: 'R1' }, getMessage, BOT), { ours: true });
    assert.deepEqual(getMessage.firstCall.args, ['M1']);
  });

  it('refuses a card someone else posted', async () => {
    const getMessage = async () => ({ personId: 'P-other-bot', roomId: 'R1' });
    assert.deepEqual(await checkCardOrigin({ messageId: 'M1', roomId: 'R1' }, getMessage, BOT), { ours: false, reason: 'notOurCard' });
  });

  it('refuses when the bot does not know its own ID yet', async () => {
    const getMessage = async () => ({ personId: '', roomId: 'R1' });
    assert.deepEqual(await checkCardOrigin({ messageId: 'M1', roomId: 'R1' }, getMessage, ''), { ours: false, reason: 'notOurCard' });
  });

  it('refuses a submit that claims another space than the card is in', async () => {
    const getMessage = async () => ({ personId: BOT, roomId: 'R-elsewhere' });
    assert.deepEqual(await checkCardOrigin({ messageId: 'M1', roomId: 'R1' }, getMessage, BOT), { ours: false, reason: 'otherSpace' });
  });

  it('refuses a message Webex does not know, and a submit without a message ID without asking', async () => {
    assert.deepEqual(await checkCardOrigin({ messageId: 'M-gone', roomId: 'R1' }, async () => undefined, BOT), {
      ours: false,
      reason: 'unknownMessage',
    });
    const getMessage = sinon.stub();
    assert.deepEqual(await checkCardOrigin({ messageId: '', roomId: 'R1' }, getMessage, BOT), { ours: false, reason: 'unknownMessage' });
    assert.equal(getMessage.callCount, 0);
  });

  it('passes other Webex failures on to the caller', async () => {
    const failure = new WebexApiError({ status: 503, message: 'Service Unavailable' });
    await assert.rejects(
      checkCardOrigin({ messageId: 'M1', roomId: 'R1' }, () => Promise.reject(failure), BOT),
      (err) => err === failure,
    );
  });
});
