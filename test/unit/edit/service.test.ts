import { strict as assert } from 'node:assert';
import type { Reply } from '../../../src/cards/types';
import type { Target } from '../../../src/commands/types';
import { CONFIRM_WINDOW_MS, EditService, UNDO_WINDOW_MS, type EditCall, type EditPorts } from '../../../src/edit/service';
import type { LookupOutcome, TransferNumbersView } from '../../../src/lookup/types';
import { MemoryEditStore } from '../../../src/store';
import type { EditStore } from '../../../src/store/types';
import { WebexApiError } from '../../../src/webex/errors';
import type { TransferNumbersPatch } from '../../../src/webex/types';

const ALICE = { id: 'PERSON_ALICE', displayName: 'Alice Anderson', email: 'alice@example.com', orgId: 'ORG' };
const DANA = { id: 'PERSON_DANA', email: 'dana@example.com' };
const SAM = { id: 'PERSON_SAM', email: 'sam@example.com' };

/** A Webex of one person whose numbers the writes change, counting reads and writes. */
function fakeWebex(start: TransferNumbersView) {
  const world = {
    state: start,
    reads: [] as Target[],
    writes: [] as TransferNumbersPatch[],
    failWrite: undefined as WebexApiError | undefined,
  };
  const ports: EditPorts = {
    read: async (target) => {
      world.reads.push(target);
      const outcome: LookupOutcome = {
        kind: 'found',
        person: ALICE,
        transfer: { useCustomTransferNumbers: world.state.useCustomTransferNumbers, numbers: [...world.state.numbers] as TransferNumbersView['numbers'] },
        inEffect: { from: 'own', numbers: world.state.numbers },
        readAt: new Date(0),
        usage: { slots: [{ callTypes: ['INTERNATIONAL'] }, { callTypes: [] }, { callTypes: [] }] },
      };
      return outcome;
    },
    setTransferNumbers: async (_id, patch) => {
      if (world.failWrite) throw world.failWrite;
      world.writes.push(patch);
      const numbers = [...world.state.numbers] as TransferNumbersView['numbers'];
      (['autoTransferNumber1', 'autoTransferNumber2', 'autoTransferNumber3'] as const).forEach((key, i) => {
        if (patch[key] !== undefined) numbers[i] = patch[key] === '' ? null : (patch[key] as string);
      });
      world.state = { useCustomTransferNumbers: patch.useCustomTransferNumbers, numbers };
    },
    setWorkspaceTransferNumbers: async () => {
      throw new Error('not a workspace');
    },
  };
  return { world, ports };
}

