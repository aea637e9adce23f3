import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Target } from '../../../src/commands/types';
import type { AdminApi } from '../../../src/lookup/ports';
import { LookupService } from '../../../src/lookup/service';
import { WebexApiError } from '../../../src/webex/errors';
import type { WebexPerson } from '../../../src/webex/types';
import { locationAndWorkspaceStubs } from './no-locations-or-workspaces';

const READ_AT = new Date('2026-11-29T10:15:00Z');

function personFor(email: string): WebexPerson {
  return { id: `P-${email}`, emails: [email], displayName: email.split('@')[0], orgId: 'ORG' };
}

/** An admin API whose transfer-number reads wait until released, so the test can see how many run at once. */
function gatedAdmin() {
  const waiting: { personId: string; release: () => void }[] = [];
  const api: Record<keyof AdminApi, sinon.SinonStub> = {
    findPeopleByEmail: sinon.stub().callsFake(async (email: string) => (email.startsWith('nobody') ? [] : [personFor(email)])),
    findPeopleByDisplayName: sinon.stub().resolves({ people: [], more: false }),
    ...locationAndWorkspaceStubs(),
    getWorkspaceTransferNumbers: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    getWorkspaceOutgoingPermission: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    getPerson: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'nope' })),
    getTransferNumbers: sinon.stub().callsFake(
      (personId: string) =>
        new Promise((resolve, reject) => {
          waiting.push({
            personId,
            release: () =>
              personId.includes('broken')
                ? reject(new WebexApiError({ status: 503, message: 'down', trackingId: 'T-503' }))
                : resolve({ useCustomTransferNumbers: true, autoTransferNumber1: `+1205555${String(waiting.length).padStart(4, '0')}` }),
          });
        }),
    ),
    getOutgoingPermission: sinon.stub().resolves({ callingPermissions: [] }),
    listCallingPeople: sinon.stub(),
  };
  return { api, waiting };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

const emails = (...names: string[]): Target[] => names.map((n) => ({ kind: 'email', email: `${n}@example.com` }));

describe('lookup/LookupService.lookupMany', () => {
  it('runs at most 4 look-ups at once and answers in the order asked', async () => {
    const { api, waiting } = gatedAdmin();
    const service = new LookupService(api, { peopleCacheTtlMs: 0, now: () => READ_AT });
    const targets = emails('a', 'b', 'c', 'd', 'e', 'f');
    const pending = service.lookupMany(targets);
    await settle();
    assert.deepEqual(
      waiting.map((w) => w.personId),
      ['P-a@example.com', 'P-b@example.com', 'P-c@example.com', 'P-d@example.com'],
    );
    // Finish the last of the first four first: the fifth starts, the order of answers does not change.
    waiting[3].release();
    await settle();
    assert.equal(waiting.length, 5);
    for (const w of waiting.slice()) w.release();
    await settle();
    for (const w of waiting.slice(5)) w.release();
    const result = await pending;
    assert.deepEqual(
      result.entries.map((e) => [e.target, e.outcome.kind]),
      targets.map((t) => [t, 'found']),
    );
    assert.equal('orgId' in result, false);
  });

  it('keeps each failure to its own person', async () => {
    const { api, waiting } = gatedAdmin();
    const service = new LookupService(api, { peopleCacheTtlMs: 0, lookupConcurrency: 10, now: () => READ_AT });
    const pending = service.lookupMany(emails('alice', 'nobody', 'broken'));
    await settle();
    for (const w of waiting) w.release();
    const { entries } = await pending;
    assert.deepEqual(
      entries.map((e) => e.outcome.kind),
      ['found', 'notFound', 'webexError'],
    );
    const failed = entries[2].outcome;
    assert.equal(failed.kind === 'webexError' && `${failed.stage} ${failed.error.trackingId}`, 'settings T-503');
  });

  it('passes the org and the deadline to every call and returns the org with the results', async () => {
    const { api, waiting } = gatedAdmin();
    const service = new LookupService(api, { peopleCacheTtlMs: 0, now: () => READ_AT });
    const pending = service.lookupMany(emails('a', 'b'), { orgId: 'CUSTOMER', deadline: 999 });
    await settle();
    for (const w of waiting) w.release();
    const result = await pending;
    assert.equal(result.orgId, 'CUSTOMER');
    for (const call of [...api.findPeopleByEmail.getCalls(), ...api.getTransferNumbers.getCalls(), ...api.getOutgoingPermission.getCalls()]) {
      assert.deepEqual(call.args[1], { orgId: 'CUSTOMER', deadline: 999 });
    }
    assert.equal(api.getOutgoingPermission.callCount, 2);
  });
});
