import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { AccessGuard, carriesPersonData, lookupCost, type AccessGuardOptions } from '../../../src/access/guard';
import { AccessPolicy, type RequesterIdentity } from '../../../src/access/policy';
import { RequesterRateLimiter } from '../../../src/access/rate-limiter';
import { MemoryRateLimitStore } from '../../../src/store';
import { SpaceMembership, type MemberRecord } from '../../../src/access/space-membership';
import type { Command } from '../../../src/commands/types';
import type { Reply } from '../../../src/cards/types';
import { WebexApiError } from '../../../src/webex/errors';
import { HOME_ORG, OTHER_ORG } from './ids';

const BOT = 'P-bot';
const agent: RequesterIdentity = { id: 'P-agent', email: 'agent@example.com', orgId: HOME_ORG, type: 'person' };
const stranger: RequesterIdentity = { id: 'P-eve', email: 'eve@evil.example', orgId: OTHER_ORG };
const lookup: Command = { kind: 'lookup', target: { kind: 'email', email: 'alice@example.com' } };
const help: Command = { kind: 'help' };
const foundReply: Reply = {
  kind: 'lookup',
  outcome: {
    kind: 'found',
    person: { id: 'P-alice', displayName: 'Alice', email: 'alice@example.com', orgId: HOME_ORG },
    transfer: { useCustomTransferNumbers: true, numbers: ['+12055553650', null, null] }, inEffect: { from: 'own', numbers: ['+12055553650', null, null] },
    readAt: new Date(0),
  },
};

const members: Record<string, MemberRecord[]> = {
  'R-inside': [
    { personId: BOT, personEmail: 'transfers@webex.bot', personOrgId: OTHER_ORG },
    { personId: 'P-agent', personEmail: 'agent@example.com', personOrgId: HOME_ORG },
  ],
  'R-mixed': [
    { personId: 'P-agent', personEmail: 'agent@example.com', personOrgId: HOME_ORG },
    { personId: 'P-eve', personEmail: 'eve@evil.example', personOrgId: OTHER_ORG },
  ],
};

function build(overrides: Partial<AccessGuardOptions> & { limit?: number; listMembers?: (roomId: string) => Promise<MemberRecord[]> } = {}) {
  const store = new MemoryRateLimitStore();
  const hit = sinon.spy(store, 'hit');
  const listMembers = sinon.spy(overrides.listMembers ?? (async (roomId: string) => members[roomId] ?? []));
  const getCardMessage = sinon.stub().resolves({ personId: BOT, roomId: 'R-inside' });
  const guard = new AccessGuard({
    policy: new AccessPolicy({ homeOrgId: HOME_ORG }),
    limiter: new RequesterRateLimiter({ limit: overrides.limit ?? 2, store }),
    membership: new SpaceMembership({ listMembers, selfPersonId: () => BOT }),
    getCardMessage,
    botPersonId: () => BOT,
    ...overrides,
  });
  return { guard, hit, listMembers, getCardMessage };
}

