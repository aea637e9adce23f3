import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import { assertValidMessage } from '../../helpers/card-validation';
import { ZWJ, actions, assertLookupForm, cardOf, textBlocks } from './examples';

function render(input: string, reason: 'empty' | 'emptyForm' | 'malformed' | 'tooLong', botName = 'TransferBot') {
  const message = renderReply({ kind: 'invalidTarget', input, reason, botName });
  assertValidMessage(message);
  return message;
}

describe('cards/invalid-target-card', () => {
  it('says nothing came after "for", with an example', () => {
    const message = render('', 'empty');
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      'Whose transfer numbers?',
      'You asked for transfer numbers, but nothing came after “for”.',
      'For example:',
      'transfer numbers for alice@example.com',
      'Add an email address, a person ID or a name after “for”. In a group space, mention TransferBot first.',
    ]);
    assertLookupForm(card, 'Look up a person');
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
    assert.equal(
      message.markdown,
      [
        '**Whose transfer numbers?**',
        'You asked for transfer numbers, but nothing came after “for”.',
        'For example:',
        '`transfer numbers for alice@example.com`',
        'Add an email address, a person ID or a name after “for”. In a group space, mention TransferBot first.',
      ].join('\n\n'),
    );
  });

  it('answers an empty look-up box (the input is not required, so the other buttons stay usable) with what to type', () => {
    const card = cardOf(render('', 'emptyForm'));
    assert.deepEqual(textBlocks(card).slice(0, 2), ['Whose transfer numbers?', 'The look-up box was empty.']);
    assert.equal(
      textBlocks(card).at(-1),
      'Type an email address, a person ID or a display name in the box, then press Look up. In a group space, mention TransferBot first.',
    );
  });

  it('repeats a malformed input, escaped', () => {
    const texts = textBlocks(cardOf(render('[click](http://evil)', 'malformed')));
    assert.deepEqual(texts.slice(0, 2), [
      'I cannot look that up',
      `“\\[click\\](http:/${ZWJ}/evil)” is not an email address, a person ID or a name I can search for.`,
    ]);
    assert.equal(texts[4], 'Check for typos, or use their email address. In a group space, mention TransferBot first.');
  });

  it('says how long a too-long input is and shows only its start', () => {
    const input = 'x'.repeat(2000);
    const message = render(input, 'tooLong');
    assert.deepEqual(textBlocks(cardOf(message)).slice(0, 2), [
      'That is too long to look up',
      `What you typed after “for” is too long (2000 characters) to be an email address, a person ID or a name; it starts “${'x'.repeat(39)}…”.`,
    ]);
    assert.ok(message.markdown.length < 1000);
  });

  it('copes with a missing bot name', () => {
    assert.equal(
      textBlocks(cardOf(render('', 'empty', ''))).at(-1),
      'Add an email address, a person ID or a name after “for”. In a group space, mention me first.',
    );
  });
});

describe('cards/invalid-target-card (too many people)', () => {
  it('says how many people one message may name and what to do', () => {
    const message = renderReply({ kind: 'invalidTarget', input: 'a@x.io, b@x.io', reason: 'tooMany', botName: 'TransferBot' });
    assertValidMessage(message);
    assert.deepEqual(textBlocks(cardOf(message)), [
      'Too many people at once',
      'I look up at most 10 people per message.',
      'For example:',
      'transfer numbers for alice@example.com',
      'Split the list into messages of up to 10 people. In a group space, mention TransferBot first.',
    ]);
    assert.equal(
      message.markdown,
      [
        '**Too many people at once**',
        'I look up at most 10 people per message.',
        'For example:',
        '`transfer numbers for alice@example.com`',
        'Split the list into messages of up to 10 people. In a group space, mention TransferBot first.',
      ].join('\n\n'),
    );
  });
});
