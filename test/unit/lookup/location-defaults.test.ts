import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { LocationDefaults } from '../../../src/lookup/location-defaults';
import { WebexApiError } from '../../../src/webex/errors';

function fakeAdmin() {
  return {
    getLocation: sinon.stub().resolves({ id: 'L', name: ' Birmingham HQ ' }),
    getLocationTransferNumbers: sinon.stub().resolves({ autoTransferNumber1: '+1' }),
    getLocationOutgoingPermission: sinon.stub().resolves({ callingPermissions: [] }),
  };
}

describe('lookup/LocationDefaults', () => {
  it('keeps names and permissions, never numbers; Refresh (fresh) reads all again', async () => {
    const api = fakeAdmin();
    const locations = new LocationDefaults(api);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await locations.summary('L', {}), { id: 'L', name: 'Birmingham HQ' });
      await locations.permission('L', {});
      await locations.numbers('L', {});
    }
    assert.equal(api.getLocation.callCount, 1);
    assert.equal(api.getLocationOutgoingPermission.callCount, 1);
    assert.equal(api.getLocationTransferNumbers.callCount, 3);
    await locations.summary('L', { fresh: true });
    await locations.permission('L', { fresh: true });
    assert.equal(api.getLocation.callCount, 2);
    assert.equal(api.getLocationOutgoingPermission.callCount, 2);
  });

  it('keeps orgs apart, and keeps nothing with a TTL of 0', async () => {
    const api = fakeAdmin();
    const locations = new LocationDefaults(api);
    await locations.summary('L', {});
    await locations.summary('L', { orgId: 'OTHER' });
    assert.equal(api.getLocation.callCount, 2);
    const uncached = new LocationDefaults(api, { ttlMs: 0 });
    await uncached.summary('L', {});
    await uncached.summary('L', {});
    assert.equal(api.getLocation.callCount, 4);
  });

  it('answers the ID alone when the name is refused, and keeps the refusal (a 403), not a passing failure', async () => {
    const api = fakeAdmin();
    api.getLocation.rejects(new WebexApiError({ status: 403, message: 'no' }));
    const locations = new LocationDefaults(api);
    assert.deepEqual(await locations.summary('L', {}), { id: 'L' });
    assert.deepEqual(await locations.summary('L', {}), { id: 'L' });
    assert.equal(api.getLocation.callCount, 1);
    api.getLocation.rejects(new WebexApiError({ status: 503, message: 'down' }));
    assert.deepEqual(await locations.summary('M', {}), { id: 'M' });
    assert.deepEqual(await locations.summary('M', {}), { id: 'M' });
    assert.equal(api.getLocation.callCount, 3);
  });

  it('lets a programming error through', async () => {
    const api = fakeAdmin();
    api.getLocation.rejects(new TypeError('bug'));
    await assert.rejects(new LocationDefaults(api).summary('L', {}), TypeError);
  });

  it('shares one read among concurrent look-ups of one location', async () => {
    const api = fakeAdmin();
    const locations = new LocationDefaults(api);
    await Promise.all([locations.numbers('L', {}), locations.numbers('L', {}), locations.numbers('L', {})]);
    assert.equal(api.getLocationTransferNumbers.callCount, 1);
  });
});
