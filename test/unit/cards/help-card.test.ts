import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import { assertValidMessage } from '../../helpers/card-validation';
import { actions, assertLookupForm, cardOf, shown, textBlocks } from './examples';

function render(botName: string) {
  const message = renderReply({ kind: 'help', botName });
  assertValidMessage(message);
  return message;
}

describe('cards/help-card', () => {
  it('says what the bot does, the command, two examples and how to ask in a group space', () => {
    const card = cardOf(render('TransferBot'));
    const texts = textBlocks(card);
    assert.deepEqual(texts.map(shown), [
      'What I can do',
      "I show where a person's blocked calls are transferred: their Webex Calling auto transfer numbers.",
      'Ask me:',
      'transfer numbers for <email, person ID or name>',
      'Examples:',
      'transfer numbers for alice@example.com',
      'transfer numbers for Alice Anderson',
      'In a group space, mention me first: @TransferBot transfer numbers for …',
    ]);
    // In the card the angle brackets are escaped so no renderer takes them for an HTML tag.
    assert.equal(texts[3], 'transfer numbers for \\<email, person ID or name\\>');
    assertLookupForm(card, 'Look up a person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
  });

  it('has the same in the markdown fallback, commands as code', () => {
    assert.equal(
      render('TransferBot').markdown,
      [
        '**What I can do**',
        "I show where a person's blocked calls are transferred: their Webex Calling auto transfer numbers.",
        'Ask me: `transfer numbers for <email, person ID or name>`',
        'Examples:\n- `transfer numbers for alice@example.com`\n- `transfer numbers for Alice Anderson`',
        'In a group space, mention me first: @TransferBot transfer numbers for …',
      ].join('\n\n'),
    );
  });

  it('escapes the bot name and copes without one', () => {
    assert.equal(textBlocks(cardOf(render('*Bot*'))).at(-1), 'In a group space, mention me first: @\\*Bot\\* transfer numbers for …');
    assert.equal(textBlocks(cardOf(render(''))).at(-1), 'In a group space, mention me first, then type the command.');
  });
});
