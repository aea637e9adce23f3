import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import { assertValidMessage } from '../../helpers/card-validation';
import { actions, apiError, assertLookupForm, cardOf, person, textBlocks } from './examples';

function render(overrides: Parameters<typeof person>[0] = {}, trackingId?: string) {
  const message = renderReply({
    kind: 'lookup',
    outcome: { kind: 'noCalling', person: person(overrides), error: apiError({ status: 404, message: 'Not Found', trackingId }) },
  });
  assertValidMessage(message);
  return message;
}

describe('cards/no-calling-card (outcome noCalling)', () => {
  it('names the person, says what to check in Control Hub and gives the tracking ID', () => {
    const message = render({}, 'ROUTER_404-1');
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      'Alice Anderson has no Webex Calling',
      'alice@example.com',
      'Webex has no calling settings for this person, so there are no transfer numbers to show.',
      'Check in Control Hub that they have a Webex Calling license and a calling location.',
      'Tracking ID: ROUTER_404-1',
    ]);
    assertLookupForm(card, 'Look up another person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
    assert.equal(
      message.markdown,
      [
        '**Alice Anderson has no Webex Calling**',
        'alice@example.com',
        'Webex has no calling settings for this person, so there are no transfer numbers to show.',
        'Check in Control Hub that they have a Webex Calling license and a calling location.',
        'Tracking ID: ROUTER_404-1',
      ].join('\n\n'),
    );
  });

  it('leaves out the tracking ID line when Webex sent none', () => {
    const message = render({});
    assert.ok(!textBlocks(cardOf(message)).some((t) => t.startsWith('Tracking ID')));
    assert.ok(!message.markdown.includes('Tracking ID'));
  });

  it('says "This person" when there is neither name nor email', () => {
    assert.equal(textBlocks(cardOf(render({ displayName: '', email: '' })))[0], 'This person has no Webex Calling');
  });

  it('escapes the name', () => {
    assert.equal(textBlocks(cardOf(render({ displayName: '**boss**' })))[0], '\\*\\*boss\\*\\* has no Webex Calling');
  });
});
