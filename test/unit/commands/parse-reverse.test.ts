import { strict as assert } from 'node:assert';
import { parseCommand, parsePhoneQuery } from '../../../src/commands';

const ctx = { botNames: ['Transfer Bot', 'Transfer'] };

describe('commands/parseCommand: who transfers to a number', () => {
  const forms: [string, string, string][] = [
    // [typed after "who transfers to", raw kept, digits]
    ['+12055553651', '+12055553651', '12055553651'],
    ['+1 205 555 3651', '+1 205 555 3651', '12055553651'],
    ['(205) 555-3651', '(205) 555-3651', '2055553651'],
    ['1-205-555-3651', '1-205-555-3651', '12055553651'],
    ['205.555.3651', '205.555.3651', '2055553651'],
    ['205-555-3651.', '205-555-3651', '2055553651'],
    ['+1 (205) 555‑3651', '+1 (205) 555‑3651', '12055553651'],
    ['tel:+1-205-555-3651', '+1-205-555-3651', '12055553651'],
    ['<tel:+12055553651>', '+12055553651', '12055553651'],
    ['tel:+12055553651;ext=12', '+12055553651', '12055553651'],
    ['[+1 205 555 3651](tel:+12055553651)', '+12055553651', '12055553651'],
    ['"+12055553651"?', '+12055553651', '12055553651'],
  ];
  for (const [typed, raw, digits] of forms) {
    it(`reads ${JSON.stringify(typed)} as +12055553651`, () => {
      assert.deepEqual(parseCommand(`who transfers to ${typed}`, ctx), { kind: 'reverse', number: { raw, e164: '+12055553651', digits } });
    });
  }

  const phrasings = [
    'who transfers to +12055553651',
    'Who transfers calls to +12055553651',
    'who is transferring to +12055553651',
    'who are transferring their calls to: +12055553651',
    'which people transfer to +12055553651',
    'who auto-transfers to +12055553651',
    'Transfer Bot who transfers to +12055553651',
    '@Transfer Bot, who transfers to +12055553651',
    'please who transfers to\n+12055553651',
  ];
  for (const text of phrasings) {
    it(`understands ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'reverse', number: { raw: '+12055553651', e164: '+12055553651', digits: '12055553651' } });
    });
  }

  it('keeps a value that is not a valid number (Webex may have stored it so) by its digits', () => {
    assert.deepEqual(parseCommand('who transfers to +1205553650', ctx), { kind: 'reverse', number: { raw: '+1205553650', digits: '1205553650' } });
    assert.deepEqual(parseCommand('who transfers to 3651', ctx), { kind: 'reverse', number: { raw: '3651', digits: '3651' } });
  });

  it('reads national forms in the country it is given', () => {
    assert.deepEqual(parseCommand('who transfers to 020 7183 8750', { ...ctx, defaultCountry: 'GB' }), {
      kind: 'reverse',
      number: { raw: '020 7183 8750', e164: '+442071838750', digits: '02071838750' },
    });
  });

  it('passes "in org" on', () => {
    assert.deepEqual(parseCommand('who transfers to +12055553651 in org 2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01', ctx), {
      kind: 'reverse',
      number: { raw: '+12055553651', e164: '+12055553651', digits: '12055553651' },
      orgId: '2c0a4e8b-7d1f-4c55-9a3e-5b6f7c8d9e01',
    });
  });

  const junk: [string, string, string][] = [
    ['who transfers to', '', 'empty'],
    ['who transfers to <>', '<>', 'empty'],
    ['who transfers to alice@example.com', 'alice@example.com', 'malformed'],
    ['who transfers to 1-800-FLOWERS', '1-800-FLOWERS', 'malformed'],
    ['who transfers to +1+2055553651', '+1+2055553651', 'malformed'],
    ['who transfers to <script>1</script>', '<script>1</script>', 'malformed'],
    ['who transfers to 12', '12', 'tooShort'],
    ['who transfers to ---', '---', 'tooShort'],
    ['who transfers to 1234567890123456', '1234567890123456', 'tooLong'],
    [`who transfers to ${'1 '.repeat(40)}`, '1 '.repeat(40).trim(), 'tooLong'],
  ];
  for (const [text, input, reason] of junk) {
    it(`refuses ${JSON.stringify(text.slice(0, 40))} with the reason "${reason}"`, () => {
      assert.deepEqual(parseCommand(text, ctx), { kind: 'invalidNumber', input, reason });
    });
  }

  it('still reads transfer-number look-ups and help as before', () => {
    assert.deepEqual(parseCommand('transfer numbers for alice@example.com', ctx), { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } });
    assert.deepEqual(parseCommand('who are you', ctx), { kind: 'help' });
  });
});

describe('commands/parsePhoneQuery', () => {
  it('answers with the reason for anything that is not a number', () => {
    assert.deepEqual(parsePhoneQuery('   '), { ok: false, reason: 'empty' });
    assert.deepEqual(parsePhoneQuery('x'.repeat(61)), { ok: false, reason: 'tooLong' });
    assert.deepEqual(parsePhoneQuery('555 0199 ext 4'), { ok: false, reason: 'malformed' });
  });
});
