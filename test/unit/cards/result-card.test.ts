import { strict as assert } from 'node:assert';
import { renderReply } from '../../../src/cards';
import type { LookupOutcome, TransferUsage } from '../../../src/lookup/types';
import { assertValidMessage } from '../../helpers/card-validation';
import { ALICE_ID, NOW, READ_AT, ZWJ, actions, apiError, assertLookupForm, cardOf, facts, person, textBlocks } from './examples';

/** A found outcome; custom numbers given in `transfer` are the ones in effect unless `inEffect` says otherwise. */
function found(overrides: Partial<Extract<LookupOutcome, { kind: 'found' }>> = {}): LookupOutcome {
  const transfer = overrides.transfer ?? { useCustomTransferNumbers: true, numbers: ['+1205553650', '+1205553651', '+1205553652'] };
  return {
    kind: 'found',
    person: person(),
    transfer,
    inEffect: transfer.useCustomTransferNumbers ? { from: 'own', numbers: transfer.numbers } : { from: 'location', numbers: [null, null, null] },
    readAt: READ_AT,
    ...overrides,
  };
}

const OWN: [string, string] = ['Numbers in effect', 'Their own (custom numbers on)'];

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
      OWN,
      ['Transfer number 1', '+1205553650'],
      ['Transfer number 2', '+1205553651'],
      ['Transfer number 3', '+1205553652'],
    ]);
  });

  it('says "Not set" for every unset number of the location, when custom numbers are off', () => {
    const message = render(found({ transfer: { useCustomTransferNumbers: false, numbers: [null, '', null] }, location: { id: 'LOC-1', name: 'Birmingham HQ' } }));
    assert.deepEqual(facts(cardOf(message)), [
      ['Numbers in effect', 'From location Birmingham HQ (custom numbers off)'],
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
      [OWN[1], '+15550001', 'Not set', 'Not set'],
    );
  });

  it('has a Refresh button for this person and the look-up form', () => {
    const card = cardOf(render(found()));
    assert.deepEqual(actions(card), [
      { title: 'Refresh', data: { action: 'refresh', personId: ALICE_ID } },
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
        '- Numbers in effect: Their own (custom numbers on)',
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
        transfer: { useCustomTransferNumbers: true, numbers: ['<@all>', '**1**', null] }, inEffect: { from: 'own', numbers: ['<@all>', '**1**', null] },
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

describe('cards/result-card: readable numbers and what each is for', () => {
  const usage: TransferUsage = {
    slots: [
      { callTypes: ['INTERNATIONAL', 'PREMIUM_SERVICES_I'] },
      { callTypes: [], flag: 'numberNotUsed' },
      { callTypes: ['NATIONAL', 'NEW_CALL_TYPE'], flag: 'numberNotSet' },
    ],
  };
  const transfer = { useCustomTransferNumbers: true, numbers: ['+12055553661', '+1205553651', null] as [string, string, null] };

  /** [color, text] of every TextBlock in the card, in order. */
  function coloredTexts(card: ReturnType<typeof cardOf>): [string, string][] {
    const out: [string, string][] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const node = v as Record<string, unknown>;
        if (node.type === 'TextBlock') out.push([String(node.color ?? ''), String(node.text)]);
        Object.values(node).forEach(walk);
      }
    };
    walk(card.body);
    return out;
  }

  it('formats a valid number for people with its E.164 form alongside, and shows any other value as Webex returned it', () => {
    const card = cardOf(render(found({ transfer })));
    assert.deepEqual(facts(card).slice(1), [
      ['Transfer number 1', '+1 205 555 3661 (+12055553661)'],
      ['Transfer number 2', '+1205553651'],
      ['Transfer number 3', 'Not set'],
    ]);
  });

  it('shows under each number the call types sent there, and flags a number nobody uses and calls sent to a missing number', () => {
    const message = render(found({ transfer, usage }));
    assert.deepEqual(coloredTexts(cardOf(message)), [
      ['', 'Transfer numbers'],
      ['', 'Alice Anderson'],
      ['', 'alice@example.com'],
      ['Default', 'Used for: International, Premium services I'],
      ['Attention', '⚠ No call type is set to transfer to this number'],
      ['Attention', '⚠ Calls are set to transfer here, but no number is set: National, NEW_CALL_TYPE'],
      ['', 'Read at 14:03 UTC'],
    ]);
    assert.equal(
      message.markdown,
      [
        '**Transfer numbers** for **Alice Anderson** (alice@example.com)',
        '',
        '- Numbers in effect: Their own (custom numbers on)',
        '- Transfer number 1: +1 205 555 3661 (+12055553661) — Used for: International, Premium services I',
        '- Transfer number 2: +1205553651 — ⚠ No call type is set to transfer to this number',
        '- Transfer number 3: Not set — ⚠ Calls are set to transfer here, but no number is set: National, NEW_CALL_TYPE',
        '',
        'Read at 14:03 UTC',
      ].join('\n'),
    );
  });

  it('puts each note in the same container as its number, so it reads under it', () => {
    const card = cardOf(render(found({ transfer, usage })));
    const containers = (card.body as Record<string, unknown>[]).filter((node) => node.type === 'Container' && !JSON.stringify(node).includes('Input.Text'));
    assert.deepEqual(
      containers.map((c) => (c.items as Record<string, unknown>[]).map((item) => (item.type === 'FactSet' ? (item.facts as { title: string }[])[0].title : item.text))),
      [
        ['Transfer number 1', 'Used for: International, Premium services I'],
        ['Transfer number 2', '⚠ No call type is set to transfer to this number'],
        ['Transfer number 3', '⚠ Calls are set to transfer here, but no number is set: National, NEW_CALL_TYPE'],
      ],
    );
  });

  it('says nothing under numbers no call type uses when no flag was raised', () => {
    const quiet = { slots: [{ callTypes: [] }, { callTypes: [] }, { callTypes: [] }] } as TransferUsage;
    const card = cardOf(render(found({ transfer, usage: quiet })));
    assert.deepEqual(textBlocks(card), ['Transfer numbers', 'Alice Anderson', 'alice@example.com', 'Read at 14:03 UTC']);
  });

  for (const [status, why] of [
    [403, 'Webex refused (the admin token may lack the spark-admin:people_read scope, or API access is restricted)'],
    [404, 'Webex has no calling permissions for this person'],
    [429, 'Webex was busy'],
    [500, 'Webex answered with an error (HTTP 500)'],
  ] as const) {
    it(`still shows the numbers when what each is for could not be read (${status}), with the tracking ID`, () => {
      const message = render(found({ transfer, usageError: apiError({ status, trackingId: 'ROUTER_ABC-123' }) }));
      const card = cardOf(message);
      const note = `What each number is for could not be read: ${why}. Tracking ID: ROUTER_ABC-123`;
      assert.deepEqual(coloredTexts(card).slice(3), [
        ['Warning', note],
        ['', 'Read at 14:03 UTC'],
      ]);
      assert.equal(facts(card)[1][1], '+1 205 555 3661 (+12055553661)');
      assert.match(message.markdown, new RegExp(`\\n\\n${note.replace(/[\\()^$.*+?[\]]/g, '\\$&')}\\n\\nRead at 14:03 UTC$`));
    });
  }

  it('leaves the tracking ID out of the note when Webex gave none, and the network words when Webex was not reached', () => {
    const card = cardOf(render(found({ usageError: apiError({ status: 0, kind: 'network', message: 'ECONNRESET' }) })));
    assert.equal(textBlocks(card)[3], 'What each number is for could not be read: I could not reach Webex.');
  });

  it('carries the org of a partner look-up on Refresh, and names it', () => {
    const message = render(found({ orgId: 'ORG-7' }));
    const card = cardOf(message);
    assert.ok(textBlocks(card).some((t) => /^Read at .* in organization ORG-7$/.test(t)), textBlocks(card).join(' | '));
    assert.match(message.markdown, /in organization ORG-7$/);
    assert.deepEqual(actions(card)[0], {
      title: 'Refresh',
      data: { action: 'refresh', personId: ALICE_ID, orgId: 'ORG-7' },
    });
  });

  it('escapes a call type code Webex sends that is not known', () => {
    const hostile = { slots: [{ callTypes: ['<@all>', '[x](http://evil)'] }, { callTypes: [] }, { callTypes: [] }] } as TransferUsage;
    const message = render(found({ usage: hostile }));
    assert.equal(textBlocks(cardOf(message))[3], `Used for: \\<${ZWJ}@all\\>, \\[x\\](http:/${ZWJ}/evil)`);
  });
});

describe('cards/result-card: what applies', () => {
  const HQ = { id: 'LOC-HQ', name: 'Birmingham HQ' };

  it("shows the location's numbers as the ones in effect, the stored ones apart, and where \"used for\" comes from", () => {
    const message = render(
      found({
        transfer: { useCustomTransferNumbers: false, numbers: ['+12055553691', null, null] },
        inEffect: { from: 'location', numbers: ['+12055550100', null, null] },
        location: HQ,
        usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [] }, { callTypes: [] }] },
        usageFrom: 'location',
      }),
    );
    const card = cardOf(message);
    assert.deepEqual(facts(card), [
      ['Numbers in effect', 'From location Birmingham HQ (custom numbers off)'],
      ['Transfer number 1', '+1 205 555 0100 (+12055550100)'],
      ['Transfer number 2', 'Not set'],
      ['Transfer number 3', 'Not set'],
    ]);
    assert.deepEqual(textBlocks(card).slice(3), [
      'Used for: International',
      'What each number is for comes from the outgoing permissions of location Birmingham HQ (custom permissions off).',
      'Not in effect (stored on them, but custom numbers are off): 1: +1 205 555 3691 (+12055553691)',
      'Read at 14:03 UTC',
    ]);
  });

  it("says why the location's numbers are missing instead of showing any, with the tracking ID", () => {
    const error = apiError({ status: 403, trackingId: 'T-LOC' });
    const card = cardOf(render(found({ transfer: { useCustomTransferNumbers: false, numbers: [null, null, null] }, inEffect: { from: 'location', numbers: null, error }, location: { id: 'LOC-HQ' } })));
    assert.equal(facts(card)[0][1], 'From location ID LOC-HQ (custom numbers off)');
    assert.deepEqual(facts(card).slice(1).map(([, v]) => v), ['Could not be read', 'Could not be read', 'Could not be read']);
    assert.ok(
      textBlocks(card).includes(
        "The location's transfer numbers apply, but they could not be read: Webex refused (the admin token may lack the spark-admin:telephony_config_read scope, or API access is restricted). Tracking ID: T-LOC",
      ),
      textBlocks(card).join(' | '),
    );
  });

  it("says what is unknown when Webex did not say which location it is", () => {
    const card = cardOf(render(found({ transfer: { useCustomTransferNumbers: false, numbers: [null, null, null] }, inEffect: { from: 'location', numbers: null }, usageFrom: 'location' })));
    assert.equal(facts(card)[0][1], 'From their location (custom numbers off)');
    assert.ok(textBlocks(card).includes("The location's transfer numbers apply, but Webex did not say which location this is."));
    assert.ok(textBlocks(card).includes("What each number is for could not be read: their location's permissions apply, but which location it is is not known."));
  });

  it("says the location could not be found out, naming the People API's scope, when that look-up failed", () => {
    const error = apiError({ status: 403, trackingId: 'T-PPL' });
    const card = cardOf(render(found({ transfer: { useCustomTransferNumbers: false, numbers: [null, null, null] }, inEffect: { from: 'location', numbers: null, error, findingLocation: true } })));
    assert.ok(
      textBlocks(card).includes(
        "The location's transfer numbers apply, but I could not find out which location this is: Webex refused (the admin token may lack the spark-admin:people_read scope, or API access is restricted). Tracking ID: T-PPL",
      ),
      textBlocks(card).join(' | '),
    );
  });

  it('names a workspace as one, and its Refresh sends the workspaceId (with the org of a partner look-up)', () => {
    const workspace = person({ id: 'W-LOBBY', displayName: 'Lobby Phone', email: '', kind: 'workspace' });
    const card = cardOf(render(found({ person: workspace })));
    assert.deepEqual(textBlocks(card).slice(0, 3), ['Transfer numbers', 'Lobby Phone', 'Workspace']);
    assert.deepEqual(facts(card)[0], ['Numbers in effect', 'Its own (custom numbers on)']);
    assert.deepEqual(actions(card)[0], { title: 'Refresh', data: { action: 'refresh', workspaceId: 'W-LOBBY' } });
    assert.deepEqual(actions(cardOf(render(found({ person: workspace, orgId: 'ORG-7' }))))[0], {
      title: 'Refresh',
      data: { action: 'refresh', workspaceId: 'W-LOBBY', orgId: 'ORG-7' },
    });
  });
});
