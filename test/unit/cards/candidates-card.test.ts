import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { Target } from '../../../src/commands/types';
import type { PersonSummary } from '../../../src/lookup/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ZWJ, actions, apiError, assertLookupForm, cardOf, person, textBlocks } from './examples';

const ALICE_TARGET: Target = { kind: 'name', name: 'Alice' };

function people(count: number): PersonSummary[] {
  return Array.from({ length: count }, (_, i) =>
    person({ id: `id-${i + 1}`, displayName: `Alice ${String.fromCharCode(65 + i)}`, email: `alice${i + 1}@example.com` }),
  );
}

function render(candidates: PersonSummary[], more = false, target: Target = ALICE_TARGET) {
  const message = renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target, candidates, more } });
  assertValidMessage(message);
  return message;
}

describe('cards/candidates-card (outcome ambiguous)', () => {
  it('says how many people match, lists them and offers one button each', () => {
    const message = render(people(3));
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      '3 people match “Alice”',
      '**Alice A** (alice1@example.com)',
      '**Alice B** (alice2@example.com)',
      '**Alice C** (alice3@example.com)',
      'Pick the person you mean below, or type their email address; that is always exact.',
    ]);
    assert.deepEqual(actions(card), [
      { title: 'Alice A', data: { action: 'pick', personId: 'id-1', email: 'alice1@example.com' } },
      { title: 'Alice B', data: { action: 'pick', personId: 'id-2', email: 'alice2@example.com' } },
      { title: 'Alice C', data: { action: 'pick', personId: 'id-3', email: 'alice3@example.com' } },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
    assertLookupForm(card, 'Look up a person');
  });

  it('says "more than N" when Webex has more matches than it returned', () => {
    assert.equal(textBlocks(cardOf(render(people(2), true)))[0], 'More than 2 people match “Alice”');
  });

  it('keeps to 4 pick buttons plus "Look up" (5 actions) however many match, and lists up to 10', () => {
    const card = cardOf(render(people(12)));
    assert.deepEqual(
      actions(card).map((a) => a.title),
      ['Alice A', 'Alice B', 'Alice C', 'Alice D', 'Look up'],
    );
    const texts = textBlocks(card);
    assert.equal(texts[0], '12 people match “Alice”');
    assert.equal(texts.filter((t) => t.startsWith('**Alice')).length, 10);
    assert.equal(texts[11], '…and 2 more not listed here.');
    assert.equal(texts[12], 'Pick one of the first 4 below, or type the email address of the person you mean; that is always exact.');
  });

  it('tells apart namesakes on the buttons by adding the email', () => {
    const twins = [person({ id: 'a', email: 'alice.a@example.com' }), person({ id: 'b', email: 'alice.b@example.com' })];
    assert.deepEqual(
      actions(cardOf(render(twins))).map((a) => a.title),
      [`Alice Anderson (alice.${ZWJ}a@example.${ZWJ}com)`, `Alice Anderson (alice.${ZWJ}b@example.${ZWJ}com)`, 'Look up'],
    );
  });

  it('says when a candidate has no email', () => {
    const card = cardOf(render([person({ id: 'x', email: '' }), person({ id: 'y', displayName: 'Bob' })]));
    assert.equal(textBlocks(card)[1], '**Alice Anderson** (no email on file)');
    assert.deepEqual(actions(card)[0].data, { action: 'pick', personId: 'x', email: '' });
  });

  it('has the candidates in the markdown fallback', () => {
    assert.equal(
      render(people(2)).markdown,
      [
        '**2 people match “Alice”**',
        '',
        '- **Alice A** (alice1@example.com)',
        '- **Alice B** (alice2@example.com)',
        '',
        'Reply with `transfer numbers for <email>` using the email address of the person you mean.',
      ].join('\n'),
    );
  });

  it('escapes the query, names and button titles', () => {
    const hostile = [person({ id: 'h', displayName: '[click](http://evil)', email: 'x@example.com' }), person({ id: 'i' })];
    const card = cardOf(render(hostile, false, { kind: 'name', name: '<@all>' }));
    assert.equal(textBlocks(card)[0], `2 people match “\\<${ZWJ}@all\\>”`);
    assert.equal(textBlocks(card)[1], `**\\[click\\](http:/${ZWJ}/evil)** (x@example.com)`);
    assert.equal(actions(card)[0].title, `[click]${ZWJ}(http:/${ZWJ}/evil)`);
  });

  it('still renders a valid card with no candidates', () => {
    const card = cardOf(render([]));
    assert.deepEqual(textBlocks(card), ['0 people match “Alice”', 'Type their email address below to look them up.']);
    assert.deepEqual(actions(card).map((a) => a.title), ['Look up']);
  });
});

describe('cards/candidates-card in a partner org', () => {
  it('sends the org of the look-up with every pick button', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target: ALICE_TARGET, candidates: people(2), more: false, orgId: 'ORG-7' } });
    assertValidMessage(message);
    assert.deepEqual(actions(cardOf(message)), [
      { title: 'Alice A', data: { action: 'pick', personId: 'id-1', email: 'alice1@example.com', orgId: 'ORG-7' } },
      { title: 'Alice B', data: { action: 'pick', personId: 'id-2', email: 'alice2@example.com', orgId: 'ORG-7' } },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
  });
});