describe('access/AccessGuard admit', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z') });
  });
  afterEach(() => clock.restore());

  it('admits an allowed requester', async () => {
    const { guard } = build();
    assert.deepEqual(await guard.admit({ requester: agent, command: lookup }), { admitted: true });
  });

  it('refuses a requester from another organization with the polite line, before counting anything', async () => {
    const { guard, hit } = build();
    assert.deepEqual(await guard.admit({ requester: stranger, command: lookup }), {
      admitted: false,
      reason: 'otherOrg',
      outcome: 'refused.notAllowed',
      reply: { kind: 'notAllowed' },
    });
    assert.equal(hit.callCount, 0);
  });

  it('reads the command only once the requester is allowed, and then uses it', async () => {
    const { guard, hit } = build();
    let reads = 0;
    const read = (): Command => {
      reads++;
      return lookup;
    };
    assert.equal((await guard.admit({ requester: stranger, command: read })).admitted, false);
    assert.equal(reads, 0, "a refused requester's text is never parsed");
    assert.deepEqual(await guard.admit({ requester: agent, command: read }), { admitted: true });
    assert.equal(reads, 1);
    assert.equal(hit.callCount, 1, 'the look-up it read is counted');
  });

  it('refuses bots', async () => {
    const { guard } = build();
    const decision = await guard.admit({ requester: { ...agent, type: 'bot' }, command: help });
    assert.deepEqual(decision, { admitted: false, reason: 'bot', outcome: 'refused.notAllowed', reply: { kind: 'notAllowed' } });
  });

  it('limits look-ups per requester and tells them when to try again', async () => {
    const { guard } = build({ limit: 2 });
    await guard.admit({ requester: agent, command: lookup });
    clock.tick(15_000);
    await guard.admit({ requester: agent, command: lookup });
    assert.deepEqual(await guard.admit({ requester: agent, command: lookup }), {
      admitted: false,
      reason: 'rateLimited',
      outcome: 'refused.rateLimited',
      reply: { kind: 'slowDown', retryAfterSeconds: 45 },
    });
  });

  it('counts a several-people look-up as one look-up per person', async () => {
    const { guard, hit } = build({ limit: 3 });
    const many: Command = {
      kind: 'lookupMany',
      targets: [
        { kind: 'email', email: 'a@example.com' },
        { kind: 'email', email: 'b@example.com' },
        { kind: 'name', name: 'Chris' },
      ],
    };
    assert.deepEqual(await guard.admit({ requester: agent, command: many }), { admitted: true });
    assert.equal(hit.firstCall.args[3], 3);
    const again = await guard.admit({ requester: agent, command: lookup });
    assert.equal(again.admitted, false);
  });

  it('counts a reverse search as one look-up', async () => {
    const { guard, hit } = build({ limit: 1 });
    const reverse: Command = { kind: 'reverse', number: { raw: '+1 205 555 3651', e164: '+12055553651', digits: '12055553651' } };
    assert.deepEqual(await guard.admit({ requester: agent, command: reverse }), { admitted: true });
    assert.equal(hit.firstCall.args[3], 1);
    assert.equal((await guard.admit({ requester: agent, command: reverse })).admitted, false);
  });

  it('does not count help and invalid commands against the limit', async () => {
    const { guard, hit } = build({ limit: 1 });
    await guard.admit({ requester: agent, command: help });
    await guard.admit({ requester: agent, command: { kind: 'invalidTarget', input: '!!', reason: 'malformed' } });
    await guard.admit({ requester: agent, command: { kind: 'invalidNumber', input: 'abc', reason: 'malformed' } });
    assert.equal(hit.callCount, 0);
    assert.deepEqual(await guard.admit({ requester: agent, command: lookup }), { admitted: true });
  });

  describe('card submits', () => {
    const card = { messageId: 'M-card', roomId: 'R-inside' };

    it('admits a submit on the bot’s own card, checked with Webex', async () => {
      const { guard, getCardMessage } = build();
      assert.deepEqual(await guard.admit({ requester: agent, command: lookup, card }), { admitted: true });
      assert.deepEqual(getCardMessage.firstCall.args, ['M-card']);
    });

    it('answers nothing to a submit on a card the bot did not post, and does not count it', async () => {
      const { guard, hit } = build({ getCardMessage: async () => ({ personId: 'P-other-bot', roomId: 'R-inside' }) });
      assert.deepEqual(await guard.admit({ requester: agent, command: lookup, card }), {
        admitted: false,
        reason: 'notOurCard',
        outcome: 'refused.notOurCard',
      });
      assert.equal(hit.callCount, 0);
    });

    it('refuses the requester first, without asking Webex about the card', async () => {
      const { guard, getCardMessage } = build();
      const decision = await guard.admit({ requester: stranger, command: lookup, card });
      assert.equal(decision.admitted, false);
      assert.equal(getCardMessage.callCount, 0);
    });

    it('answers a Webex failure of the card check with the Webex error reply', async () => {
      const failure = new WebexApiError({ status: 503, message: 'Service Unavailable', trackingId: 'ROUTER_9' });
      const { guard } = build({ getCardMessage: () => Promise.reject(failure) });
      assert.deepEqual(await guard.admit({ requester: agent, command: lookup, card }), {
        admitted: false,
        reason: 'cardCheckFailed',
        outcome: 'webexError',
        reply: { kind: 'webexError', error: failure },
      });
    });

    it('lets unexpected errors of the card check through to the caller', async () => {
      const { guard } = build({ getCardMessage: () => Promise.reject(new TypeError('bug')) });
      await assert.rejects(guard.admit({ requester: agent, command: lookup, card }), TypeError);
    });

    it('refuses card submits when it has no way to check them', async () => {
      const { guard } = build({ getCardMessage: undefined });
      assert.deepEqual(await guard.admit({ requester: agent, command: lookup, card }), {
        admitted: false,
        reason: 'notOurCard',
        outcome: 'refused.notOurCard',
      });
    });
  });
});

