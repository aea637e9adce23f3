import { strict as assert } from 'node:assert';
import { OrgIndex } from '../../../src/org-index/org-index';
import { MemoryOrgIndexStore } from '../../../src/store/memory-org-index';
import type { SettingsOutcome } from '../../../src/lookup/settings-reader';
import { fakeOrg, type FakeEntity } from './fake-org';

const HQ = { id: 'LOC-HQ', name: 'Birmingham HQ', numbers: ['+12055550100', null, null], permissions: { INTERNATIONAL: 1 as const } };

function people(): FakeEntity[] {
  return [
    { id: 'P-ALICE', name: 'Alice Adams', email: 'alice@example.com', locationId: 'LOC-HQ', numbers: ['+12055553651', null, null], permissions: { INTERNATIONAL: 1 } },
    { id: 'P-BOB', name: 'Bob Brown', email: 'bob@example.com', locationId: 'LOC-HQ', custom: false, permissions: { INTERNATIONAL: 1 } },
  ];
}

function setup(opts: { store?: MemoryOrgIndexStore; org?: FakeEntity[]; clock?: { now: number }; refreshMs?: number } = {}) {
  const clock = opts.clock ?? { now: Date.parse('2026-12-03T09:00:00Z') };
  const store = opts.store ?? new MemoryOrgIndexStore({ clock: () => clock.now });
  const admin = fakeOrg({ people: opts.org ?? people(), locations: [HQ] });
  const events: string[] = [];
  const index = new OrgIndex(admin, {
    store,
    now: () => clock.now,
    pollMs: 5,
    lockTtlMs: 1_000,
    refreshMs: opts.refreshMs ?? 60 * 60_000,
    homeOrgId: () => 'ORG',
    onEvent: (e) => events.push(e.kind === 'built' ? `built ${e.entries} complete=${e.complete} saved=${e.saved}` : e.kind),
  });
  return { index, store, admin, clock, events };
}

