import { strict as assert } from 'node:assert';
import { CALL_TYPE_WORDS, callTypeWords } from '../../../src/cards/call-type-words';

describe('cards/call-type-words', () => {
  it('has plain words for every call type Webex documents, older orgs included', () => {
    assert.deepEqual(CALL_TYPE_WORDS, {
      INTERNAL_CALL: 'Internal',
      TOLL_FREE: 'Toll free',
      INTERNATIONAL: 'International',
      OPERATOR_ASSISTED: 'Operator assisted',
      CHARGEABLE_DIRECTORY_ASSISTED: 'Chargeable directory assistance',
      SPECIAL_SERVICES_I: 'Special services I',
      SPECIAL_SERVICES_II: 'Special services II',
      PREMIUM_SERVICES_I: 'Premium services I',
      PREMIUM_SERVICES_II: 'Premium services II',
      NATIONAL: 'National',
      LOCAL: 'Local',
      TOLL: 'Toll',
    });
    assert.equal(callTypeWords('PREMIUM_SERVICES_II'), 'Premium services II');
  });

  it('shows an unknown call type by its code, even one named like an object property', () => {
    assert.equal(callTypeWords('SATELLITE'), 'SATELLITE');
    assert.equal(callTypeWords('constructor'), 'constructor');
    assert.equal(callTypeWords('__proto__'), '__proto__');
    assert.equal(callTypeWords('international'), 'international', 'codes are exact');
  });
});
