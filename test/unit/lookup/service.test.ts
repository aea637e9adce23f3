import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { LookupService, type AdminApi } from '../../../src/lookup';
import { WebexApiError } from '../../../src/webex/errors';
import type { WebexPerson } from '../../../src/webex/types';

const ORG = 'ORG1';
const alice: WebexPerson = { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice Anderson', orgId: ORG };
const chrisC: WebexPerson = { id: 'P-CC', emails: ['chris.carter@example.com'], displayName: 'Chris Carter', orgId: ORG };
const chrisO: WebexPerson = { id: 'P-CO', emails: ['chris.cooper@example.com'], displayName: 'Chris Cooper', orgId: ORG };
const READ_AT = new Date('2026-11-29T10:15:00Z');

type FakeAdmin = Record<keyof AdminApi, sinon.SinonStub>;

function fakeAdmin(overrides: Partial<FakeAdmin> = {}): FakeAdmin {
  const api: FakeAdmin = {
    findPeopleByEmail: sinon.stub().callsFake(async (email: string) => (email === 'alice@example.com' ? [alice] : [])),
    findPeopleByDisplayName: sinon.stub().callsFake(async (prefix: string) => {
      const all = [alice, chrisC, chrisO].filter((p) => p.displayName.toLowerCase().startsWith(prefix.toLowerCase()));
      return { people: all, more: false };
    }),
    getPerson: sinon.stub().callsFake(async (id: string) => {
      if (id === alice.id) return alice;
      throw new WebexApiError({ status: 404, message: 'Person not found' });
    }),
    getTransferNumbers: sinon.stub().resolves({
      useCustomTransferNumbers: true,
      autoTransferNumber1: '+1205553650',
      autoTransferNumber2: '',
      autoTransferNumber3: null,
    }),
    ...overrides,
  };
  return api;
}

function service(api: FakeAdmin) {
  return new LookupService(api, { peopleCacheTtlMs: 60_000, now: () => READ_AT });
}

describe('lookup/LookupService', () => {
  it('resolves an email and reads the numbers, unset ones as null', async () => {
    const api = fakeAdmin();
    const outcome = await service(api).lookup({ kind: 'email', email: 'alice@example.com' });
    assert.deepEqual(outcome, {
      kind: 'found',
      person: { id: 'P-ALICE', displayName: 'Alice Anderson', email: 'alice@example.com', orgId: ORG },
      transfer: { useCustomTransferNumbers: true, numbers: ['+1205553650', null, null] },
      readAt: READ_AT,
    });
    assert.equal(api.getTransferNumbers.firstCall.args[0], 'P-ALICE');
  });

  it('caches the person but reads the numbers fresh every time', async () => {
    const api = fakeAdmin();
    const s = service(api);
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    await s.lookup({ kind: 'personId', id: 'P-ALICE' });
    assert.equal(api.findPeopleByEmail.callCount, 1);
    assert.equal(api.getPerson.callCount, 0, 'the id was learned from the email look-up');
    assert.equal(api.getTransferNumbers.callCount, 3);
  });

  it('coalesces concurrent identical look-ups into one people request', async () => {
    const api = fakeAdmin();
    const s = service(api);
    await Promise.all([1, 2, 3, 4].map(() => s.lookup({ kind: 'email', email: 'alice@example.com' })));
    assert.equal(api.findPeopleByEmail.callCount, 1);
    assert.equal(api.getTransferNumbers.callCount, 4);
  });

  it('says not found for an unknown email or person ID', async () => {
    const s = service(fakeAdmin());
    assert.deepEqual(await s.lookup({ kind: 'email', email: 'nobody@example.com' }), {
      kind: 'notFound',
      target: { kind: 'email', email: 'nobody@example.com' },
    });
    assert.deepEqual(await s.lookup({ kind: 'personId', id: 'P-NOPE' }), { kind: 'notFound', target: { kind: 'personId', id: 'P-NOPE' } });
  });

  it('lists candidates when a display name matches several people', async () => {
    const outcome = await service(fakeAdmin()).lookup({ kind: 'name', name: 'Chris' });
    assert.equal(outcome.kind, 'ambiguous');
    if (outcome.kind !== 'ambiguous') return;
    assert.deepEqual(
      outcome.candidates.map((c) => c.email),
      ['chris.carter@example.com', 'chris.cooper@example.com'],
    );
    assert.equal(outcome.more, false);
  });

  it('takes the one person a name matches, and an exact name among several', async () => {
    const s = service(fakeAdmin());
    const one = await s.lookup({ kind: 'name', name: 'Chris Ca' });
    assert.equal(one.kind === 'found' && one.person.id, 'P-CC');
    const api = fakeAdmin({
      findPeopleByDisplayName: sinon.stub().resolves({
        people: [chrisC, { ...chrisO, displayName: 'Chris Carterson', id: 'P-CS' }],
        more: false,
      }),
    });
    const exact = await service(api).lookup({ kind: 'name', name: 'chris carter' });
    assert.equal(exact.kind === 'found' && exact.person.id, 'P-CC');
  });

  it('reports a settings 404 as "no Webex Calling", keeping the tracking ID', async () => {
    const error = new WebexApiError({ status: 404, message: 'User not found', errorCode: 4008, trackingId: 'T-404' });
    const outcome = await service(fakeAdmin({ getTransferNumbers: sinon.stub().rejects(error) })).lookup({
      kind: 'email',
      email: 'alice@example.com',
    });
    assert.equal(outcome.kind, 'noCalling');
    assert.equal(outcome.kind === 'noCalling' && outcome.error.trackingId, 'T-404');
  });

  it('reports other Webex failures with the stage that failed', async () => {
    const denied = new WebexApiError({ status: 403, message: 'Forbidden', trackingId: 'T-403' });
    const settings = await service(fakeAdmin({ getTransferNumbers: sinon.stub().rejects(denied) })).lookup({
      kind: 'email',
      email: 'alice@example.com',
    });
    assert.equal(settings.kind === 'webexError' && `${settings.stage} ${settings.error.status}`, 'settings 403');
    const busy = new WebexApiError({ status: 429, message: 'Too many', retryAfterSeconds: 7 });
    const resolve = await service(fakeAdmin({ findPeopleByEmail: sinon.stub().rejects(busy) })).lookup({
      kind: 'email',
      email: 'alice@example.com',
    });
    assert.equal(resolve.kind === 'webexError' && `${resolve.stage} ${resolve.error.retryAfterSeconds}`, 'resolve 7');
  });

  it('lets programming errors through to the caller instead of dressing them up as Webex failures', async () => {
    const s = service(fakeAdmin({ getTransferNumbers: sinon.stub().rejects(new TypeError('boom')) }));
    await assert.rejects(s.lookup({ kind: 'email', email: 'alice@example.com' }), /boom/);
  });

  it('passes the partner org and the deadline to every call, and keeps org caches apart', async () => {
    const api = fakeAdmin();
    const s = service(api);
    await s.lookup({ kind: 'email', email: 'alice@example.com' }, { orgId: 'CUSTOMER', deadline: 123 });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    assert.deepEqual(api.findPeopleByEmail.firstCall.args[1], { orgId: 'CUSTOMER', deadline: 123 });
    assert.deepEqual(api.getTransferNumbers.firstCall.args[1], { orgId: 'CUSTOMER', deadline: 123 });
    assert.equal(api.findPeopleByEmail.callCount, 2, 'a person cached for one org is not reused for another');
  });
});
