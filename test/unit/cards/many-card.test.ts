import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { LookupManyEntry, LookupManyResult, LookupOutcome } from '../../../src/lookup/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { NOW, READ_AT, ZWJ, actions, apiError, assertLookupForm, cardOf, person } from './examples';

const ALICE = person();
const ERIN = person({ id: 'id-erin', displayName: 'Erin Evans', email: 'erin@example.com' });
const GRACE = person({ id: 'id-grace', displayName: 'Grace Green', email: 'grace@example.com' });
const HENRY = person({ id: 'id-henry', displayName: 'Henry Hughes', email: 'henry@example.com' });

function entry(outcome: LookupOutcome): LookupManyEntry {
  const target =
    'target' in outcome ? outcome.target : { kind: 'email' as const, email: 'person' in outcome ? outcome.person.email : 'x@example.com' };
  return { target, outcome };
}

const ENTRIES: LookupManyEntry[] = [
  entry({
    kind: 'found',
    person: ALICE,
    transfer: { useCustomTransferNumbers: true, numbers: ['+12055553661', '+1205553651', null] }, inEffect: { from: 'own', numbers: ['+12055553661', '+1205553651', null] },
    readAt: READ_AT,
    usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [], flag: 'numberNotUsed' }, { callTypes: ['NATIONAL'], flag: 'numberNotSet' }] },
  }),
  entry({
    kind: 'found',
    person: ERIN,
    transfer: { useCustomTransferNumbers: false, numbers: ['+12055553691', null, null] }, inEffect: { from: 'location', numbers: ['+12055550100', null, null] }, location: { id: 'LOC1', name: 'Birmingham HQ' },
    readAt: new Date('2024-05-01T14:04:10Z'),
    usageError: apiError({ status: 403, trackingId: 'T-403' }),
  }),
  entry({ kind: 'notFound', target: { kind: 'email', email: 'nobody@example.com' } }),
  entry({
    kind: 'ambiguous',
    target: { kind: 'name', name: 'Chris' },
    candidates: [person({ displayName: 'Chris Carter' }), person({ displayName: 'Chris Cooper' })],
    more: false,
  }),
  entry({ kind: 'noCalling', person: GRACE, error: apiError({ status: 404 }) }),
  entry({
    kind: 'webexError',
    stage: 'settings',
    error: apiError({ status: 503, trackingId: 'T-503' }),
    target: { kind: 'email', email: 'henry@example.com' },
    person: HENRY,
  }),
];

function render(result: LookupManyResult) {
  const message = renderReply({ kind: 'lookupMany', result }, { now: NOW });
  assertValidMessage(message);
  return message;
}

type Json = Record<string, unknown>;

/** Per person section: its title, then [color, subtle, text] of each line. */
function sections(message: ReturnType<typeof render>): [string, ...[string, boolean, string][]][] {
  const body = cardOf(message).body as Json[];
  return body
    .filter((node) => node.type === 'Container' && !JSON.stringify(node).includes('Input.Text'))
    .map((container) => {
      const [title, ...lines] = container.items as Json[];
      return [String(title.text), ...lines.map((l): [string, boolean, string] => [String(l.color), l.isSubtle === true, String(l.text)])];
    });
}

