import { strict as assert } from 'node:assert';
import { phoneNumberWords, typedNumberWords } from '../../../src/cards/phone-words';

describe('cards/phone-words', () => {
  it('formats a valid number internationally and keeps its E.164 form for copying', () => {
    assert.equal(phoneNumberWords('+12055553661'), '+1 205 555 3661 (+12055553661)');
    assert.equal(phoneNumberWords('+442071838750'), '+44 20 7183 8750 (+442071838750)');
    assert.equal(phoneNumberWords('+1 (205) 555-3661'), '+1 205 555 3661 (+12055553661)');
  });

  it('shows anything else exactly as Webex returned it', () => {
    for (const value of ['+1205553650', '2055553661', '3651', 'ext. 12', '']) assert.equal(phoneNumberWords(value), value);
  });

  it('shows a typed number by its E.164 form when valid, else as typed', () => {
    assert.equal(typedNumberWords({ raw: '(205) 555-3651', e164: '+12055553651', digits: '2055553651' }), '+1 205 555 3651 (+12055553651)');
    assert.equal(typedNumberWords({ raw: '+1205553650', digits: '1205553650' }), '+1205553650');
  });
});
