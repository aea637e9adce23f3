import { strict as assert } from 'node:assert';
import { parseCardSubmit, parseCommand, splitTargetText } from '../../../src/commands';

const ID = Buffer.from('ciscospark://us/PEOPLE/0f3e1c52-6a53-4e4e-9b8a-2c1b8f4a7d10').toString('base64').replace(/=+$/, '');
const ctx = { botNames: ['Transfer Bot', 'Transfer'] };

const alice = { kind: 'email', email: 'alice@example.com' } as const;
const bob = { kind: 'email', email: 'bob@example.com' } as const;
const chris = { kind: 'name', name: 'Chris Carter' } as const;

describe('commands/parseCommand: several people', () => {
  const aliceAndBob = [
    'transfer numbers for alice@example.com, bob@example.com',
    'transfer numbers for alice@example.com bob@example.com',
    'transfer numbers for alice@example.com and bob@example.com',
    'transfer numbers for alice@example.com AND bob@example.com.',
    'transfer numbers for alice@example.com; bob@example.com',
    'transfer numbers for alice@example.com & bob@example.com',
    'transfer numbers for <alice@example.com>,<bob@example.com>',
    'transfer numbers for alice@example.com,, bob@example.com,',
    'transfer numbers for [alice@example.com](mailto:alice@example.com) and [Bob](mailto:bob@example.com)',
    'Transfer Bot transfer numbers for alice@example.com, bob@example.com',
  ];
  for (const text of aliceAndBob) {
    it(`reads ${JSON.stringify(text)} as alice then bob`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'lookupMany', targets: [alice, bob] });
    });
  }

  it('keeps the spaces of a display name: only commas and "and" separate names', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com and Chris Carter', ctx), {
      kind: 'lookupMany',
      targets: [alice, chris],
    });
    assert.deepEqual(parseCommand('transfer numbers for Chris Carter, Alice Anderson and bob@example.com', ctx), {
      kind: 'lookupMany',
      targets: [chris, { kind: 'name', name: 'Alice Anderson' }, bob],
    });
  });

  it('separates emails and person IDs from the names around them by spaces', () => {
    assert.deepEqual(parseCommand(`transfer numbers for alice@example.com Chris Carter ${ID} bob@example.com`, ctx), {
      kind: 'lookupMany',
      targets: [alice, chris, { kind: 'personId', id: ID }, bob],
    });
  });

  it('reads "Name <email>" as that one address', () => {
    assert.deepEqual(parseCommand('transfer numbers for Alice Anderson <alice@example.com>, "Bob Baker" <bob@example.com>', ctx), {
      kind: 'lookupMany',
      targets: [alice, bob],
    });
    assert.deepEqual(parseCommand('transfer numbers for Alice Anderson <alice@example.com>', ctx), { kind: 'lookup', target: alice });
  });

  it('keeps the order asked and drops repeats, leaving a single look-up when only one person remains', () => {
    assert.deepEqual(parseCommand('transfer numbers for bob@example.com, alice@example.com, BOB@example.com', ctx), {
      kind: 'lookupMany',
      targets: [bob, alice],
    });
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com, ALICE@example.com', ctx), { kind: 'lookup', target: alice });
    assert.deepEqual(parseCommand('transfer numbers for chris carter and Chris Carter', ctx), {
      kind: 'lookup',
      target: { kind: 'name', name: 'chris carter' },
    });
  });

  it('takes up to 10 people', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `p${i}@example.com`);
    const command = parseCommand(`transfer numbers for ${ten.join(', ')}`, ctx);
    assert.deepEqual(command, { kind: 'lookupMany', targets: ten.map((email) => ({ kind: 'email', email })) });
  });

  it('refuses more than 10 people with an invalid-target reply saying so', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`).join(' and ');
    assert.deepEqual(parseCommand(`transfer numbers for ${eleven}`, ctx), { kind: 'invalidTarget', input: eleven, reason: 'tooMany' });
    // Repeats do not count.
    const repeated = Array.from({ length: 11 }, () => 'alice@example.com').join(', ');
    assert.deepEqual(parseCommand(`transfer numbers for ${repeated}`, ctx), { kind: 'lookup', target: alice });
  });

  it('names the one entry of a list that cannot be looked up', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com, bob@, Chris Carter', ctx), {
      kind: 'invalidTarget',
      input: 'bob@',
      reason: 'malformed',
    });
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com and 12345', ctx), {
      kind: 'invalidTarget',
      input: '12345',
      reason: 'malformed',
    });
  });

  it('passes "in org" on to the whole list', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com, bob@example.com in org 2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01', ctx), {
      kind: 'lookupMany',
      targets: [alice, bob],
      orgId: '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01',
    });
  });

  it('splits without losing what each piece says', () => {
    assert.deepEqual(splitTargetText('a@x.io b@x.io,Chris  Carter and  and <>'), ['a@x.io', 'b@x.io', 'Chris Carter']);
    assert.deepEqual(splitTargetText('Anne Andersen-Sandoval'), ['Anne Andersen-Sandoval'], '"and" inside a word does not separate');
  });
});

describe('commands/parseCardSubmit: several people', () => {
  it('reads "Refresh all": one target per line, in order, keeping the org', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: `${ID}\nbob@example.com\nChris Carter`, orgId: '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01' }), {
      kind: 'lookupMany',
      targets: [{ kind: 'personId', id: ID }, bob, chris],
      orgId: '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01',
      fresh: true,
    });
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 'alice@example.com' }), { kind: 'lookup', target: alice, fresh: true });
  });

  it('refuses an empty, oversized or broken "Refresh all"', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany' }), { kind: 'invalidTarget', input: '', reason: 'empty' });
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 42 }), { kind: 'invalidTarget', input: '', reason: 'empty' });
    const eleven = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`).join('\n');
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: eleven }), { kind: 'invalidTarget', input: '', reason: 'tooMany' });
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 'alice@example.com\n<b>@' }), {
      kind: 'invalidTarget',
      input: '<b>@',
      reason: 'malformed',
    });
  });
});

describe('commands/parseCardSubmit: "Refresh all" repeats', () => {
  it('asks for each person once', () => {
    assert.deepEqual(parseCardSubmit({ action: 'refreshMany', targets: 'Zoë\nzoë\nbob@example.com' }), {
      kind: 'lookupMany',
      targets: [{ kind: 'name', name: 'Zoë' }, bob],
      fresh: true,
    });
  });
});
