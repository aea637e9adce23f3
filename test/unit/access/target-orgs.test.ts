import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { AccessGuard } from '../../../src/access/guard';
import { AccessPolicy, type RequesterIdentity } from '../../../src/access/policy';
import { RequesterRateLimiter } from '../../../src/access/rate-limiter';
import { MemoryRateLimitStore } from '../../../src/store';
import { SpaceMembership } from '../../../src/access/space-membership';
import { TargetOrgScope } from '../../../src/access/target-orgs';
import { renderReply } from '../../../src/cards';
import type { Command } from '../../../src/commands/types';
import { HOME_ORG, OTHER_ORG, OTHER_ORG_UUID, PARTNER_ORG, PARTNER_ORG_UUID } from './ids';

const agent: RequesterIdentity = { id: 'P-agent', email: 'agent@example.com', orgId: HOME_ORG, type: 'person' };
const alice = { kind: 'email', email: 'alice@example.com' } as const;

describe('access/TargetOrgScope', () => {
  it('with nothing configured, allows only the admin token\'s own org', () => {
    const scope = new TargetOrgScope({ homeOrgId: HOME_ORG });
    assert.equal(scope.defaultOrgId, HOME_ORG);
    assert.equal(scope.allows(HOME_ORG), true);
    assert.equal(scope.allows(PARTNER_ORG), false);
  });

  it('with DEFAULT_ORG_ID alone, allows that org only (not even the partner\'s own)', () => {
    const scope = new TargetOrgScope({ homeOrgId: HOME_ORG, defaultOrgId: PARTNER_ORG });
    assert.equal(scope.defaultOrgId, PARTNER_ORG);
    assert.equal(scope.allows(PARTNER_ORG), true);
    assert.equal(scope.allows(PARTNER_ORG_UUID), true, 'the bare UUID from Control Hub is the same org');
    assert.equal(scope.allows(HOME_ORG), false);
    assert.equal(scope.allows(OTHER_ORG), false);
  });

  it('widens to ALLOWED_TARGET_ORG_IDS, in either spelling', () => {
    const scope = new TargetOrgScope({ homeOrgId: HOME_ORG, defaultOrgId: PARTNER_ORG, allowedTargetOrgIds: [OTHER_ORG_UUID] });
    assert.equal(scope.allows(OTHER_ORG), true);
    assert.equal(scope.allows(HOME_ORG), false);
    assert.equal(scope.allows(''), false);
  });
});

describe('access/AccessGuard and the organization a command names', () => {
  function guardFor(scope: TargetOrgScope, cardAuthor = 'P-bot') {
    const store = new MemoryRateLimitStore();
    const hit = sinon.spy(store, 'hit');
    const guard = new AccessGuard({
      policy: new AccessPolicy({ homeOrgId: HOME_ORG }),
      limiter: new RequesterRateLimiter({ limit: 10, store }),
      membership: new SpaceMembership({ listMembers: async () => [] }),
      targetOrgs: scope,
      getCardMessage: async () => ({ personId: cardAuthor, roomId: 'R1' }),
      botPersonId: () => 'P-bot',
    });
    return { guard, hit };
  }
  const partnerBot = new TargetOrgScope({ homeOrgId: HOME_ORG, defaultOrgId: PARTNER_ORG });

  const commands: Array<[string, Command]> = [
    ['lookup', { kind: 'lookup', target: alice, orgId: OTHER_ORG }],
    ['lookupMany', { kind: 'lookupMany', targets: [alice, alice], orgId: OTHER_ORG }],
    ['reverse', { kind: 'reverse', number: { raw: '+1 205 555 3650', e164: '+12055553650', digits: '12055553650' }, orgId: OTHER_ORG }],
  ];
  for (const [name, command] of commands) {
    it(`refuses a ${name} in an organization that is not allowed, before counting it against the rate limit`, async () => {
      const { guard, hit } = guardFor(partnerBot);
      const decision = await guard.admit({ requester: agent, command });
      assert.equal(decision.admitted, false);
      assert.ok(!decision.admitted);
      assert.equal(decision.reason, 'orgNotAllowed');
      assert.equal(decision.outcome, 'refused.orgNotAllowed');
      assert.deepEqual(decision.reply, { kind: 'orgNotAllowed', orgId: OTHER_ORG });
      assert.equal(hit.callCount, 0);
    });
  }

  it('refuses a card button that sends another org, the same way as typed text', async () => {
    const { guard } = guardFor(partnerBot);
    const decision = await guard.admit({ requester: agent, command: { kind: 'lookup', target: alice, orgId: OTHER_ORG }, card: { messageId: 'M1', roomId: 'R1' } });
    assert.ok(!decision.admitted);
    assert.equal(decision.reason, 'orgNotAllowed');
  });

  it('answers nothing at all to a forged card submit, whatever org it names (the card is checked first)', async () => {
    const { guard } = guardFor(partnerBot, 'P-someone-else');
    const decision = await guard.admit({ requester: agent, command: { kind: 'lookup', target: alice, orgId: OTHER_ORG }, card: { messageId: 'M1', roomId: 'R1' } });
    assert.deepEqual(decision, { admitted: false, reason: 'notOurCard', outcome: 'refused.notOurCard' });
  });

  it('admits the default org typed out, and commands without an org', async () => {
    const { guard } = guardFor(partnerBot);
    assert.deepEqual(await guard.admit({ requester: agent, command: { kind: 'lookup', target: alice, orgId: PARTNER_ORG } }), { admitted: true });
    assert.deepEqual(await guard.admit({ requester: agent, command: { kind: 'lookup', target: alice } }), { admitted: true });
  });

  it('tells the agent which organization it will not search, and what to do', () => {
    const message = renderReply({ kind: 'orgNotAllowed', orgId: OTHER_ORG });
    assert.equal(message.attachments, undefined);
    assert.equal(
      message.markdown,
      `I can't search organization ${OTHER_ORG}: this bot looks up people only in the organizations its Webex admin allowed. ` +
        'Ask without "in org" to search the default one, or ask the admin to add this organization to ALLOWED_TARGET_ORG_IDS.',
    );
  });
});
