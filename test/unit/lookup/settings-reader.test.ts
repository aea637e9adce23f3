import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { LocationDefaults } from '../../../src/lookup/location-defaults';
import type { AdminApi } from '../../../src/lookup/ports';
import { SettingsReader, type Subject } from '../../../src/lookup/settings-reader';
import { WebexApiError } from '../../../src/webex/errors';

const READ_AT = new Date('2026-12-03T10:00:00Z');
const TARGET = { kind: 'email' as const, email: 'erin@example.com' };

/** `locationId` null: Webex gave none (a person remembered without calling data). */
function subject(overrides: Partial<Subject['summary']> = {}, locationId: string | null = 'LOC-HQ'): Subject {
  return { summary: { id: 'P-1', displayName: 'Erin Evans', email: 'erin@example.com', orgId: 'ORG', ...overrides }, locationId: locationId ?? undefined };
}

function fakeAdmin(overrides: Partial<Record<keyof AdminApi, sinon.SinonStub>> = {}): Record<keyof AdminApi, sinon.SinonStub> {
  return {
    findPeopleByEmail: sinon.stub(),
    findPeopleByDisplayName: sinon.stub(),
    getPerson: sinon.stub().resolves({ id: 'P-1', emails: [], displayName: 'Erin', orgId: 'ORG', locationId: 'LOC-LATE' }),
    getTransferNumbers: sinon.stub().resolves({ useCustomTransferNumbers: false, autoTransferNumber1: '+12055553691' }),
    getOutgoingPermission: sinon.stub().resolves({ useCustomPermissions: false, callingPermissions: [] }),
    listCallingPeople: sinon.stub(),
    getLocation: sinon.stub().resolves({ id: 'LOC-HQ', name: 'Birmingham HQ' }),
    getLocationTransferNumbers: sinon.stub().resolves({ autoTransferNumber1: '+12055550100', autoTransferNumber2: '', autoTransferNumber3: null }),
    getLocationOutgoingPermission: sinon.stub().resolves({ callingPermissions: [{ callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_1' }, { callType: 'NATIONAL', action: 'TRANSFER_NUMBER_2' }] }),
    findWorkspacesByDisplayName: sinon.stub(),
    getWorkspace: sinon.stub(),
    listCallingWorkspacePages: sinon.stub().callsFake(async function* () {}),
    getWorkspaceTransferNumbers: sinon.stub().resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055550150' }),
    getWorkspaceOutgoingPermission: sinon.stub().resolves({ useCustomPermissions: true, callingPermissions: [{ callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_1' }] }),
    ...overrides,
  };
}

function reader(api: Record<keyof AdminApi, sinon.SinonStub>) {
  return new SettingsReader(api, new LocationDefaults(api), { now: () => READ_AT });
}

describe('lookup/SettingsReader', () => {
  it("gives the location's numbers and permissions to someone without custom ones, naming the location and judging flags by them", async () => {
    const api = fakeAdmin();
    const outcome = await reader(api).read(subject(), TARGET, {});
    assert.deepEqual(outcome, {
      kind: 'found',
      person: subject().summary,
      transfer: { useCustomTransferNumbers: false, numbers: ['+12055553691', null, null] },
      inEffect: { from: 'location', numbers: ['+12055550100', null, null] },
      location: { id: 'LOC-HQ', name: 'Birmingham HQ' },
      readAt: READ_AT,
      usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: ['NATIONAL'], flag: 'numberNotSet' }, { callTypes: [] }] },
      usageFrom: 'location',
    });
    assert.equal(api.getLocationTransferNumbers.firstCall.args[0], 'LOC-HQ');
  });

  it('reads nothing of the location for someone with custom numbers and permissions: two calls', async () => {
    const api = fakeAdmin({
      getTransferNumbers: sinon.stub().resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+1' }),
      getOutgoingPermission: sinon.stub().resolves({ useCustomPermissions: true, callingPermissions: [{ callType: 'INTERNATIONAL', action: 'TRANSFER_NUMBER_1' }] }),
    });
    const outcome = await reader(api).read(subject(), TARGET, {});
    assert.equal(outcome.kind === 'found' && outcome.inEffect.from, 'own');
    assert.equal(outcome.kind === 'found' && outcome.location, undefined);
    sinon.assert.notCalled(api.getLocation);
    sinon.assert.notCalled(api.getLocationTransferNumbers);
    sinon.assert.notCalled(api.getLocationOutgoingPermission);
  });

  it("keeps the location's ID when its name is refused, and says why its numbers could not be read", async () => {
    const refused = new WebexApiError({ status: 403, message: 'no', trackingId: 'T-403' });
    const api = fakeAdmin({ getLocation: sinon.stub().rejects(refused), getLocationTransferNumbers: sinon.stub().rejects(refused) });
    const outcome = await reader(api).read(subject(), TARGET, {});
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.location, { id: 'LOC-HQ' });
    assert.deepEqual(outcome.inEffect, { from: 'location', numbers: null, error: refused });
    assert.deepEqual(outcome.usage?.slots.map((s) => s.flag), [undefined, undefined, undefined], 'no flags without the numbers in effect');
  });

  it('asks Webex for the location of a person remembered without it, and says so when there is none', async () => {
    const api = fakeAdmin();
    const outcome = await reader(api).read(subject({}, null), TARGET, {});
    assert.ok(outcome.kind === 'found');
    assert.equal(api.getLocationTransferNumbers.firstCall.args[0], 'LOC-LATE');
    const none = fakeAdmin({ getPerson: sinon.stub().resolves({ id: 'P-1', emails: [], displayName: 'Erin', orgId: 'ORG' }) });
    const unknown = await reader(none).read(subject({}, null), TARGET, {});
    assert.ok(unknown.kind === 'found');
    assert.deepEqual(unknown.inEffect, { from: 'location', numbers: null });
    assert.equal(unknown.usageFrom, 'location');
    assert.equal(unknown.usage, undefined);
  });

  it("reads a workspace's own settings through the workspace endpoints", async () => {
    const api = fakeAdmin();
    const outcome = await reader(api).read(subject({ id: 'W-1', kind: 'workspace', email: '' }), { kind: 'workspaceId', id: 'W-1' }, { orgId: 'ORG' });
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.inEffect, { from: 'own', numbers: ['+12055550150', null, null] });
    assert.deepEqual(api.getWorkspaceTransferNumbers.firstCall.args, ['W-1', { orgId: 'ORG' }]);
    sinon.assert.notCalled(api.getTransferNumbers);
  });

  it('answers noCalling on a 404 for the numbers, whoever it is', async () => {
    const api = fakeAdmin({ getWorkspaceTransferNumbers: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'not calling' })) });
    const outcome = await reader(api).read(subject({ id: 'W-2', kind: 'workspace' }), { kind: 'workspaceId', id: 'W-2' }, {});
    assert.equal(outcome.kind, 'noCalling');
  });

  it("says why the location is unknown when Webex failed to say it, with that failure's tracking ID", async () => {
    const busy = new WebexApiError({ status: 503, message: 'down', trackingId: 'T-503' });
    const api = fakeAdmin({ getPerson: sinon.stub().rejects(busy) });
    const outcome = await reader(api).read(subject({}, null), TARGET, {});
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.inEffect, { from: 'location', numbers: null, error: busy, findingLocation: true });
    assert.equal(outcome.usageError, undefined, 'said once, with the numbers');
    assert.equal(outcome.usageFrom, 'location');
  });

  it("reads the location of someone in another allowed org with that org's ID, on every location call", async () => {
    const api = fakeAdmin();
    await reader(api).read(subject({ orgId: 'PARTNER' }), TARGET, { orgId: 'PARTNER' });
    for (const stub of [api.getLocationTransferNumbers, api.getLocationOutgoingPermission, api.getLocation]) {
      assert.equal(stub.firstCall.args[1].orgId, 'PARTNER');
    }
  });
});
