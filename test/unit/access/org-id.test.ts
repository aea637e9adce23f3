import { strict as assert } from 'node:assert';
import { orgKey } from '../../../src/access/org-id';
import { HOME_ORG, HOME_ORG_UUID } from './ids';

describe('access/orgKey', () => {
  it('reads the UUID out of the API form of an organization ID', () => {
    assert.equal(orgKey(HOME_ORG), HOME_ORG_UUID);
  });

  it('reads the URL-safe and padded spellings of the same ID alike', () => {
    const padded = Buffer.from(`ciscospark://us/ORGANIZATION/${HOME_ORG_UUID}`).toString('base64');
    const urlSafe = padded.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    assert.equal(orgKey(padded), HOME_ORG_UUID);
    assert.equal(orgKey(urlSafe), HOME_ORG_UUID);
  });

  it('takes a bare UUID as it is, in lower case and trimmed', () => {
    assert.equal(orgKey(`  ${HOME_ORG_UUID.toUpperCase()} `), HOME_ORG_UUID);
  });

  it('leaves anything else as the trimmed text, so it only matches itself', () => {
    assert.equal(orgKey(' some-org '), 'some-org');
    const person = Buffer.from(`ciscospark://us/PEOPLE/${HOME_ORG_UUID}`).toString('base64');
    assert.equal(orgKey(person), person);
    assert.equal(orgKey(''), '');
  });
});
