import { strict as assert } from 'node:assert';
import { parseCommand } from '../../../src/commands';
import { trimEndChars, trimStartChars } from '../../../src/commands/trim';

describe('commands/trim', () => {
  it('trims only the given characters, only at that end', () => {
    assert.equal(trimEndChars('alice@example.com.,;', '.,;'), 'alice@example.com');
    assert.equal(trimEndChars('...', '.'), '');
    assert.equal(trimEndChars('a.b', '.'), 'a.b');
    assert.equal(trimStartChars('<<"alice>', '<"'), 'alice>');
    assert.equal(trimStartChars('', '<'), '');
  });

  it('parses what agents type around addresses as before', () => {
    const ctx = { botNames: ['Transfer Bot'] };
    assert.deepEqual(parseCommand('transfer numbers for <alice@example.com>...', ctx), {
      kind: 'lookup',
      target: { kind: 'email', email: 'alice@example.com' },
    });
    assert.deepEqual(parseCommand('transfer numbers for [Alice](mailto:alice@example.com) and "bob@example.com"!', ctx), {
      kind: 'lookupMany',
      targets: [
        { kind: 'email', email: 'alice@example.com' },
        { kind: 'email', email: 'bob@example.com' },
      ],
    });
  });

  it('answers hostile long text with a clear refusal of the target, not a look-up', () => {
    const ctx = { botNames: ['Transfer Bot'] };
    for (const unit of ['.', '>', '[a](']) {
      const command = parseCommand(`transfer numbers for ${unit.repeat(7_000 / unit.length)}x`, ctx);
      assert.equal(command.kind, 'invalidTarget', unit);
    }
  });

  it('reads a name before an unclosed address of many "@" as a name and an address that is refused', () => {
    const ctx = { botNames: ['Transfer Bot'] };
    const address = `<${'a@'.repeat(3_600)}`;
    const command = parseCommand(`transfer numbers for Alice ${address}`, ctx);
    assert.ok(command.kind === 'invalidTarget' && command.input === address, 'the address is named as the problem');
    assert.equal(command.reason, 'tooLong');
    assert.deepEqual(parseCommand('transfer numbers for Alice <a@b@example.com>', ctx), { kind: 'invalidTarget', input: 'Alice <a@b@example.com>', reason: 'malformed' });
    assert.deepEqual(parseCommand('transfer numbers for Alice Anderson <alice@example.com>.', ctx), {
      kind: 'lookup',
      target: { kind: 'email', email: 'alice@example.com' },
    });
  });
});
