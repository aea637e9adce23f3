import { strict as assert } from 'node:assert';
import { phoneNumberOf } from '../../../src/commands/phone-number';
import { LocationDefaults } from '../../../src/lookup/location-defaults';
import { OrgIndex } from '../../../src/org-index/org-index';
import { ReverseIndex } from '../../../src/org-index/reverse';
import { MemoryOrgIndexStore } from '../../../src/store/memory-org-index';
import { fakeOrg, type FakeEntity } from './fake-org';

const HQ = { id: 'LOC-HQ', name: 'Birmingham HQ', numbers: ['+12055550100', null, null], permissions: { INTERNATIONAL: 1 as const } };

function org(): FakeEntity[] {
  return [
    { id: 'P-ALICE', name: 'Alice Adams', email: 'alice@example.com', locationId: 'LOC-HQ', numbers: ['+12055553651', null, null], permissions: { INTERNATIONAL: 1 } },
    { id: 'P-BOB', name: 'Bob Brown', email: 'bob@example.com', locationId: 'LOC-HQ', custom: false, permissions: { INTERNATIONAL: 1 } },
    { id: 'P-CAROL', name: 'Carol Cruz', email: 'carol@example.com', locationId: 'LOC-HQ', custom: false, permissions: { INTERNATIONAL: 1 } },
    { id: 'P-DAVE', name: 'Dave Diaz', email: 'dave@example.com', locationId: 'LOC-HQ', numbers: [null, '(205) 555-3651', null], permissions: { INTERNATIONAL: 2 } },
  ];
}

function setup(people: FakeEntity[] = org()) {
  const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
  const store = new MemoryOrgIndexStore({ clock: () => clock.now });
  const admin = fakeOrg({ people, workspaces: [{ id: 'W-LOBBY', name: 'Lobby Phone', locationId: 'LOC-HQ', workspace: true, custom: false }], locations: [HQ] });
  const index = new OrgIndex(admin, { store, now: () => clock.now, pollMs: 5, homeOrgId: () => 'ORG' });
  const reverse = new ReverseIndex({ index, store, admin, locations: new LocationDefaults(admin), now: () => clock.now, deadlineMarginMs: 0 });
  return { reverse, index, admin, store, clock, people };
}

describe('org-index/ReverseIndex', () => {
  it("names whoever's numbers in effect include the number, and the location with how many follow it", async () => {
    const { reverse } = setup();
    const own = await reverse.find(phoneNumberOf('+1 205 555 3651'));
    assert.deepEqual(
      own.matches.map((m) => [m.person.displayName, m.slots]),
      [
        ['Alice Adams', [{ slot: 1, number: '+12055553651' }]],
        ['Dave Diaz', [{ slot: 2, number: '(205) 555-3651' }]],
      ],
    );
    assert.equal(own.complete, true);
    assert.equal(own.scanned, 5);
    assert.equal(own.readAt.toISOString(), '2026-12-03T09:00:00.000Z');
    const location = await reverse.find(phoneNumberOf('+12055550100'));
    assert.deepEqual(location.matches, []);
    assert.deepEqual(location.locationMatches, [{ location: { id: 'LOC-HQ', name: 'Birmingham HQ' }, slots: [{ slot: 1, number: '+12055550100' }], followers: 2, workspaceFollowers: 1 }]);
  });

  it('reads the matches again before answering: someone whose number changed drops out, and the index learns it', async () => {
    const { reverse, people, admin, store, index } = setup();
    await reverse.find(phoneNumberOf('+12055553651'));
    people[0].numbers = ['+12055550000', null, null];
    const listings = admin.listCallingPeople.callCount;
    const answer = await reverse.find(phoneNumberOf('+12055553651'));
    assert.equal(admin.listCallingPeople.callCount, listings);
    assert.deepEqual(answer.matches.map((m) => m.person.displayName), ['Dave Diaz']);
    assert.equal(answer.reread, 2);
    await new Promise((r) => setTimeout(r, 5));
    const stored = await store.load(index.keyOf(undefined));
    assert.deepEqual(stored?.entries.find((e) => e.id === 'P-ALICE')?.numbers, ['+12055550000', null, null]);
  });

  it('says how far the first build has come when time runs out before it is done', async () => {
    const { reverse, admin, clock } = setup();
    admin.getTransferNumbers.callsFake(() => new Promise(() => undefined));
    const answer = await reverse.find(phoneNumberOf('+12055553651'), { deadline: clock.now + 30 });
    assert.deepEqual(answer.building, { listed: 5, read: 0, listingDone: true });
    assert.deepEqual(answer.matches, []);
  });
});
