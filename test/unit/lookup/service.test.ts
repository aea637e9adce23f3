import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { AdminApi } from '../../../src/lookup/ports';
import { LookupService } from '../../../src/lookup/service';
import { WebexApiError } from '../../../src/webex/errors';
import type { WebexOutgoingPermission, WebexPerson } from '../../../src/webex/types';
import { locationAndWorkspaceStubs } from './no-locations-or-workspaces';

const ORG = 'ORG1';
const alice: WebexPerson = { id: 'P-ALICE', emails: ['alice@example.com'], displayName: 'Alice Anderson', orgId: ORG };
const chrisC: WebexPerson = { id: 'P-CC', emails: ['chris.carter@example.com'], displayName: 'Chris Carter', orgId: ORG };
const chrisO: WebexPerson = { id: 'P-CO', emails: ['chris.cooper@example.com'], displayName: 'Chris Cooper', orgId: ORG };
const READ_AT = new Date('2026-11-29T10:15:00Z');

/** Every call type ALLOW, except the ones given. */
function permission(actions: Record<string, string> = {}): WebexOutgoingPermission {
  const callTypes = ['INTERNAL_CALL', 'TOLL_FREE', 'INTERNATIONAL', 'PREMIUM_SERVICES_I', 'NATIONAL'];
  return { callingPermissions: callTypes.map((callType) => ({ callType, action: actions[callType] ?? 'ALLOW' })) };
}

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
    getOutgoingPermission: sinon.stub().resolves(permission({ INTERNATIONAL: 'TRANSFER_NUMBER_1' })),
    ...locationAndWorkspaceStubs(),
    getWorkspaceTransferNumbers: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    getWorkspaceOutgoingPermission: sinon.stub().rejects(new WebexApiError({ status: 404, message: 'no calling' })),
    listCallingPeople: sinon.stub().callsFake(async function* () {
      yield [];
    }),
    ...overrides,
  };
  return api;
}

function service(api: FakeAdmin) {
  return new LookupService(api, { peopleCacheTtlMs: 60_000, now: () => READ_AT });
}

