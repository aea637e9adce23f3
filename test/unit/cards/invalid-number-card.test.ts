import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { InvalidNumberReason } from '../../../src/commands/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ZWJ, assertLookupForm, cardOf, textBlocks } from './examples';

function render(input: string, reason: InvalidNumberReason, botName = 'TransferBot') {
  const message = renderReply({ kind: 'invalidNumber', input, reason, botName });
  assertValidMessage(message);
  return message;
}

const NEXT_STEP = 'Type the number with its country code; spaces, dashes, dots and brackets are fine. In a group space, mention TransferBot first.';

describe('cards/invalid-number-card', () => {
  const cases: [string, InvalidNumberReason, string, string][] = [
    ['', 'empty', 'Which number?', 'You asked who transfers to a number, but no number came after “to”.'],
    ['call me', 'malformed', 'That is not a phone number', '“call me” is not a phone number I can search for.'],
    ['12', 'tooShort', 'That number is too short', '“12” has fewer than 3 digits.'],
    ['1234567890123456', 'tooLong', 'That number is too long', '“1234567890123456” is longer than a phone number can be (15 digits).'],
  ];
  for (const [input, reason, title, paragraph] of cases) {
    it(`explains "${reason}" with an example`, () => {
      const message = render(input, reason);
      const card = cardOf(message);
      assert.deepEqual(textBlocks(card), [title, paragraph, 'For example:', 'who transfers to +1 205 555 3651', NEXT_STEP]);
      assert.equal(message.markdown, [`**${title}**`, paragraph, 'For example:', '`who transfers to +1 205 555 3651`', NEXT_STEP].join('\n\n'));
      assertLookupForm(card, 'Look up a person');
    });
  }

  it('escapes and shortens what was typed', () => {
    assert.equal(textBlocks(cardOf(render('<@all> call me', 'malformed')))[1], `“\\<${ZWJ}@all\\> call me” is not a phone number I can search for.`);
    assert.equal(textBlocks(cardOf(render('9'.repeat(100), 'tooLong')))[1], `“${'9'.repeat(39)}…” is longer than a phone number can be (15 digits).`);
  });
});
