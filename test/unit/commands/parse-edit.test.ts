import { strict as assert } from 'node:assert';
import { parseCardSubmit, parseCommand } from '../../../src/commands';

const ctx = { botNames: ['Transfer Bot'] };

describe('commands/parse edit commands', () => {
  const cases: [string, unknown][] = [
    ['set transfer number 2 for alice@example.com to (205) 555-0142', { kind: 'edit', target: { kind: 'email', email: 'alice@example.com' }, change: { kind: 'setNumber', slot: 2, number: '+12055550142' } }],
    ['Transfer Bot set transfer number #1 for Alice Anderson to +44 20 7946 0958', { kind: 'edit', target: { kind: 'name', name: 'Alice Anderson' }, change: { kind: 'setNumber', slot: 1, number: '+442079460958' } }],
    ['please change the auto transfer number 3 of Tom Toole to 205.555.0100', { kind: 'edit', target: { kind: 'name', name: 'Tom Toole' }, change: { kind: 'setNumber', slot: 3, number: '+12055550100' } }],
    ['clear transfer number 3 for workspace Lobby Phone', { kind: 'edit', target: { kind: 'workspaceName', name: 'Lobby Phone' }, change: { kind: 'clearNumber', slot: 3 } }],
    ['remove transfer no. 1 from bob@example.com', { kind: 'edit', target: { kind: 'email', email: 'bob@example.com' }, change: { kind: 'clearNumber', slot: 1 } }],
    ['use custom transfer numbers for alice@example.com', { kind: 'edit', target: { kind: 'email', email: 'alice@example.com' }, change: { kind: 'useCustom', on: true } }],
    ["use the location's transfer numbers for alice@example.com", { kind: 'edit', target: { kind: 'email', email: 'alice@example.com' }, change: { kind: 'useCustom', on: false } }],
    ['use location transfer numbers for alice@example.com in org 96abc2aa-3dcc-11e5-a152-fe34819cdc9a', { kind: 'edit', target: { kind: 'email', email: 'alice@example.com' }, change: { kind: 'useCustom', on: false }, orgId: '96abc2aa-3dcc-11e5-a152-fe34819cdc9a' }],
    ['set transfer number 1 for alice@example.com to 555-01', { kind: 'invalidEdit', input: '555-01', reason: 'number' }],
    ['set transfer number 1 for alice@example.com to call me', { kind: 'invalidEdit', input: 'call me', reason: 'number' }],
    ['set transfer number 4 for alice@example.com to +1 205 555 0100', { kind: 'invalidEdit', input: '4', reason: 'slot' }],
    ['clear transfer number 0 for alice@example.com', { kind: 'invalidEdit', input: '0', reason: 'slot' }],
    ['clear transfer number 2 for a@b', { kind: 'invalidEdit', input: 'a@b', reason: 'target' }],
    ['set transfer number 1 for alice@example.com to +1 205 555 0100 in org ../../people/me', { kind: 'invalidOrg', input: '../../people/me' }],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => {
      assert.deepEqual(parseCommand(text, ctx), expected);
    });
  }

  it('leaves look-ups as they were', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com', ctx), { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } });
    assert.equal(parseCommand('set alice straight', ctx).kind, 'help');
  });

  it('reads Confirm, Cancel and Undo buttons, and nothing else from a card', () => {
    assert.deepEqual(parseCardSubmit({ action: 'editConfirm', editId: 'abcDEF123_-x' }), { kind: 'editDecision', decision: 'confirm', editId: 'abcDEF123_-x' });
    assert.deepEqual(parseCardSubmit({ action: 'editCancel', editId: 'abcDEF123_-x' }), { kind: 'editDecision', decision: 'cancel', editId: 'abcDEF123_-x' });
    assert.deepEqual(parseCardSubmit({ action: 'editUndo', editId: 'abcDEF123_-x' }), { kind: 'editDecision', decision: 'undo', editId: 'abcDEF123_-x' });
    assert.deepEqual(parseCardSubmit({ action: 'editConfirm', editId: '../x' }), { kind: 'help' });
    assert.deepEqual(parseCardSubmit({ action: 'editConfirm', editId: 42 }), { kind: 'help' });
    assert.deepEqual(parseCardSubmit({ action: '__proto__', editId: 'abcDEF123_-x' }), { kind: 'help' });
    assert.deepEqual(parseCardSubmit({ action: 'toString', editId: 'abcDEF123_-x' }), { kind: 'help' });
  });
});
