import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { Reply } from '../../../src/cards/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ZWJ, actions, assertLookupForm, cardOf, textBlocks } from './examples';

function render(reply: Reply) {
  const message = renderReply(reply);
  assertValidMessage(message);
  return message;
}

describe('cards/plain-messages and timed-out card', () => {
  it('notAllowed: one polite line, no card', () => {
    assert.deepEqual(render({ kind: 'notAllowed' }), { markdown: 'Sorry, I only answer people in the organization I serve.' });
  });

  it('slowDown: says when to try again', () => {
    assert.deepEqual(render({ kind: 'slowDown', retryAfterSeconds: 20 }), {
      markdown: "You've asked for a lot of look-ups in a short time; try again in 20 seconds.",
    });
    assert.equal(
      render({ kind: 'slowDown', retryAfterSeconds: Number.NaN }).markdown,
      "You've asked for a lot of look-ups in a short time; try again in a little while.",
    );
  });

  it('invalidOrg: names what was typed, escaped, or says that nothing followed "in org"', () => {
    const rest =
      ', so I searched nothing. After “in org”, paste the organization ID from Control Hub or the Webex API ' +
      '(a UUID, or the long ID that starts with Y2lzY29zcGFyazovL), or leave “in org …” out to search the default organization.';
    assert.deepEqual(render({ kind: 'invalidOrg', input: '../../people/me?' }), { markdown: `“../../people/me?” is not an organization ID${rest}` });
    assert.deepEqual(render({ kind: 'invalidOrg', input: '*Example* Corp' }), { markdown: `“\\*Example\\* Corp” is not an organization ID${rest}` });
    assert.deepEqual(render({ kind: 'invalidOrg', input: '' }), { markdown: `No organization ID followed “in org”${rest}` });
  });

  it('sentPrivately: names the requester, escaped', () => {
    assert.deepEqual(render({ kind: 'sentPrivately', requesterName: 'Bob' }), {
      markdown: 'Bob, I sent the answer to you in a private message because this space has members from outside the organization.',
    });
    assert.equal(
      render({ kind: 'sentPrivately', requesterName: '<@all>' }).markdown,
      `\\<${ZWJ}@all\\>, I sent the answer to you in a private message because this space has members from outside the organization.`,
    );
    assert.equal(
      render({ kind: 'sentPrivately', requesterName: '' }).markdown,
      'I sent the answer to you in a private message because this space has members from outside the organization.',
    );
  });

  it('internalError: markdown only, with the reference for the owner', () => {
    assert.deepEqual(render({ kind: 'internalError', reference: 'err-7f3a' }), {
      markdown: "Something went wrong on my side; please try again. If it keeps happening, give the bot's owner this reference: err-7f3a",
    });
    assert.equal(
      render({ kind: 'internalError', reference: '' }).markdown,
      "Something went wrong on my side; please try again. If it keeps happening, tell the bot's owner.",
    );
  });

  it('timedOut: says Webex did not answer in time, with the form', () => {
    const message = render({ kind: 'timedOut' });
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      'Webex did not answer in time',
      'Webex did not answer in time; try again.',
      "If it keeps happening, tell the bot's owner.",
    ]);
    assertLookupForm(card, 'Look up a person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
    assert.equal(
      message.markdown,
      "**Webex did not answer in time**\n\nWebex did not answer in time; try again.\n\nIf it keeps happening, tell the bot's owner.",
    );
  });
});
