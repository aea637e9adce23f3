import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { AccessPolicy } from '../../../src/access/policy';
import { MembershipChangedError, SpaceMembership, type MemberRecord, type MembershipChangeMarkers } from '../../../src/access/space-membership';
import { HOME_ORG, OTHER_ORG, personId } from './ids';

const BOT_ID = personId('bot');
const policy = new AccessPolicy({ homeOrgId: HOME_ORG, allowedDomains: ['example.com'] });

const insider: MemberRecord = { personId: personId('agent'), personEmail: 'agent@example.com', personOrgId: HOME_ORG };
const outsider: MemberRecord = { personId: personId('eve'), personEmail: 'eve@evil.example', personOrgId: OTHER_ORG };

/** A listMembers whose answers the test releases by hand, to look at calls in flight. */
function manualLister() {
  const calls: Array<{ roomId: string; resolve: (m: MemberRecord[]) => void; reject: (e: unknown) => void }> = [];
  const listMembers = (roomId: string) =>
    new Promise<MemberRecord[]>((resolve, reject) => {
      calls.push({ roomId, resolve, reject });
    });
  return { calls, listMembers };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('access/SpaceMembership', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('lists a room once and answers from memory for the next 10 minutes', async () => {
    const listMembers = sinon.stub().resolves([insider]);
    const spaces = new SpaceMembership({ listMembers });
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    clock.tick(10 * 60 * 1000 - 1);
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    assert.equal(listMembers.callCount, 1);
    assert.deepEqual(listMembers.firstCall.args, ['R1']);
  });

  it('asks Webex again once the TTL has passed', async () => {
    const listMembers = sinon.stub();
    listMembers.onFirstCall().resolves([insider]);
    listMembers.onSecondCall().resolves([insider, outsider]);
    const spaces = new SpaceMembership({ listMembers });
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    clock.tick(10 * 60 * 1000 + 1);
    assert.equal(await spaces.hasOutsiders('R1', policy), true);
    assert.equal(listMembers.callCount, 2);
  });

  it('honours a configured TTL', async () => {
    const listMembers = sinon.stub().resolves([insider]);
    const spaces = new SpaceMembership({ listMembers, ttlMs: 1000 });
    await spaces.members('R1');
    clock.tick(1001);
    await spaces.members('R1');
    assert.equal(listMembers.callCount, 2);
  });

  it('shares one Webex call among concurrent checks of the same room', async () => {
    const lister = manualLister();
    const spaces = new SpaceMembership({ listMembers: lister.listMembers });
    const checks = [spaces.hasOutsiders('R1', policy), spaces.hasOutsiders('R1', policy), spaces.members('R1')];
    await settle();
    assert.equal(lister.calls.length, 1);
    lister.calls[0].resolve([insider, outsider]);
    const [a, b, members] = await Promise.all(checks);
    assert.equal(a, true);
    assert.equal(b, true);
    assert.deepEqual(members, [insider, outsider]);
  });

  it('lists different rooms separately', async () => {
    const listMembers = sinon.stub();
    listMembers.withArgs('R1').resolves([insider]);
    listMembers.withArgs('R2').resolves([outsider]);
    const spaces = new SpaceMembership({ listMembers });
    assert.deepEqual(await Promise.all([spaces.hasOutsiders('R1', policy), spaces.hasOutsiders('R2', policy)]), [false, true]);
  });

  it('asks again after invalidate(), e.g. when someone joined', async () => {
    const listMembers = sinon.stub();
    listMembers.onFirstCall().resolves([insider]);
    listMembers.onSecondCall().resolves([insider, outsider]);
    const spaces = new SpaceMembership({ listMembers });
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    spaces.invalidate('R1');
    assert.equal(await spaces.hasOutsiders('R1', policy), true);
  });

  it('neither caches nor trusts a list that was being fetched when the room was invalidated', async () => {
    const lister = manualLister();
    const spaces = new SpaceMembership({ listMembers: lister.listMembers });
    const before = spaces.hasOutsiders('R1', policy);
    await settle();
    spaces.invalidate('R1');
    const after = spaces.hasOutsiders('R1', policy);
    await settle();
    assert.equal(lister.calls.length, 2, 'a check after the event must not join the fetch started before it');
    // The newer answer arrives first; the older one, arriving last, must not overwrite it.
    lister.calls[1].resolve([insider, outsider]);
    assert.equal(await after, true);
    lister.calls[0].resolve([insider]);
    // The check that started before the event cannot know who is there now: it fails, so the guard answers privately.
    await assert.rejects(before, MembershipChangedError);
    assert.equal(await spaces.hasOutsiders('R1', policy), true);
    assert.equal(lister.calls.length, 2);
  });

  it('invalidates on membership events of the room and ignores other events', async () => {
    const listMembers = sinon.stub().resolves([insider]);
    const spaces = new SpaceMembership({ listMembers });
    await spaces.members('R1');
    assert.equal(spaces.onWebhookEvent({ resource: 'messages', data: { roomId: 'R1' } }), false);
    await spaces.members('R1');
    assert.equal(listMembers.callCount, 1);
    for (const event of ['created', 'updated', 'deleted']) {
      assert.equal(spaces.onWebhookEvent({ resource: 'memberships', data: { roomId: 'R1' } }), true, event);
      await spaces.members('R1');
    }
    assert.equal(listMembers.callCount, 4);
    assert.equal(spaces.onWebhookEvent({ resource: 'memberships', data: {} }), false);
  });

  it('does not remember a failure: every waiter sees it, and the next check asks again', async () => {
    const failure = new Error('Webex is down');
    const listMembers = sinon.stub();
    listMembers.onFirstCall().rejects(failure);
    listMembers.onSecondCall().resolves([insider]);
    const spaces = new SpaceMembership({ listMembers });
    const results = await Promise.allSettled([spaces.hasOutsiders('R1', policy), spaces.hasOutsiders('R1', policy)]);
    assert.deepEqual(results, [
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    assert.equal(listMembers.callCount, 2);
  });

  it('turns a listMembers that throws synchronously into a rejection', async () => {
    const spaces = new SpaceMembership({
      listMembers: () => {
        throw new Error('boom');
      },
    });
    await assert.rejects(spaces.hasOutsiders('R1', policy), /boom/);
  });

  it('never counts the bot itself as an outsider', async () => {
    const bot: MemberRecord = { personId: BOT_ID, personEmail: 'transfers@webex.bot', personOrgId: OTHER_ORG };
    const spaces = new SpaceMembership({ listMembers: async () => [bot, insider], selfPersonId: () => BOT_ID });
    assert.equal(await spaces.hasOutsiders('R1', policy), false);
    const unaware = new SpaceMembership({ listMembers: async () => [bot, insider] });
    assert.equal(await unaware.hasOutsiders('R1', policy), true);
  });

  it('judges members without an orgId by their email domain', async () => {
    const spaces = new SpaceMembership({
      listMembers: async (roomId) =>
        roomId === 'R-ok' ? [{ personId: 'a', personEmail: 'a@example.com' }] : [{ personId: 'b', personEmail: 'b@gmail.com' }],
    });
    assert.equal(await spaces.hasOutsiders('R-ok', policy), false);
    assert.equal(await spaces.hasOutsiders('R-bad', policy), true);
  });

  it('keeps only the member fields it needs', async () => {
    const noisy = { ...insider, personDisplayName: 'Agent', isModerator: true } as MemberRecord;
    const spaces = new SpaceMembership({ listMembers: async () => [noisy] });
    assert.deepEqual(await spaces.members('R1'), [insider]);
  });

  it('is bounded: past maxCachedMembers the least recently used room is forgotten', async () => {
    const listMembers = sinon.stub().resolves([insider, insider]);
    // Each room of 2 members weighs 3; a budget of 7 holds two rooms.
    const spaces = new SpaceMembership({ listMembers, maxCachedMembers: 7 });
    await spaces.members('R1');
    await spaces.members('R2');
    await spaces.members('R3');
    assert.equal(listMembers.callCount, 3);
    await spaces.members('R3');
    await spaces.members('R2');
    assert.equal(listMembers.callCount, 3);
    await spaces.members('R1');
    assert.equal(listMembers.callCount, 4);
  });

  describe('with change markers shared by several instances', () => {
    /** One shared store (Redis in production) seen by two instances. */
    function sharedMarkers() {
      const values = new Map<string, string>();
      let n = 0;
      const markers: MembershipChangeMarkers = {
        read: async (roomId) => values.get(roomId),
        touch: async (roomId) => {
          values.set(roomId, `change-${++n}`);
        },
      };
      return { values, markers };
    }

    it('an event seen by one instance makes the other ask Webex again', async () => {
      const shared = sharedMarkers();
      const listA = sinon.stub().resolves([insider]);
      const listB = sinon.stub();
      listB.onFirstCall().resolves([insider]);
      listB.onSecondCall().resolves([insider, outsider]);
      const a = new SpaceMembership({ listMembers: listA, changeMarkers: shared.markers });
      const b = new SpaceMembership({ listMembers: listB, changeMarkers: shared.markers });
      assert.equal(await b.hasOutsiders('R1', policy), false);
      assert.equal(a.onWebhookEvent({ resource: 'memberships', data: { roomId: 'R1' } }), true);
      await settle();
      assert.equal(await b.hasOutsiders('R1', policy), true, 'B saw the change that only A was told of');
      assert.equal(listB.callCount, 2);
    });

    it('keeps answering from memory while nothing changed', async () => {
      const shared = sharedMarkers();
      const listMembers = sinon.stub().resolves([insider]);
      const spaces = new SpaceMembership({ listMembers, changeMarkers: shared.markers });
      await spaces.members('R1');
      await spaces.members('R1');
      assert.equal(listMembers.callCount, 1);
    });

    it('fails (so the answer goes privately) when the shared store cannot be read', async () => {
      const listMembers = sinon.stub().resolves([insider]);
      const down = new Error('Redis is down');
      const spaces = new SpaceMembership({
        listMembers,
        changeMarkers: { read: () => Promise.reject(down), touch: () => Promise.reject(down) },
      });
      await assert.rejects(spaces.hasOutsiders('R1', policy), /Redis is down/);
    });

    it('reports a change it could not share, and still forgets the room here', async () => {
      const listMembers = sinon.stub().resolves([insider]);
      const onShareError = sinon.spy();
      const spaces = new SpaceMembership({
        listMembers,
        onShareError,
        changeMarkers: { read: async () => undefined, touch: () => Promise.reject(new Error('READONLY')) },
      });
      await spaces.members('R1');
      spaces.invalidate('R1');
      await settle();
      await spaces.members('R1');
      assert.equal(listMembers.callCount, 2);
      assert.equal(onShareError.callCount, 1);
      assert.deepEqual(onShareError.firstCall.args[1], 'R1');
    });

    /** A shared store that can be taken down and brought back, told to its listeners as ioredis does. */
    function flakyMarkers() {
      const values = new Map<string, string>();
      const listeners: Array<() => void> = [];
      let n = 0;
      const state = { down: false };
      const fail = () => Promise.reject(new Error('ECONNRESET'));
      const markers: MembershipChangeMarkers = {
        read: async (roomId) => (state.down ? fail() : values.get(roomId)),
        touch: async (roomId) => (state.down ? fail() : void values.set(roomId, `change-${++n}`)),
        onReconnect: (listener) => void listeners.push(listener),
      };
      return { markers, state, reconnect: () => listeners.forEach((l) => l()) };
    }

    it('a change that could not be shared during an outage reaches the other instance once the store is back', async () => {
      const shared = flakyMarkers();
      const listA = sinon.stub();
      listA.onFirstCall().resolves([insider]);
      listA.onSecondCall().resolves([insider, outsider]);
      const a = new SpaceMembership({ listMembers: listA, changeMarkers: shared.markers });
      const b = new SpaceMembership({ listMembers: sinon.stub().resolves([insider, outsider]), changeMarkers: shared.markers });
      assert.equal(await a.hasOutsiders('R1', policy), false, 'A remembers the space with insiders only');
      shared.state.down = true;
      b.onWebhookEvent({ resource: 'memberships', data: { roomId: 'R1' } }); // the outsider joined; B cannot tell A
      await settle();
      shared.state.down = false;
      shared.reconnect();
      await settle();
      assert.equal(await a.hasOutsiders('R1', policy), true, 'A does not trust the list it kept from before the outage');
    });

    it('forgets every kept list when the shared store cannot be read (changes may have been missed)', async () => {
      const shared = flakyMarkers();
      const listMembers = sinon.stub().resolves([insider]);
      const spaces = new SpaceMembership({ listMembers, changeMarkers: shared.markers });
      await spaces.members('R1');
      shared.state.down = true;
      await assert.rejects(spaces.members('R1'), /ECONNRESET/);
      shared.state.down = false;
      await spaces.members('R1');
      assert.equal(listMembers.callCount, 2);
    });

    it('tells the other instances again, later, of a change it could not share', async () => {
      const shared = flakyMarkers();
      {
        const b = new SpaceMembership({ listMembers: sinon.stub().resolves([insider]), changeMarkers: shared.markers, shareRetryMs: 1000 });
        const before = await shared.markers.read('R1');
        shared.state.down = true;
        b.invalidate('R1');
        await settle();
        shared.state.down = false;
        await clock.tickAsync(1000);
        assert.notEqual(await shared.markers.read('R1'), before, 'the retry wrote the marker');
      }
    });
  });

  it('reuses no member list when told not to (websocket mode: not every change is sure to arrive)', async () => {
    const listMembers = sinon.stub().resolves([insider]);
    const spaces = new SpaceMembership({ listMembers, cacheLists: false });
    await spaces.members('R1');
    await spaces.members('R1');
    assert.equal(listMembers.callCount, 2);
  });
});