describe('edit/service EditService', () => {
  let nowMs: number;
  let audits: Array<{ outcome: string; trackingId?: string; edit: { step: string; before?: TransferNumbersView; after?: TransferNumbersView } }>;
  let ids: number;
  const START: TransferNumbersView = { useCustomTransferNumbers: true, numbers: ['+12055550101', null, null] };
  // The deadline is on the real clock, as the runner gives it; nowMs is the service's own (the windows).
  const call = (requester = DANA, deadline = Date.now() + 10_000): EditCall => ({ requester, deadline, audit: (entry) => audits.push(entry) });
  const service = (ports: EditPorts, store: EditStore = new MemoryEditStore()) =>
    new EditService({ ports, store, editors: ['dana@example.com', 'sam@example.com'], now: () => nowMs, newId: () => `edit-id-${++ids}` });
  const setNumber2 = { kind: 'edit' as const, target: { kind: 'email' as const, email: ALICE.email }, change: { kind: 'setNumber' as const, slot: 2 as const, number: '+12055550102' } };
  const proposedId = (reply: Reply): string => {
    assert.equal(reply.kind, 'editProposed');
    return (reply as Extract<Reply, { kind: 'editProposed' }>).editId;
  };

  beforeEach(() => {
    nowMs = 1_000_000;
    audits = [];
    ids = 0;
  });

  it('proposes without writing, then writes the change once on Confirm and offers Undo', async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    const proposal = await edits.propose(setNumber2, call());
    const id = proposedId(proposal);
    assert.equal(world.writes.length, 0);
    const done = await edits.decide('confirm', id, call());
    assert.equal(done.kind, 'editDone');
    assert.deepEqual(world.writes, [{ useCustomTransferNumbers: true, autoTransferNumber2: '+12055550102' }]);
    assert.deepEqual(audits.map((a) => a.outcome), ['edit.written']);
    const again = await edits.decide('confirm', id, call());
    assert.deepEqual(again, { kind: 'editNotice', notice: { why: 'alreadyUsed', target: { person: ALICE } } });
    assert.equal(world.writes.length, 1);
  });

  it('tells a write by its deadline even when the store or the read-back is slow: no Undo, not read back', async () => {
    const { world, ports } = fakeWebex(START);
    const store = new MemoryEditStore();
    let puts = 0;
    const slowStore: EditStore = {
      get: (id) => store.get(id),
      claim: (id, ttl) => store.claim(id, ttl),
      // The proposal is kept; the Undo ticket after the write never is.
      put: (id, value, ttl) => (++puts === 1 ? store.put(id, value, ttl) : new Promise<void>(() => undefined)),
    };
    let reads = 0;
    const slowReadBack: EditPorts = { ...ports, read: (target, opts) => (++reads <= 2 ? ports.read(target, opts) : new Promise<LookupOutcome>(() => undefined)) };
    const edits = service(slowReadBack, slowStore);
    const id = proposedId(await edits.propose(setNumber2, call()));
    const done = await edits.decide('confirm', id, call(DANA, Date.now() + 50));
    assert.equal(done.kind, 'editDone');
    const told = done as Extract<Reply, { kind: 'editDone' }>;
    assert.equal(told.readBack, false);
    assert.equal(told.undoId, undefined);
    assert.deepEqual(told.view.after, { useCustomTransferNumbers: true, numbers: ['+12055550101', '+12055550102', null] });
    assert.equal(world.writes.length, 1);
  });

  it('Undo needs its own Confirm, and restores what was there', async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    const done = (await edits.decide('confirm', proposedId(await edits.propose(setNumber2, call())), call())) as Extract<Reply, { kind: 'editDone' }>;
    const undo = await edits.decide('undo', done.undoId as string, call());
    assert.equal((undo as Extract<Reply, { kind: 'editProposed' }>).undo, true);
    assert.equal(world.writes.length, 1);
    const undone = await edits.decide('confirm', proposedId(undo), call());
    assert.equal((undone as Extract<Reply, { kind: 'editDone' }>).undone, true);
    assert.deepEqual(world.state, START);
    assert.deepEqual(world.writes[1], { useCustomTransferNumbers: true, autoTransferNumber2: '' });
  });

  it("someone else's press claims nothing; the requester's still works", async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    const id = proposedId(await edits.propose(setNumber2, call()));
    assert.equal(((await edits.decide('confirm', id, call(SAM))) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'notYours');
    assert.equal(((await edits.decide('cancel', id, call(SAM))) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'notYours');
    assert.equal((await edits.decide('confirm', id, call())).kind, 'editDone');
    assert.equal(world.writes.length, 1);
  });

  it('a confirmation expires after 5 minutes, an Undo after 15', async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    const id = proposedId(await edits.propose(setNumber2, call()));
    nowMs += CONFIRM_WINDOW_MS + 1;
    assert.equal(((await edits.decide('confirm', id, call())) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'expired');
    const done = (await edits.decide('confirm', proposedId(await edits.propose(setNumber2, call())), call())) as Extract<Reply, { kind: 'editDone' }>;
    nowMs += UNDO_WINDOW_MS + 1;
    assert.equal(((await edits.decide('undo', done.undoId as string, call())) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'undoExpired');
    assert.equal(world.writes.length, 1);
  });

  it('writes nothing when the settings changed since the card, and shows them as they are', async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    const id = proposedId(await edits.propose(setNumber2, call()));
    world.state = { useCustomTransferNumbers: false, numbers: START.numbers };
    const reply = (await edits.decide('confirm', id, call())) as Extract<Reply, { kind: 'editNotice' }>;
    assert.equal(reply.notice.why, 'changedMeanwhile');
    assert.deepEqual(reply.notice.state, world.state);
    assert.equal(world.writes.length, 0);
  });

  it('says when there is nothing to change, and keeps nothing', async () => {
    const { ports } = fakeWebex(START);
    const reply = await service(ports).propose({ ...setNumber2, change: { kind: 'setNumber', slot: 1, number: '+12055550101' } }, call());
    assert.deepEqual(reply, { kind: 'editNotice', notice: { why: 'noChange', target: { person: ALICE }, state: START } });
  });

  it('answers a name that matches several with their list carrying the change, keeping nothing and writing nothing', async () => {
    const { world, ports } = fakeWebex(START);
    const ambiguous: LookupOutcome = { kind: 'ambiguous', target: { kind: 'name', name: 'Chris' }, candidates: [ALICE, { ...ALICE, id: 'PERSON_ALICE_2' }], more: false };
    const store = new MemoryEditStore();
    const reply = await service({ ...ports, read: async () => ambiguous }, store).propose({ ...setNumber2, target: { kind: 'name', name: 'Chris' } }, call());
    assert.deepEqual(reply, { kind: 'lookup', outcome: ambiguous, edit: setNumber2.change });
    assert.equal(world.writes.length, 0);
    assert.deepEqual(audits, []);
  });

  it('answers any other outcome of the read as a look-up does, without the change', async () => {
    const { ports } = fakeWebex(START);
    const notFound: LookupOutcome = { kind: 'notFound', target: { kind: 'email', email: 'nobody@example.com' } };
    const reply = await service({ ...ports, read: async () => notFound }).propose(setNumber2, call());
    assert.deepEqual(reply, { kind: 'lookup', outcome: notFound });
  });

  it('a failed write is audited with its tracking ID and told, and nothing is offered to undo', async () => {
    const { world, ports } = fakeWebex(START);
    world.failWrite = new WebexApiError({ status: 403, message: 'Forbidden', trackingId: 'TRACK_1' });
    const edits = service(ports);
    const reply = (await edits.decide('confirm', proposedId(await edits.propose(setNumber2, call())), call())) as Extract<Reply, { kind: 'editNotice' }>;
    assert.equal(reply.notice.why, 'writeFailed');
    assert.equal(reply.notice.error?.status, 403);
    assert.equal(audits.length, 1);
    assert.equal(audits[0].outcome, 'edit.writeFailed');
    assert.equal(audits[0].trackingId, 'TRACK_1');
    assert.equal(audits[0].edit.step, 'write');
    assert.deepEqual(audits[0].edit.after, { useCustomTransferNumbers: true, numbers: ['+12055550101', '+12055550102', null] });
  });

  it('refuses to go on when the store cannot claim, rather than risk writing twice', async () => {
    const { world, ports } = fakeWebex(START);
    const memory = new MemoryEditStore();
    const broken: EditStore = { put: (...a) => memory.put(...a), get: (id) => memory.get(id), claim: async () => Promise.reject(new Error('redis down')) };
    const edits = service(ports, broken);
    const reply = (await edits.decide('confirm', proposedId(await edits.propose(setNumber2, call())), call())) as Extract<Reply, { kind: 'editNotice' }>;
    assert.equal(reply.notice.why, 'storeFailed');
    assert.equal(world.writes.length, 0);
  });

  it('an unknown or damaged ID is treated as expired', async () => {
    const { ports } = fakeWebex(START);
    const store = new MemoryEditStore();
    await store.put('edit-damaged', '{"requesterId": 5}', 60_000);
    const edits = service(ports, store);
    assert.equal(((await edits.decide('confirm', 'edit-unknown', call())) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'expired');
    assert.equal(((await edits.decide('confirm', 'edit-damaged', call())) as Extract<Reply, { kind: 'editNotice' }>).notice.why, 'expired');
  });

  it('reads and writes nothing for someone who is not an editor', async () => {
    const { world, ports } = fakeWebex(START);
    const edits = service(ports);
    assert.deepEqual(await edits.propose(setNumber2, call({ id: 'X', email: 'mallory@example.com' })), { kind: 'editNotAllowed' });
    assert.deepEqual(world.reads, []);
  });
});