describe('access/lookupCost', () => {
  it('counts one per person asked for, none for commands that look nobody up, and one for kinds it does not know', () => {
    assert.equal(lookupCost(lookup), 1);
    assert.equal(lookupCost({ kind: 'lookupMany', targets: [lookup.target, lookup.target] } as Command), 2);
    assert.equal(lookupCost(help), 0);
    assert.equal(lookupCost({ kind: 'invalidTarget', input: '', reason: 'empty' }), 0);
    assert.equal(lookupCost({ kind: 'somethingNew' } as unknown as Command), 1);
  });
});

describe('access/AccessGuard placeReply', () => {
  it('posts a look-up in a space where everyone is an insider', async () => {
    const { guard } = build();
    assert.deepEqual(await guard.placeReply(foundReply, { id: 'R-inside', type: 'group' }, 'Agent'), { to: 'space' });
  });

  it('sends a look-up privately from a space with an outsider, with a notice for the space', async () => {
    const { guard } = build();
    assert.deepEqual(await guard.placeReply(foundReply, { id: 'R-mixed', type: 'group' }, 'Agent Smith'), {
      to: 'private',
      notice: { kind: 'sentPrivately', requesterName: 'Agent Smith' },
    });
  });

  it('answers in a 1:1 without listing its members', async () => {
    const { guard, listMembers } = build();
    assert.deepEqual(await guard.placeReply(foundReply, { id: 'R-mixed', type: 'direct' }, 'Agent'), { to: 'space' });
    assert.equal(listMembers.callCount, 0);
  });

  it('sends several-people and reverse results privately too', async () => {
    const { guard } = build();
    const many: Reply = { kind: 'lookupMany', result: { entries: [] } };
    const reverse: Reply = {
      kind: 'reverse',
      result: {
        number: { raw: '3651', digits: '3651' },
        locationMatches: [],
        locationsFailed: 0,
        matches: [],
        scanned: 0,
        failed: 0,
        listed: 0,
        stoppedEarly: false,
        complete: true,
        readAt: new Date(0),
      },
    };
    for (const reply of [many, reverse]) {
      assert.equal((await guard.placeReply(reply, { id: 'R-mixed', type: 'group' }, 'Agent')).to, 'private', reply.kind);
    }
  });

  it('treats a reply kind it does not know as one about people', () => {
    assert.equal(carriesPersonData({ kind: 'somethingNew' } as unknown as Reply), true);
    assert.equal(carriesPersonData({ kind: 'help', botName: 'Bot' }), false);
  });

  it('keeps replies that carry nobody’s data in the space without listing members', async () => {
    const { guard, listMembers } = build();
    for (const reply of [{ kind: 'help', botName: 'Bot' }, { kind: 'notAllowed' }, { kind: 'timedOut' }] as Reply[]) {
      assert.deepEqual(await guard.placeReply(reply, { id: 'R-mixed', type: 'group' }, 'Agent'), { to: 'space' });
    }
    assert.equal(listMembers.callCount, 0);
  });

  it('answers privately when the members cannot be listed, and reports why', async () => {
    const failure = new Error('memberships unavailable');
    const onMembershipError = sinon.spy();
    const { guard } = build({ listMembers: () => Promise.reject(failure), onMembershipError });
    assert.equal((await guard.placeReply(foundReply, { id: 'R-inside', type: 'group' }, 'Agent')).to, 'private');
    assert.deepEqual(onMembershipError.firstCall.args, [failure, 'R-inside']);
  });

  it('shares one membership check between an early mustAnswerPrivately and the placement', async () => {
    const { guard, listMembers } = build();
    const early = guard.mustAnswerPrivately({ id: 'R-mixed', type: 'group' });
    const placement = await guard.placeReply(foundReply, { id: 'R-mixed', type: 'group' }, 'Agent');
    assert.equal(await early, true);
    assert.equal(placement.to, 'private');
    assert.equal(listMembers.callCount, 1);
  });
});
