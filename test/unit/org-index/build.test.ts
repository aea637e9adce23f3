import { strict as assert } from 'node:assert';
import { BuildStopped, buildSnapshot, repairSnapshot, withRepairs } from '../../../src/org-index/build';
import { WebexApiError } from '../../../src/webex/errors';
import { fakeOrg, type FakeEntity } from './fake-org';

const NOW = Date.parse('2026-12-03T09:10:00Z');
const deps = (admin: ReturnType<typeof fakeOrg>) => ({ admin, concurrency: 3, now: () => NOW });
const ORG = { orgKey: 'org-key' };

const HQ = { id: 'LOC-HQ', name: 'Birmingham HQ', numbers: ['+12055550100', null, null], permissions: { INTERNATIONAL: 1 as const } };
const LAB = { id: 'LOC-LAB', name: 'Huntsville Lab', numbers: ['+12565550199', null, null] };

function people(): FakeEntity[] {
  return [
    { id: 'P-ALICE', name: 'Alice Adams', email: 'alice@example.com', locationId: 'LOC-HQ', numbers: ['+12055553651', null, null], permissions: { INTERNATIONAL: 1 } },
    { id: 'P-BOB', name: 'Bob Brown', email: 'bob@example.com', locationId: 'LOC-HQ', custom: false, numbers: ['+19999999999'], permissions: { INTERNATIONAL: 1 } },
    { id: 'P-CAROL', name: 'Carol Cruz', email: 'carol@example.com', locationId: 'LOC-LAB', numbers: [], permissions: {} },
    { id: 'P-DAVE', name: 'Dave Diaz', email: 'dave@example.com', locationId: 'LOC-LAB', numbers: ['+12055553651', '+12055553652', null], permissions: { INTERNATIONAL: 1, PREMIUM_SERVICES_I: 3 } },
    { id: 'P-ERIN', name: 'Erin Evans', email: 'erin@example.com', locationId: 'LOC-LAB', numbers: ['12', null, null], permissions: { INTERNATIONAL: 1 } },
  ];
}

