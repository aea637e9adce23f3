import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { LookupOutcome } from '../../../src/lookup/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ALICE_ID, NOW, READ_AT, ZWJ, actions, assertLookupForm, cardOf, facts, person, textBlocks } from './examples';

function found(overrides: Partial<Extract<LookupOutcome, { kind: 'found' }>> = {}): LookupOutcome {
  return {
    kind: 'found',
    person: person(),
    transfer: { useCustomTransferNumbers: true, numbers: ['+1205553650', '+1205553651', '+1205553652'] },
    readAt: READ_AT,
    ...overrides,
  };
}

function render(outcome: LookupOutcome, now = NOW) {
  const message = renderReply({ kind: 'lookup', outcome }, { now });
  assertValidMessage(message);
  return message;
}

describe('cards/result-card (outcome found)', () => {
  it('shows the heading, the person, whether custom numbers are used, the three numbers and the read time', () => {
    const card = cardOf(render(found()));
    assert.deepEqual(textBlocks(card), ['Transfer numbers', 'Alice Anderson', 'alice@example.com', 'Read at 14:03 UTC']);
    assert.deepEqual(facts(card), [
      ['Custom transfer numbers', 'In use'],
      ['Transfer number 1', '+1205553650'],
      ['Transfer number 2', '+1205553651'],
      ['Transfer number 3', '+1205553652'],
    ]);
  });

  it('says "Not set" for every unset number, and when custom numbers are not in use', () => {
    const message = render(found({ transfer: { useCustomTransferNumbers: false, numbers: [null, '', null] } }));
    assert.deepEqual(facts(cardOf(message)), [
      ['Custom transfer numbers', "Not in use (the location's numbers apply)"],
      ['Transfer number 1', 'Not set'],
      ['Transfer number 2', 'Not set'],
      ['Transfer number 3', 'Not set'],
    ]);
    assert.match(message.markdown, /- Transfer number 1: Not set\n- Transfer number 2: Not set\n- Transfer number 3: Not set/);
  });

  it('says "Not set" even when the numbers list is short or holds non-strings', () => {
    const transfer = { useCustomTransferNumbers: true, numbers: ['+15550001', undefined, { x: 1 }] } as unknown as {
      useCustomTransferNumbers: boolean;
      numbers: [string | null, string | null, string | null];
    };
    assert.deepEqual(
      facts(cardOf(render(found({ transfer })))).map(([, value]) => value),
      ['In use', '+15550001', 'Not set', 'Not set'],
    );
  });

  it('has a Refresh button for this person and the look-up form', () => {
    const card = cardOf(render(found()));
    assert.deepEqual(actions(card), [
      { title: 'Refresh', data: { action: 'refresh', personId: ALICE_ID }, associatedInputs: 'none' },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
    assertLookupForm(card, 'Look up another person');
  });

  it('has the same facts in the markdown fallback', () => {
    assert.equal(
      render(found({ transfer: { useCustomTransferNumbers: true, numbers: ['+1205553650', null, null] } })).markdown,
      [
        '**Transfer numbers** for **Alice Anderson** (alice@example.com)',
        '',
        '- Custom transfer numbers: In use',
        '- Transfer number 1: +1205553650',
        '- Transfer number 2: Not set',
        '- Transfer number 3: Not set',
        '',
        'Read at 14:03 UTC',
      ].join('\n'),
    );
  });

  it('adds the date when the numbers were read on another day', () => {
    const message = render(found(), new Date('2024-05-02T00:10:00Z'));
    assert.deepEqual(textBlocks(cardOf(message)).at(-1), 'Read at 14:03 UTC on 2024-05-01');
  });

  it('names a person without display name by email, and one without either as "Unnamed person"', () => {
    assert.deepEqual(textBlocks(cardOf(render(found({ person: person({ displayName: '' }) })))).slice(1, 2), ['alice@example.com']);
    const nameless = render(found({ person: person({ displayName: '  ', email: '' }) }));
    assert.deepEqual(textBlocks(cardOf(nameless)), ['Transfer numbers', 'Unnamed person', 'Read at 14:03 UTC']);
    assert.match(nameless.markdown, /^\*\*Transfer numbers\*\* for \*\*Unnamed person\*\*\n/);
  });

  it('leaves out Refresh when the person has no ID', () => {
    const card = cardOf(render(found({ person: person({ id: '' }) })));
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
    assert.equal('actions' in card, false);
  });

  it('escapes the name and shows hostile numbers as plain text', () => {
    const message = render(
      found({
        person: person({ displayName: '[click](http://evil)' }),
        transfer: { useCustomTransferNumbers: true, numbers: ['<@all>', '**1**', null] },
      }),
    );
    const card = cardOf(message);
    assert.equal(textBlocks(card)[1], `\\[click\\](http:/${ZWJ}/evil)`);
    assert.deepEqual(facts(card).slice(1), [
      ['Transfer number 1', `<${ZWJ}@all>`],
      ['Transfer number 2', '**1**'],
      ['Transfer number 3', 'Not set'],
    ]);
    assert.match(message.markdown, /- Transfer number 1: \\<\u200D@all\\>\n- Transfer number 2: \\\*\\\*1\\\*\\\*\n/);
  });
});