describe('cards/candidates-card with workspaces', () => {
  const henry = person({ id: 'P-H', displayName: 'Henry Hughes', email: 'henry@example.com' });
  const kiosk = person({ id: 'W-K', displayName: 'Henry Hall Kiosk', email: '', kind: 'workspace' });

  it('says which is a workspace, and a workspace button sends its workspaceId', () => {
    const message = render([henry, kiosk], false, { kind: 'name', name: 'Henry' });
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      '1 person and 1 workspace match “Henry”',
      '**Henry Hughes** (henry@example.com)',
      '**Henry Hall Kiosk** (workspace)',
      'Pick the one you mean below, or type the email address of the person (or the whole name of the workspace) you mean.',
    ]);
    assert.deepEqual(actions(card), [
      { title: 'Henry Hughes', data: { action: 'pick', personId: 'P-H', email: 'henry@example.com' } },
      { title: 'Henry Hall Kiosk', data: { action: 'pick', workspaceId: 'W-K' } },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
    assert.match(message.markdown, /- \*\*Henry Hall Kiosk\*\* \(workspace\)/);
    assert.match(message.markdown, /transfer numbers for workspace <whole name>/);
  });

  it('keeps the org of a partner look-up on a workspace button, and lists people first as the buttons come', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target: { kind: 'name', name: 'H' }, candidates: [kiosk, henry], more: false, orgId: 'ORG-7' } });
    assertValidMessage(message);
    assert.deepEqual(actions(cardOf(message))[1], { title: 'Henry Hall Kiosk', data: { action: 'pick', workspaceId: 'W-K', orgId: 'ORG-7' } });
    assert.equal(textBlocks(cardOf(message))[2], '**Henry Hall Kiosk** (workspace)');
    assert.equal(textBlocks(cardOf(message))[0], '1 person and 1 workspace match “H”');
  });

  it('says when workspaces could not be searched', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target: { kind: 'name', name: 'Henry' }, candidates: [henry, henry], more: false, workspacesUnsearched: apiError({ status: 403 }) } });
    assertValidMessage(message);
    const note = 'Workspaces were not searched: Webex refused (the admin token may lack the spark-admin:workspaces_read scope).';
    assert.ok(textBlocks(cardOf(message)).includes(note), textBlocks(cardOf(message)).join(' | '));
    assert.ok(message.markdown.includes(note));
  });
});

describe('cards/candidates-card for an edit whose target named several', () => {
  const henry = person({ id: 'P-H', displayName: 'Henry Hughes', email: 'henry@example.com' });
  const kiosk = person({ id: 'W-K', displayName: 'Henry Hall Kiosk', email: '', kind: 'workspace' });
  const setTwo = { kind: 'setNumber', slot: 2, number: '+12055550142' } as const;

  it('puts the change on every pick button, says a press shows it before it is confirmed, and has no look-up form', () => {
    const message = renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target: ALICE_TARGET, candidates: people(2), more: false }, edit: setTwo });
    assertValidMessage(message);
    const card = cardOf(message);
    assert.deepEqual(textBlocks(card), [
      '2 people match “Alice”',
      '**Alice A** (alice1@example.com)',
      '**Alice B** (alice2@example.com)',
      'Pick the one you mean below to see the change before you confirm it, or type the command again with the email address of the person you mean.',
    ]);
    assert.deepEqual(actions(card), [
      { title: 'Alice A', data: { action: 'pick', personId: 'id-1', email: 'alice1@example.com', edit: 'set:2:+12055550142' } },
      { title: 'Alice B', data: { action: 'pick', personId: 'id-2', email: 'alice2@example.com', edit: 'set:2:+12055550142' } },
    ]);
    assert.ok(!JSON.stringify(card).includes('Input.Text'), 'no look-up form');
    assert.ok(message.markdown.endsWith('To change their transfer numbers, type the command again with the email address of the person you mean.'), message.markdown);
  });

  it('keeps the org and the workspace on the buttons, and says how to name either when typing', () => {
    const message = renderReply({
      kind: 'lookup',
      outcome: { kind: 'ambiguous', target: { kind: 'name', name: 'Henry' }, candidates: [henry, kiosk], more: false, orgId: 'ORG-7' },
      edit: { kind: 'useCustom', on: false },
    });
    assertValidMessage(message);
    const card = cardOf(message);
    assert.deepEqual(actions(card), [
      { title: 'Henry Hughes', data: { action: 'pick', personId: 'P-H', email: 'henry@example.com', orgId: 'ORG-7', edit: 'custom:off' } },
      { title: 'Henry Hall Kiosk', data: { action: 'pick', workspaceId: 'W-K', orgId: 'ORG-7', edit: 'custom:off' } },
    ]);
    assert.equal(
      textBlocks(card)[3],
      'Pick the one you mean below to see the change before you confirm it, or type the command again with the email address of the person (or the whole name of the workspace) you mean.',
    );
    assert.ok(message.markdown.includes('`workspace <whole name>` for a workspace'), message.markdown);
  });

  it('with more matches than buttons, says which ones the buttons are for', () => {
    const card = cardOf(renderReply({ kind: 'lookup', outcome: { kind: 'ambiguous', target: ALICE_TARGET, candidates: people(6), more: false }, edit: { kind: 'clearNumber', slot: 1 } }));
    assert.deepEqual(actions(card).map((a) => (a.data as { edit?: string }).edit), ['clear:1', 'clear:1', 'clear:1', 'clear:1']);
    assert.equal(textBlocks(card).at(-1), 'Pick one of the first 4 below to see the change before you confirm it, or type the command again with the email address of the person you mean.');
  });
});
