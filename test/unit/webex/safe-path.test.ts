import { strict as assert } from 'node:assert';
import { toSafePath } from '../../../src/webex/safe-path';

describe('webex/safe-path toSafePath', () => {
  const personId = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xMjM0NTY3OC1hYmNk';

  it('drops origin and query and templates IDs', () => {
    assert.equal(
      toSafePath(`https://webexapis.com/v1/telephony/config/people/${personId}/outgoingPermission/autoTransferNumbers?orgId=abc`),
      '/v1/telephony/config/people/{id}/outgoingPermission/autoTransferNumbers',
    );
  });

  it('removes emails and display names that travel in the query', () => {
    assert.equal(toSafePath('/people?email=alice%40example.com&displayName=Alice'), '/people');
  });

  it('templates an email used as a path segment, encoded or not', () => {
    assert.equal(toSafePath('/people/alice@example.com'), '/people/{id}');
    assert.equal(toSafePath('/people/alice%40example.com'), '/people/{id}');
  });

  it('keeps route words, "me" and short segments', () => {
    assert.equal(toSafePath('/people/me'), '/people/me');
    assert.equal(toSafePath('/people/{id}/features/outgoingPermission'), '/people/{id}/features/outgoingPermission');
  });

  it('strips a base path prefix when asked', () => {
    assert.equal(toSafePath('https://webexapis.com/v1/people?cursor=x', '/v1'), '/people');
    assert.equal(toSafePath('https://webexapis.com/v10/people', '/v1'), '/v10/people');
  });

  it('drops fragments and adds a leading slash', () => {
    assert.equal(toSafePath('people/me#frag'), '/people/me');
  });
});
