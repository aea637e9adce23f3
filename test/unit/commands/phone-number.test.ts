import { strict as assert } from 'node:assert';
import { phoneNumberOf, samePhoneNumber, validE164 } from '../../../src/commands/phone-number';

describe('commands/phone-number', () => {
  it('gives E.164 for valid numbers, national forms read in the default country (US unless told)', () => {
    assert.deepEqual(phoneNumberOf('+12055553651'), { raw: '+12055553651', e164: '+12055553651', digits: '12055553651' });
    assert.deepEqual(phoneNumberOf(' (205) 555-3651 '), { raw: '(205) 555-3651', e164: '+12055553651', digits: '2055553651' });
    assert.equal(validE164('020 7183 8750', 'GB'), '+442071838750');
    assert.equal(validE164('020 7183 8750', 'gb'), '+442071838750');
    assert.equal(validE164('(205) 555-3651', 'XX'), '+12055553651', 'an unknown country falls back to US');
  });

  it('keeps only raw and digits for values that are not valid numbers', () => {
    assert.deepEqual(phoneNumberOf('+1205553650'), { raw: '+1205553650', digits: '1205553650' });
    assert.deepEqual(phoneNumberOf('3651'), { raw: '3651', digits: '3651' });
  });

  it('matches the same number however it is written', () => {
    const stored = phoneNumberOf('+12055553651');
    for (const typed of ['(205) 555-3651', '1-205-555-3651', '205.555.3651', '+1 205 555 3651']) {
      assert.ok(samePhoneNumber(phoneNumberOf(typed), stored), typed);
    }
  });

  it('matches numbers that are not valid by their digits', () => {
    assert.ok(samePhoneNumber(phoneNumberOf('+1 205 553 650'), phoneNumberOf('+1205553650')));
    assert.ok(!samePhoneNumber(phoneNumberOf('+1205553651'), phoneNumberOf('+1205553650')));
  });

  it('does not match two valid numbers that differ, even when one holds the other digits', () => {
    assert.ok(!samePhoneNumber(phoneNumberOf('(205) 555-3650'), phoneNumberOf('+1205553650')));
    assert.ok(!samePhoneNumber(phoneNumberOf('+12055553651'), phoneNumberOf('+12055553652')));
  });

  it('compares the raw text when there are no digits at all', () => {
    assert.ok(samePhoneNumber({ raw: 'x', digits: '' }, { raw: 'x', digits: '' }));
    assert.ok(!samePhoneNumber({ raw: '', digits: '' }, { raw: '', digits: '' }));
  });
});