describe('lookup/LookupService', () => {
  it('resolves an email and reads the numbers, unset ones as null, and what each is for', async () => {
    const api = fakeAdmin();
    const outcome = await service(api).lookup({ kind: 'email', email: 'alice@example.com' });
    assert.deepEqual(outcome, {
      kind: 'found',
      person: { id: 'P-ALICE', displayName: 'Alice Anderson', email: 'alice@example.com', orgId: ORG },
      transfer: { useCustomTransferNumbers: true, numbers: ['+1205553650', null, null] },
      inEffect: { from: 'own', numbers: ['+1205553650', null, null] },
      readAt: READ_AT,
      usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [] }, { callTypes: [] }] },
      usageFrom: 'own',
    });
    assert.equal(api.getTransferNumbers.firstCall.args[0], 'P-ALICE');
    assert.equal(api.getOutgoingPermission.firstCall.args[0], 'P-ALICE');
  });

  it('reads the numbers and the permissions side by side', async () => {
    let releaseNumbers!: () => void;
    const api = fakeAdmin({
      getTransferNumbers: sinon.stub().returns(
        new Promise((resolve) => {
          releaseNumbers = () => resolve({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055553661' });
        }),
      ),
    });
    const pending = service(api).lookup({ kind: 'personId', id: 'P-ALICE' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(api.getOutgoingPermission.callCount, 1, 'the permissions are asked for before the numbers arrive');
    releaseNumbers();
    assert.equal((await pending).kind, 'found');
  });

  for (const [status, trackingId] of [
    [403, 'T-403'],
    [404, 'T-404'],
    [500, 'T-500'],
  ] as const) {
    it(`still shows the numbers when the permissions read fails with ${status}, keeping the error`, async () => {
      const error = new WebexApiError({ status, message: 'no', trackingId });
      const outcome = await service(fakeAdmin({ getOutgoingPermission: sinon.stub().rejects(error) })).lookup({
        kind: 'email',
        email: 'alice@example.com',
      });
      assert.equal(outcome.kind, 'found');
      if (outcome.kind !== 'found') return;
      assert.deepEqual(outcome.transfer.numbers, ['+1205553650', null, null]);
      assert.equal(outcome.usage, undefined);
      assert.equal(outcome.usageError, error);
    });
  }

  it('says "no Webex Calling" when the numbers answer 404, whatever the permissions did', async () => {
    const error = new WebexApiError({ status: 404, message: 'User not found', errorCode: 4008 });
    const outcome = await service(
      fakeAdmin({ getTransferNumbers: sinon.stub().rejects(error), getOutgoingPermission: sinon.stub().rejects(error) }),
    ).lookup({ kind: 'email', email: 'alice@example.com' });
    assert.equal(outcome.kind, 'noCalling');
  });

  it('lets a programming error in the permissions read through', async () => {
    const s = service(fakeAdmin({ getOutgoingPermission: sinon.stub().rejects(new TypeError('bad permission code')) }));
    await assert.rejects(s.lookup({ kind: 'email', email: 'alice@example.com' }), /bad permission code/);
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
    assert.deepEqual(api.getOutgoingPermission.firstCall.args[1], { orgId: 'CUSTOMER', deadline: 123 });
    assert.equal(api.findPeopleByEmail.callCount, 2, 'a person cached for one org is not reused for another');
  });

  it('stamps the org asked for on outcomes whose buttons look up again, and only then', async () => {
    const s = service(fakeAdmin());
    const found = await s.lookup({ kind: 'email', email: 'alice@example.com' }, { orgId: 'CUSTOMER' });
    assert.equal(found.kind === 'found' && found.orgId, 'CUSTOMER');
    const ambiguous = await s.lookup({ kind: 'name', name: 'Chris' }, { orgId: 'CUSTOMER' });
    assert.equal(ambiguous.kind === 'ambiguous' && ambiguous.orgId, 'CUSTOMER');
    const own = await s.lookup({ kind: 'email', email: 'alice@example.com' });
    assert.equal('orgId' in own, false);
    const denied = new WebexApiError({ status: 403, message: 'Forbidden' });
    const failed = await service(fakeAdmin({ getTransferNumbers: sinon.stub().rejects(denied) })).lookup(
      { kind: 'email', email: 'alice@example.com' },
      { orgId: 'CUSTOMER' },
    );
    assert.equal(failed.kind === 'webexError' && failed.orgId, 'CUSTOMER');
  });
});

describe('lookup/LookupService permissions cache', () => {
  it('reuses "what each number is for" for a while, reads the numbers every time, and reads both on Refresh', async () => {
    const api = fakeAdmin();
    const s = new LookupService(api, { peopleCacheTtlMs: 60_000, permissionsCacheTtlMs: 60_000, now: () => READ_AT });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    assert.equal(api.getTransferNumbers.callCount, 2);
    assert.equal(api.getOutgoingPermission.callCount, 1);
    await s.lookup({ kind: 'email', email: 'alice@example.com' }, { fresh: true });
    assert.equal(api.getOutgoingPermission.callCount, 2);
    assert.equal(api.getTransferNumbers.callCount, 3);
  });

  it('reads the permissions every time when the cache is off, and never caches a failed read', async () => {
    const api = fakeAdmin();
    const off = new LookupService(api, { peopleCacheTtlMs: 60_000, permissionsCacheTtlMs: 0, now: () => READ_AT });
    await off.lookup({ kind: 'email', email: 'alice@example.com' });
    await off.lookup({ kind: 'email', email: 'alice@example.com' });
    assert.equal(api.getOutgoingPermission.callCount, 2);
    const failing = fakeAdmin({ getOutgoingPermission: sinon.stub().rejects(new WebexApiError({ status: 503, message: 'down' })) });
    const s = new LookupService(failing, { peopleCacheTtlMs: 60_000, now: () => READ_AT });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    await s.lookup({ kind: 'email', email: 'alice@example.com' });
    assert.equal(failing.getOutgoingPermission.callCount, 2);
  });

  describe('people in another organization (a partner admin token reaches several)', () => {
    const CUSTOMER = 'ORG-CUSTOMER';
    const olga: WebexPerson = { id: 'P-OLGA', emails: ['olga@customer.example'], displayName: 'Olga Orlova', orgId: CUSTOMER };
    const scoped = (allowed: string[]) => {
      const api = fakeAdmin({
        findPeopleByEmail: sinon.stub().callsFake(async (email: string) => (email === 'olga@customer.example' ? [olga] : email === 'alice@example.com' ? [alice] : [])),
      });
      const lookup = new LookupService(api, {
        peopleCacheTtlMs: 60_000,
        now: () => READ_AT,
        orgScope: () => ({ homeOrgId: ORG, allows: (orgId) => orgId === ORG || allowed.includes(orgId) }),
      });
      return { api, lookup };
    };

    it("reads an allowed other org's person with their orgId on every settings call (Webex would look in the token's org otherwise)", async () => {
      const { api, lookup } = scoped([CUSTOMER]);
      const outcome = await lookup.lookup({ kind: 'email', email: 'olga@customer.example' });
      assert.equal(outcome.kind, 'found');
      assert.equal(api.getTransferNumbers.firstCall.args[1].orgId, CUSTOMER);
      assert.equal(api.getOutgoingPermission.firstCall.args[1].orgId, CUSTOMER);
    });

    it('sends no orgId for people of the token\'s own org', async () => {
      const { api, lookup } = scoped([CUSTOMER]);
      await lookup.lookup({ kind: 'email', email: 'alice@example.com' });
      assert.equal(api.getTransferNumbers.firstCall.args[1].orgId, undefined);
    });

    it('answers "in another organization", reading nothing, for a person whose org is not known', async () => {
      const nobodyKnows = { id: 'P-X', emails: ['x@example.com'], displayName: 'X', orgId: '' } as WebexPerson;
      const api = fakeAdmin({ findPeopleByEmail: sinon.stub().resolves([nobodyKnows]) });
      const lookup = new LookupService(api, { peopleCacheTtlMs: 60_000, orgScope: () => ({ homeOrgId: ORG, allows: () => true }) });
      assert.deepEqual(await lookup.lookup({ kind: 'email', email: 'x@example.com' }), { kind: 'otherOrg', target: { kind: 'email', email: 'x@example.com' } });
      assert.equal(api.getTransferNumbers.callCount, 0);
    });

    it("reads settings in the person's own org even when another allowed org was typed", async () => {
      const { api, lookup } = scoped([CUSTOMER, 'ORG-OTHER']);
      await lookup.lookup({ kind: 'email', email: 'olga@customer.example' }, { orgId: 'ORG-OTHER' });
      assert.equal(api.getTransferNumbers.firstCall.args[1].orgId, CUSTOMER);
    });

    it('answers "in another organization", reading nothing, for a person of an org that is not allowed', async () => {
      const { api, lookup } = scoped([]);
      const outcome = await lookup.lookup({ kind: 'email', email: 'olga@customer.example' });
      assert.deepEqual(outcome, { kind: 'otherOrg', target: { kind: 'email', email: 'olga@customer.example' } });
      assert.equal(api.getTransferNumbers.callCount, 0);
      assert.equal(api.getOutgoingPermission.callCount, 0);
    });
  });
});

describe('lookup/LookupService people and workspaces', () => {
  const lobby = { id: 'W-LOBBY', displayName: 'Lobby Phone', orgId: ORG, locationId: 'LOC', calling: { type: 'webexCalling' } };
  const henryHall = { id: 'W-HALL', displayName: 'Henry Hall Kiosk', orgId: ORG, locationId: 'LOC' };
  const henry: WebexPerson = { id: 'P-HENRY', emails: ['henry@example.com'], displayName: 'Henry Hughes', orgId: ORG, locationId: 'LOC' };

  function withWorkspaces(workspaces: unknown[], people: WebexPerson[] = []) {
    return fakeAdmin({
      findPeopleByDisplayName: sinon.stub().callsFake(async (prefix: string) => ({ people: people.filter((p) => p.displayName.toLowerCase().startsWith(prefix.toLowerCase())), more: false })),
      findWorkspacesByDisplayName: sinon.stub().callsFake(async (prefix: string) => ({
        workspaces: workspaces.filter((w) => (w as { displayName: string }).displayName.toLowerCase().startsWith(prefix.toLowerCase())),
        more: false,
      })),
      getWorkspace: sinon.stub().callsFake(async (id: string) => {
        const found = workspaces.find((w) => (w as { id: string }).id === id);
        if (found) return found;
        throw new WebexApiError({ status: 404, message: 'Workspace not found' });
      }),
      getWorkspaceTransferNumbers: sinon.stub().resolves({ useCustomTransferNumbers: true, autoTransferNumber1: '+12055550150' }),
      getWorkspaceOutgoingPermission: sinon.stub().resolves(permission({ INTERNATIONAL: 'TRANSFER_NUMBER_1' })),
    });
  }

  it('answers a name that only a workspace has with the workspace, searched side by side with people', async () => {
    const api = withWorkspaces([lobby]);
    const outcome = await service(api).lookup({ kind: 'name', name: 'Lobby' });
    assert.ok(outcome.kind === 'found');
    assert.deepEqual(outcome.person, { id: 'W-LOBBY', displayName: 'Lobby Phone', email: '', orgId: ORG, kind: 'workspace' });
    assert.deepEqual(api.findWorkspacesByDisplayName.firstCall.args[0], 'Lobby');
    sinon.assert.calledOnce(api.findPeopleByDisplayName);
  });

  it('lists people first, then workspaces, when a name matches both', async () => {
    const outcome = await service(withWorkspaces([henryHall], [henry])).lookup({ kind: 'name', name: 'Henry' });
    assert.ok(outcome.kind === 'ambiguous');
    assert.deepEqual(
      outcome.candidates.map((c) => [c.displayName, c.kind ?? 'person']),
      [
        ['Henry Hughes', 'person'],
        ['Henry Hall Kiosk', 'workspace'],
      ],
    );
  });

  it('takes the one whole-name match among people and workspaces', async () => {
    const outcome = await service(withWorkspaces([henryHall], [henry])).lookup({ kind: 'name', name: 'henry hall kiosk' });
    assert.ok(outcome.kind === 'found');
    assert.equal(outcome.person.id, 'W-HALL');
  });

  it('searches only workspaces for "workspace <name>", and reads a workspace by ID', async () => {
    const api = withWorkspaces([lobby], [henry]);
    const byName = await service(api).lookup({ kind: 'workspaceName', name: 'Lobby Phone' });
    assert.ok(byName.kind === 'found');
    sinon.assert.notCalled(api.findPeopleByDisplayName);
    const byId = await service(api).lookup({ kind: 'workspaceId', id: 'W-LOBBY' });
    assert.ok(byId.kind === 'found');
    assert.equal(byId.person.kind, 'workspace');
    const missing = await service(api).lookup({ kind: 'workspaceId', id: 'W-NONE' });
    assert.equal(missing.kind, 'notFound');
  });

  it('answers people when workspaces may not be searched, and says so when nobody was found', async () => {
    const refused = new WebexApiError({ status: 403, message: 'missing scope', trackingId: 'T-WS' });
    const api = fakeAdmin({ findWorkspacesByDisplayName: sinon.stub().rejects(refused) });
    const found = await service(api).lookup({ kind: 'name', name: 'Alice Anderson' });
    assert.equal(found.kind, 'found');
    const nobody = await service(api).lookup({ kind: 'name', name: 'Zed' });
    assert.deepEqual(nobody, { kind: 'notFound', target: { kind: 'name', name: 'Zed' }, workspacesUnsearched: refused });
    const onlyWorkspaces = await service(api).lookup({ kind: 'workspaceName', name: 'Lobby' });
    assert.ok(onlyWorkspaces.kind === 'webexError' && onlyWorkspaces.error === refused);
  });

  it('keeps a workspace of an org the bot may not search out, like a person', async () => {
    const api = withWorkspaces([{ ...lobby, orgId: 'OTHER' }]);
    const scoped = new LookupService(api, { peopleCacheTtlMs: 60_000, orgScope: () => ({ homeOrgId: ORG, allows: (org) => org === ORG }) });
    const outcome = await scoped.lookup({ kind: 'workspaceId', id: 'W-LOBBY' });
    assert.equal(outcome.kind, 'otherOrg');
    sinon.assert.notCalled(api.getWorkspaceTransferNumbers);
  });

  it('finds a person named "Workspace …" when no workspace has the rest of the name', async () => {
    const jones: WebexPerson = { id: 'P-WJ', emails: ['wj@example.com'], displayName: 'Workspace Jones', orgId: ORG };
    const outcome = await service(withWorkspaces([lobby], [jones])).lookup({ kind: 'workspaceName', name: 'Jones' });
    assert.ok(outcome.kind === 'found');
    assert.equal(outcome.person.id, 'P-WJ');
  });

  it('remembers a refused workspace search for a while, and says on a pick list that workspaces were not searched', async () => {
    const refused = new WebexApiError({ status: 403, message: 'missing scope' });
    const api = fakeAdmin({ findWorkspacesByDisplayName: sinon.stub().rejects(refused) });
    const lookups = service(api);
    const chris = await lookups.lookup({ kind: 'name', name: 'Chris' });
    assert.ok(chris.kind === 'ambiguous');
    assert.equal(chris.workspacesUnsearched, refused);
    await lookups.lookup({ kind: 'name', name: 'Alice' });
    assert.equal(api.findWorkspacesByDisplayName.callCount, 1, 'the refusal is not asked for again');
    await lookups.lookup({ kind: 'name', name: 'Alice' }, { orgId: 'OTHER-ORG' });
    assert.equal(api.findWorkspacesByDisplayName.callCount, 2, 'another org is asked: the refusal was this one');
    await lookups.lookup({ kind: 'name', name: 'Alice' }, { fresh: true });
    assert.equal(api.findWorkspacesByDisplayName.callCount, 3, 'Refresh asks again');
  });

  it('keeps room for workspaces on a pick list when more people match than it lists', async () => {
    const many = Array.from({ length: 12 }, (_, i): WebexPerson => ({ id: `P-${i}`, emails: [`h${i}@example.com`], displayName: `Henry ${i}`, orgId: ORG }));
    const outcome = await service(withWorkspaces([henryHall], many)).lookup({ kind: 'name', name: 'Henry' });
    assert.ok(outcome.kind === 'ambiguous');
    assert.equal(outcome.candidates.length, 10);
    assert.equal(outcome.candidates.at(-1)?.kind, 'workspace');
    assert.equal(outcome.more, true);
  });
});

describe('lookup/LookupService onSettingsRead', () => {
  it('tells what it read about someone it found, and nothing when it found no one', async () => {
    const reads: unknown[] = [];
    const lookups = new LookupService(fakeAdmin(), { peopleCacheTtlMs: 60_000, onSettingsRead: (read) => reads.push(read) });
    await lookups.lookup({ kind: 'email', email: 'alice@example.com' });
    await lookups.lookup({ kind: 'email', email: 'nobody@example.com' });
    assert.equal(reads.length, 1);
    const [read] = reads as { subject: { summary: unknown }; outcome: { kind: string; transfer: unknown } }[];
    assert.deepEqual(read.subject.summary, { id: 'P-ALICE', displayName: 'Alice Anderson', email: 'alice@example.com', orgId: ORG });
    assert.equal(read.outcome.kind, 'found');
    assert.deepEqual(read.outcome.transfer, { useCustomTransferNumbers: true, numbers: ['+1205553650', null, null] });
  });

  it('still answers when whoever is told fails', async () => {
    const lookups = new LookupService(fakeAdmin(), {
      peopleCacheTtlMs: 60_000,
      onSettingsRead: () => {
        throw new Error('listener failed');
      },
    });
    assert.equal((await lookups.lookup({ kind: 'email', email: 'alice@example.com' })).kind, 'found');
  });
});