describe('org-index/build', () => {
  it('indexes every calling user and workspace with the numbers and permissions in effect, and what is wrong with them', async () => {
    const admin = fakeOrg({
      people: people(),
      workspaces: [{ id: 'W-LOBBY', name: 'Lobby Phone', locationId: 'LOC-HQ', workspace: true, custom: false, customPermissions: false }],
      locations: [HQ, LAB],
    });
    const snapshot = await buildSnapshot(deps(admin), ORG);
    assert.equal(snapshot.complete, true);
    assert.equal(snapshot.builtAt, NOW);
    assert.deepEqual(
      snapshot.entries.map((e) => [e.id, e.kind, e.numbersFrom, e.numbers, e.usage, e.findings]),
      [
        ['P-ALICE', 'person', 'own', ['+12055553651', null, null], [['INTERNATIONAL'], [], []], []],
        ['P-BOB', 'person', 'location', ['+12055550100', null, null], [['INTERNATIONAL'], [], []], []],
        ['P-CAROL', 'person', 'own', [null, null, null], [[], [], []], [{ kind: 'customWithoutNumbers' }]],
        ['P-DAVE', 'person', 'own', ['+12055553651', '+12055553652', null], [['INTERNATIONAL'], [], ['PREMIUM_SERVICES_I']], [{ kind: 'numberNotUsed', slot: 2 }, { kind: 'numberNotSet', slot: 3 }]],
        ['P-ERIN', 'person', 'own', ['12', null, null], [['INTERNATIONAL'], [], []], [{ kind: 'invalidNumber', slot: 1 }]],
        ['W-LOBBY', 'workspace', 'location', ['+12055550100', null, null], [['INTERNATIONAL'], [], []], []],
      ],
    );
    assert.deepEqual(snapshot.entries[0].e164, ['+12055553651', null, null]);
    assert.deepEqual(snapshot.entries[4].e164, [null, null, null]);
    assert.deepEqual(snapshot.locations, [
      { id: 'LOC-HQ', name: 'Birmingham HQ', numbers: ['+12055550100', null, null] },
      { id: 'LOC-LAB', name: 'Huntsville Lab' },
    ]);
    // Two reads per entry; each location's numbers, permissions and name once.
    assert.equal(admin.getTransferNumbers.callCount + admin.getWorkspaceTransferNumbers.callCount, 6);
    assert.equal(admin.getOutgoingPermission.callCount + admin.getWorkspaceOutgoingPermission.callCount, 6);
    assert.equal(admin.getLocationTransferNumbers.callCount, 1);
    assert.equal(admin.getLocationOutgoingPermission.callCount, 1);
    assert.equal(admin.getLocation.callCount, 2);
  });

  it('keeps a failed read as an entry that says why, and a repair reads only those again', async () => {
    const org = people();
    org[1] = { ...org[1], fails: 503 };
    const admin = fakeOrg({ people: org, locations: [HQ, LAB] });
    const snapshot = await buildSnapshot(deps(admin), ORG);
    assert.equal(snapshot.complete, false);
    const bob = snapshot.entries.find((e) => e.id === 'P-BOB');
    assert.deepEqual(bob?.error, { stage: 'numbers', error: { status: 503, message: 'failed 503', kind: 'http', trackingId: 'TRACK-P-BOB' } });
    assert.equal(bob?.numbers, null);

    delete org[1].fails;
    const before = admin.getTransferNumbers.callCount;
    const repaired = withRepairs(snapshot, await repairSnapshot(deps(admin), snapshot));
    assert.equal(admin.getTransferNumbers.callCount - before, 1);
    assert.deepEqual(repaired.locations.map((l) => [l.id, l.name]), snapshot.locations.map((l) => [l.id, l.name]));
    assert.deepEqual(repaired.locations.find((l) => l.id === 'LOC-HQ')?.numbers, ['+12055550100', null, null], 'Bob follows HQ: its numbers are known now');
    assert.equal(repaired.complete, true);
    assert.deepEqual(repaired.entries.find((e) => e.id === 'P-BOB')?.numbers, ['+12055550100', null, null]);
    assert.deepEqual(repaired.entries.map((e) => e.id), snapshot.entries.map((e) => e.id));
  });

  it('keeps a body it cannot make sense of as that entry\'s failure, and builds the rest', async () => {
    const admin = fakeOrg({ people: people(), locations: [HQ, LAB] });
    admin.getTransferNumbers.withArgs('P-BOB').resolves({
      get useCustomTransferNumbers(): boolean {
        throw new TypeError('not a transfer numbers body');
      },
    });
    const snapshot = await buildSnapshot(deps(admin), ORG);
    assert.equal(snapshot.entries.length, 5);
    assert.equal(snapshot.complete, false);
    assert.equal(snapshot.entries.find((e) => e.id === 'P-BOB')?.error?.stage, 'numbers');
    assert.ok(snapshot.entries.filter((e) => e.id !== 'P-BOB').every((e) => !e.error));
  });

  it('still indexes the people when workspaces may not be listed, and says why', async () => {
    const refused = new WebexApiError({ status: 403, message: 'Missing scope spark-admin:workspaces_read', trackingId: 'T-403' });
    const snapshot = await buildSnapshot(deps(fakeOrg({ people: people(), locations: [HQ, LAB], workspaceListing: refused })), ORG);
    assert.equal(snapshot.entries.length, 5);
    assert.equal(snapshot.complete, false);
    assert.deepEqual(snapshot.workspacesUnsearched, { status: 403, message: 'Missing scope spark-admin:workspaces_read', kind: 'http', trackingId: 'T-403' });
  });

  it('keeps who was read when the listing fails half-way, and says so', async () => {
    const failure = new WebexApiError({ status: 502, message: 'Bad gateway' });
    const snapshot = await buildSnapshot(deps(fakeOrg({ people: people(), locations: [HQ, LAB], peopleListing: failure })), ORG);
    assert.deepEqual(snapshot.entries.map((e) => e.id), ['P-ALICE', 'P-BOB']);
    assert.equal(snapshot.complete, false);
    assert.equal(snapshot.listingFailed?.status, 502);
  });

  it('leaves out someone listed without Webex Calling settings (404)', async () => {
    const org = people();
    const admin = fakeOrg({ people: org, locations: [HQ, LAB] });
    admin.getTransferNumbers.withArgs('P-CAROL').rejects(new WebexApiError({ status: 404, message: 'no calling', errorCode: 4008 }));
    const snapshot = await buildSnapshot(deps(admin), ORG);
    assert.deepEqual(snapshot.entries.map((e) => e.id), ['P-ALICE', 'P-BOB', 'P-DAVE', 'P-ERIN']);
    assert.equal(snapshot.complete, true);
  });

  it('stops when told to, and says so by rejecting (nothing half-built is kept)', async () => {
    let reads = 0;
    const admin = fakeOrg({ people: people(), locations: [HQ, LAB] });
    await assert.rejects(
      buildSnapshot(deps(admin), ORG, { stopped: () => ++reads > 2 }),
      (err: unknown) => err instanceof BuildStopped,
    );
  });

  it('reports its progress: listed, read, and when the listing is done', async () => {
    const seen: string[] = [];
    await buildSnapshot(deps(fakeOrg({ people: people(), locations: [HQ, LAB] })), ORG, { onProgress: (p) => seen.push(`${p.read}/${p.listed}${p.listingDone ? '' : '+'}`) });
    assert.equal(seen[seen.length - 1], '5/5');
    assert.ok(seen.includes('0/2+'));
  });
});
