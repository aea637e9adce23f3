import { strict as assert } from 'node:assert';
import { AxiosHeaders } from 'axios';
import { headerValue, toHeaderRecord } from '../../../src/webex/headers';

describe('webex/headers', () => {
  it('finds a header whatever the case of its name', () => {
    assert.equal(headerValue({ TrackingID: 'ROUTER_1' }, 'trackingid'), 'ROUTER_1');
    assert.equal(headerValue({ 'retry-after': 3 }, 'Retry-After'), '3');
  });

  it('reads AxiosHeaders', () => {
    const headers = new AxiosHeaders({ Trackingid: 'ROUTER_2' });
    assert.equal(headerValue(headers, 'trackingid'), 'ROUTER_2');
  });

  it('joins repeated headers and skips missing ones', () => {
    assert.equal(headerValue({ link: ['<a>; rel="next"', '<b>; rel="last"'] }, 'Link'), '<a>; rel="next", <b>; rel="last"');
    assert.equal(headerValue({ a: null }, 'a'), undefined);
    assert.equal(headerValue(undefined, 'a'), undefined);
  });

  it('lower-cases names in a record', () => {
    assert.deepEqual(toHeaderRecord({ TrackingID: 'x', Link: '<a>', Empty: undefined }), { trackingid: 'x', link: '<a>' });
  });
});