describe('org-index/OrgIndex', () => {
  it('builds on first need, stores the index, and answers later questions from it without reading Webex again', async () => {
    const { index, admin, store } = setup();
    const first = await index.current(undefined);
    assert.equal(first.entries.length, 2);
    assert.ok(await store.stamp(index.keyOf(undefined)));
    const second = await index.current(undefined);
    assert.equal(second.builtAt, first.builtAt);
    assert.equal(admin.listCallingPeople.callCount, 1);
  });

  it('builds once for two instances sharing a store, however many ask at once', async () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const store = new MemoryOrgIndexStore({ clock: () => clock.now });
    const a = setup({ store, clock });
    const b = setup({ store, clock });
    const answers = await Promise.all([a.index.current(undefined), b.index.current(undefined), a.index.current(undefined), b.index.current(undefined)]);
    assert.equal(a.admin.listCallingPeople.callCount + b.admin.listCallingPeople.callCount, 1);
    assert.equal(a.admin.getTransferNumbers.callCount + b.admin.getTransferNumbers.callCount, 2);
    assert.ok(answers.every((s) => s.entries.length === 2));
  });

  it('a restart finds the stored index and does not build it again (warm at start included)', async () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const store = new MemoryOrgIndexStore({ clock: () => clock.now });
    await setup({ store, clock }).index.current(undefined);
    const restarted = setup({ store, clock });
    await restarted.index.warm();
    await restarted.index.current(undefined);
    assert.equal(restarted.admin.listCallingPeople.callCount, 0);
  });

  it('never replaces a complete index with one that could not read everyone, and says so', async () => {
    const org = people();
    const { index, store, clock, events } = setup({ org, refreshMs: 60_000 });
    const complete = await index.current(undefined);
    org[0].fails = 503;
    clock.now += 61_000;
    await index.refreshDue();
    const kept = await store.load(index.keyOf(undefined));
    assert.equal(kept?.builtAt, complete.builtAt);
    assert.equal(kept?.complete, true);
    assert.deepEqual(events, ['built 2 complete=true saved=true', 'built 2 complete=false saved=false']);
  });

  it('keeps what a first build could read when it could not read everyone, and reads the failures again later', async () => {
    const org = people();
    org[0].fails = 503;
    const { index, store, clock, admin } = setup({ org });
    const partial = await index.current(undefined);
    assert.equal(partial.complete, false);
    assert.equal(partial.entries.find((e) => e.id === 'P-ALICE')?.error?.stage, 'numbers');
    delete org[0].fails;
    clock.now += 61_000;
    const before = admin.getTransferNumbers.callCount;
    await index.current(undefined);
    // The repair runs in the background: wait for the store to change.
    for (let i = 0; i < 100 && !(await store.stamp(index.keyOf(undefined)))?.complete; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await store.load(index.keyOf(undefined)))?.complete, true);
    assert.equal(admin.getTransferNumbers.callCount - before, 1);
    assert.equal(admin.listCallingPeople.callCount, 1);
  });

  it('answers from an old index at once and builds a new one in the background', async () => {
    const { index, admin, clock, store } = setup({ refreshMs: 60_000 });
    const first = await index.current(undefined);
    clock.now += 61_000;
    const answer = await index.current(undefined);
    assert.equal(answer.builtAt, first.builtAt);
    for (let i = 0; i < 100 && admin.listCallingPeople.callCount < 2; i++) await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 100 && (await store.stamp(index.keyOf(undefined)))?.builtAt === first.builtAt; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal((await store.stamp(index.keyOf(undefined)))?.builtAt, clock.now);
  });

  it('waits for a builder that died only until its lock expires, then builds', async () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const store = new MemoryOrgIndexStore({ clock: () => clock.now });
    const { index, admin } = setup({ store, clock });
    const dead = await store.lock(index.keyOf(undefined), 1_000);
    assert.ok(dead);
    const asked = index.current(undefined);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(admin.listCallingPeople.callCount, 0);
    clock.now += 1_001;
    const snapshot = await asked;
    assert.equal(snapshot.entries.length, 2);
    assert.equal(admin.listCallingPeople.callCount, 1);
  });

  it('puts what a look-up read into the stored index', async () => {
    const { index, store } = setup();
    await index.current(undefined);
    const outcome: SettingsOutcome = {
      kind: 'found',
      person: { id: 'P-ALICE', displayName: 'Alice Adams', email: 'alice@example.com', orgId: 'ORG' },
      transfer: { useCustomTransferNumbers: true, numbers: ['+12055559999', null, null] },
      inEffect: { from: 'own', numbers: ['+12055559999', null, null] },
      readAt: new Date(),
      usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [] }, { callTypes: [] }] },
      usageFrom: 'own',
    };
    await index.learn({ summary: outcome.person, locationId: 'LOC-HQ' }, outcome);
    const stored = await store.load(index.keyOf(undefined));
    assert.deepEqual(stored?.entries.find((e) => e.id === 'P-ALICE')?.numbers, ['+12055559999', null, null]);
    assert.deepEqual(stored?.entries.find((e) => e.id === 'P-ALICE')?.e164, ['+12055559999', null, null]);
  });

  it('tries a refresh it could not keep again only after a while, not at every use or timer tick', async () => {
    const org = people();
    const { index, clock, admin } = setup({ org, refreshMs: 60 * 60_000 });
    await index.current(undefined);
    org[0].fails = 503;
    clock.now += 61 * 60_000;
    await index.refreshDue();
    assert.equal(admin.listCallingPeople.callCount, 2);
    clock.now += 61_000;
    await index.refreshDue();
    await index.current(undefined);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(admin.listCallingPeople.callCount, 2, 'no full build every minute after one that could not be kept');
    clock.now += 30 * 60_000;
    await index.refreshDue();
    assert.equal(admin.listCallingPeople.callCount, 3);
  });

  it('keeps what a look-up read while the index was being built', async () => {
    const { index, store, admin } = setup();
    const outcome = aliceNowHas('+12055559999');
    // Alice's numbers are read by the build first, then a look-up reads her new ones before the build is saved.
    admin.listCallingWorkspacePages.callsFake(async function* () {
      await index.learn({ summary: outcome.person, locationId: 'LOC-HQ' }, outcome);
      yield [];
    });
    await index.current(undefined);
    const stored = await store.load(index.keyOf(undefined));
    assert.deepEqual(stored?.entries.find((e) => e.id === 'P-ALICE')?.numbers, ['+12055559999', null, null]);
  });

  it('drops its build when another instance took the lock meanwhile (its own stalled past the expiry)', async () => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const store = new MemoryOrgIndexStore({ clock: () => clock.now });
    const a = setup({ store, clock });
    const b = setup({ store, clock });
    let takeOver: Promise<unknown> | undefined;
    a.admin.listCallingWorkspacePages.callsFake(async function* () {
      // A's lock expires and B builds and saves before A's build ends.
      clock.now += 1_001;
      takeOver = b.index.current(undefined);
      await takeOver;
      yield [];
    });
    const answer = await a.index.current(undefined);
    assert.ok(takeOver);
    assert.equal(b.admin.listCallingPeople.callCount, 1);
    const stored = await store.load(a.index.keyOf(undefined));
    assert.equal(answer.builtAt, stored?.builtAt);
    assert.equal(a.events.filter((e) => e.startsWith('built')).length, 0, "A's own build was not saved");
  });

  it('a repair keeps what look-ups put into the index while it read', async () => {
    const org = people();
    org[0].fails = 503;
    org[1] = { ...org[1], fails: 503 };
    const { index, store, clock, admin } = setup({ org });
    await index.current(undefined);
    delete org[0].fails;
    delete org[1].fails;
    const outcome = aliceNowHas('+12055559999');
    admin.getTransferNumbers.withArgs('P-BOB').callsFake(async () => {
      await index.learn({ summary: outcome.person, locationId: 'LOC-HQ' }, outcome);
      return { useCustomTransferNumbers: false, autoTransferNumber1: null, autoTransferNumber2: null, autoTransferNumber3: null };
    });
    clock.now += 61_000;
    await index.current(undefined);
    for (let i = 0; i < 100 && !(await store.stamp(index.keyOf(undefined)))?.complete; i++) await new Promise((r) => setTimeout(r, 5));
    const stored = await store.load(index.keyOf(undefined));
    assert.equal(stored?.complete, true);
    assert.deepEqual(stored?.entries.find((e) => e.id === 'P-ALICE')?.numbers, ['+12055559999', null, null], 'the look-up wins over the repair');
  });
});

function aliceNowHas(number: string): SettingsOutcome & { kind: 'found' } {
  return {
    kind: 'found',
    person: { id: 'P-ALICE', displayName: 'Alice Adams', email: 'alice@example.com', orgId: 'ORG' },
    transfer: { useCustomTransferNumbers: true, numbers: [number, null, null] },
    inEffect: { from: 'own', numbers: [number, null, null] },
    readAt: new Date(),
    usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [] }, { callTypes: [] }] },
    usageFrom: 'own',
  };
}