describe('cards/many-card (several people)', () => {
  it('gives each person a section, in the order asked, with their numbers or what went wrong', () => {
    const message = render({ entries: ENTRIES });
    const card = cardOf(message);
    assert.deepEqual((card.body[0] as Json).text, 'Transfer numbers for 6 people');
    assert.deepEqual(sections(message), [
      [
        '**Alice Anderson** (alice@example.com)',
        ['Default', false, 'Transfer number 1: +1 205 555 3661 (+12055553661) — Used for: International'],
        ['Attention', false, 'Transfer number 2: +1205553651 — ⚠ No call type is set to transfer to this number'],
        ['Attention', false, 'Transfer number 3: Not set — ⚠ Calls are set to transfer here, but no number is set: National'],
      ],
      [
        '**Erin Evans** (erin@example.com)',
        ['Default', true, 'Numbers in effect: From location Birmingham HQ (custom numbers off)'],
        ['Default', false, 'Transfer number 1: +1 205 555 0100 (+12055550100)'],
        ['Default', false, 'Transfer number 2: Not set'],
        ['Default', false, 'Transfer number 3: Not set'],
        [
          'Warning',
          false,
          'What each number is for could not be read: Webex refused (the admin token may lack the spark-admin:people_read scope, or API access is restricted). Tracking ID: T-403',
        ],
        ['Default', true, 'Not in effect (stored on them, but custom numbers are off): 1: +1 205 555 3691 (+12055553691)'],
      ],
      ['**nobody@example.com**', ['Warning', false, 'No one found. Check the spelling of the email address, or try their display name.']],
      ['**Chris**', ['Warning', false, '2 people match: Chris Carter, Chris Cooper. Ask again with the email address of the one you mean.']],
      ['**Grace Green** (grace@example.com)', ['Warning', false, 'No Webex Calling: there are no transfer numbers to show.']],
      ['**Henry Hughes** (henry@example.com)', ['Attention', false, 'Webex had a problem answering (HTTP 503).'], ['Default', true, 'Tracking ID: T-503']],
    ]);
    assert.equal((card.body.at(-2) as Json).text, 'Read at 14:04 UTC', 'the latest read');
  });

  it('has the same in the markdown fallback', () => {
    assert.equal(
      render({ entries: ENTRIES.slice(0, 3) }).markdown,
      [
        '**Transfer numbers for 3 people**',
        '',
        '**Alice Anderson** (alice@example.com)',
        '- Transfer number 1: +1 205 555 3661 (+12055553661) — Used for: International',
        '- Transfer number 2: +1205553651 — ⚠ No call type is set to transfer to this number',
        '- Transfer number 3: Not set — ⚠ Calls are set to transfer here, but no number is set: National',
        '',
        '**Erin Evans** (erin@example.com)',
        '- Numbers in effect: From location Birmingham HQ (custom numbers off)',
        '- Transfer number 1: +1 205 555 0100 (+12055550100)',
        '- Transfer number 2: Not set',
        '- Transfer number 3: Not set',
        '- What each number is for could not be read: Webex refused (the admin token may lack the spark-admin:people_read scope, or API access is restricted). Tracking ID: T-403',
        '- Not in effect (stored on them, but custom numbers are off): 1: +1 205 555 3691 (+12055553691)',
        '',
        '**nobody@example.com**',
        '- No one found. Check the spelling of the email address, or try their display name.',
        '',
        'Read at 14:04 UTC',
      ].join('\n'),
    );
  });

  it('has one "Refresh all" (person IDs once known, else what was asked) and the look-up form: 2 actions for 10 people', () => {
    const message = render({ entries: ENTRIES });
    assert.deepEqual(actions(cardOf(message)), [
      {
        title: 'Refresh all',
        data: { action: 'refreshMany', targets: [ALICE.id, 'id-erin', 'nobody@example.com', 'Chris', 'id-grace', 'id-henry'].join('\n') },
      },
      { title: 'Look up', data: { action: 'lookup' } },
    ]);
    assertLookupForm(cardOf(message), 'Look up another person');
    const ten = Array.from({ length: 10 }, () => ENTRIES[0]);
    assert.equal(actions(cardOf(render({ entries: ten }))).length, 2);
  });

  it('sends the org of a partner look-up with "Refresh all"', () => {
    const data = actions(cardOf(render({ entries: ENTRIES.slice(2, 3), orgId: 'ORG-7' })))[0].data;
    assert.deepEqual(data, { action: 'refreshMany', targets: 'nobody@example.com', orgId: 'ORG-7' });
  });

  it('says "More than N" and cuts a long list of namesakes', () => {
    const many = Array.from({ length: 7 }, (_, i) => person({ displayName: `Chris ${i}` }));
    const message = render({ entries: [entry({ kind: 'ambiguous', target: { kind: 'name', name: 'Chris' }, candidates: many, more: true })] });
    assert.deepEqual(sections(message)[0][1], [
      'Warning',
      false,
      'More than 7 people match: Chris 0, Chris 1, Chris 2, Chris 3, Chris 4 and others. Ask again with the email address of the one you mean.',
    ]);
  });

  it('leaves out the read time when nobody was found', () => {
    const message = render({ entries: [ENTRIES[2]] });
    assert.doesNotMatch(message.markdown, /Read at/);
    assert.equal((cardOf(message).body[0] as Json).text, 'Transfer numbers for 1 person');
  });

  it('escapes names, what was typed and numbers', () => {
    const hostile = '[click](http://evil)';
    const message = render({
      entries: [
        entry({ kind: 'notFound', target: { kind: 'name', name: hostile } }),
        entry({ kind: 'found', person: person({ displayName: '<@all>' }), transfer: { useCustomTransferNumbers: true, numbers: ['**1**', null, null] }, inEffect: { from: 'own', numbers: ['**1**', null, null] }, readAt: READ_AT }),
      ],
    });
    const [notFound, found] = sections(message);
    assert.equal(notFound[0], `**\\[click\\](http:/${ZWJ}/evil)**`);
    assert.equal(found[0], `**\\<${ZWJ}@all\\>** (alice@example.com)`);
    assert.deepEqual(found[1], ['Default', false, 'Transfer number 1: \\*\\*1\\*\\*']);
  });
});

describe('cards/many-card: workspaces', () => {
  it('says on a person\'s section when workspaces could not be searched for that name', () => {
    const refused = apiError({ status: 403 });
    const message = render({
      entries: [
        entry({ kind: 'notFound', target: { kind: 'name', name: 'Zed' }, workspacesUnsearched: refused }),
        entry({ kind: 'ambiguous', target: { kind: 'name', name: 'Chris' }, candidates: [person({ displayName: 'Chris Carter' }), person({ displayName: 'Lobby', kind: 'workspace', email: '' })], more: false, workspacesUnsearched: refused }),
      ],
    });
    const note: [string, boolean, string] = ['Default', true, 'Workspaces were not searched: Webex refused (the admin token may lack the spark-admin:workspaces_read scope).'];
    const [zed, chris] = sections(message);
    assert.deepEqual(zed.slice(1), [['Warning', false, 'No one found. Check the spelling, or try their email address.'], note]);
    assert.deepEqual(chris.slice(1), [['Warning', false, '2 people and workspaces match: Chris Carter, Lobby (workspace). Ask again with the email address, or the whole workspace name, of the one you mean.'], note]);
  });

  it('marks a workspace on "Refresh all", so its ID is taken as one however it looks', () => {
    const lobby = person({ id: 'ws-0001', displayName: 'Lobby Phone', email: '', kind: 'workspace' });
    const message = render({
      entries: [
        entry({ kind: 'found', person: lobby, transfer: { useCustomTransferNumbers: true, numbers: ['+1', null, null] }, inEffect: { from: 'own', numbers: ['+1', null, null] }, readAt: READ_AT }),
        entry({ kind: 'found', person: ALICE, transfer: { useCustomTransferNumbers: true, numbers: ['+1', null, null] }, inEffect: { from: 'own', numbers: ['+1', null, null] }, readAt: READ_AT }),
      ],
    });
    assert.equal((actions(cardOf(message))[0].data as { targets: string }).targets, `workspace-id:ws-0001\n${ALICE.id}`);
    assert.equal(sections(message)[0][0], '**Lobby Phone** (Workspace)');
  });
});
