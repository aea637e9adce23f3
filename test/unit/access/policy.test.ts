import { strict as assert } from 'node:assert';
import { AccessPolicy, type AccessPolicyOptions, type RequesterIdentity } from '../../../src/access/policy';
import { HOME_ORG, OTHER_ORG, PARTNER_ORG, PARTNER_ORG_UUID, HOME_ORG_UUID } from './ids';

function policy(options: Partial<AccessPolicyOptions> = {}): AccessPolicy {
  return new AccessPolicy({ homeOrgId: HOME_ORG, ...options });
}

function requester(email: string, orgId: string, type?: string): RequesterIdentity {
  return { id: `id-of-${email}`, email, orgId, ...(type ? { type } : {}) };
}

describe('access/AccessPolicy requesters', () => {
  describe('with no lists set', () => {
    const p = policy();

    it('allows people of the home organization', () => {
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG, 'person')), { allowed: true });
    });

    it('refuses people of any other organization', () => {
      assert.deepEqual(p.isAllowedRequester(requester('eve@evil.example', OTHER_ORG)), { allowed: false, reason: 'otherOrg' });
    });

    it('refuses a requester whose organization is unknown', () => {
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', '')), { allowed: false, reason: 'otherOrg' });
    });

    it('refuses bots, even of the home organization', () => {
      assert.deepEqual(p.isAllowedRequester(requester('helper@webex.bot', HOME_ORG, 'bot')), { allowed: false, reason: 'bot' });
    });
  });

  describe('ALLOWED_ORG_IDS', () => {
    it('adds partner organizations', () => {
      const p = policy({ allowedOrgIds: [PARTNER_ORG] });
      assert.deepEqual(p.isAllowedRequester(requester('pat@partner.example', PARTNER_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('eve@evil.example', OTHER_ORG)), { allowed: false, reason: 'otherOrg' });
    });

    it('matches an organization given as a bare UUID against the API form, and the other way round', () => {
      const p = new AccessPolicy({ homeOrgId: HOME_ORG_UUID, allowedOrgIds: [PARTNER_ORG_UUID.toUpperCase()] });
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('pat@partner.example', PARTNER_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('pat@partner.example', PARTNER_ORG_UUID)), { allowed: true });
    });
  });

  describe('ALLOWED_DOMAINS', () => {
    const p = policy({ allowedOrgIds: [PARTNER_ORG], allowedDomains: ['example.com', '@Partner.Example'] });

    it('narrows the allowed organizations to people with a listed email domain', () => {
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('pat@partner.example', PARTNER_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('contractor@gmail.com', HOME_ORG)), { allowed: false, reason: 'notListed' });
    });

    it('compares domains case-insensitively and accepts a leading @ in the list', () => {
      assert.deepEqual(p.isAllowedRequester(requester('Agent@EXAMPLE.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('PAT@partner.EXAMPLE', PARTNER_ORG)), { allowed: true });
    });

    it('does not admit subdomains of a listed domain', () => {
      assert.deepEqual(p.isAllowedRequester(requester('agent@eu.example.com', HOME_ORG)), { allowed: false, reason: 'notListed' });
    });

    it('never widens: a listed domain from another organization is still refused', () => {
      assert.deepEqual(p.isAllowedRequester(requester('eve@example.com', OTHER_ORG)), { allowed: false, reason: 'otherOrg' });
    });

    it('refuses a requester without an email address', () => {
      assert.deepEqual(p.isAllowedRequester(requester('', HOME_ORG)), { allowed: false, reason: 'notListed' });
    });
  });

  describe('ALLOWED_EMAILS', () => {
    it('admits a listed person from another organization (explicit widening)', () => {
      const p = policy({ allowedDomains: ['example.com'], allowedEmails: ['Pat@Partner.Example'] });
      assert.deepEqual(p.isAllowedRequester(requester(' pat@partner.example ', OTHER_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('sam@partner.example', OTHER_ORG)), { allowed: false, reason: 'otherOrg' });
    });

    it('alone, admits only the listed people, even of the home organization', () => {
      const p = policy({ allowedEmails: ['lead@example.com'] });
      assert.deepEqual(p.isAllowedRequester(requester('lead@example.com', HOME_ORG)), { allowed: true });
      assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: false, reason: 'notListed' });
    });

    it('does not admit a listed bot', () => {
      const p = policy({ allowedEmails: ['helper@webex.bot'] });
      assert.deepEqual(p.isAllowedRequester(requester('helper@webex.bot', HOME_ORG, 'bot')), { allowed: false, reason: 'bot' });
    });
  });

  it('refuses to be built without a home organization', () => {
    assert.throws(() => new AccessPolicy({ homeOrgId: '  ' }), /home organization ID/);
  });

  it('ignores empty entries in the lists', () => {
    const p = policy({ allowedOrgIds: [''], allowedDomains: [' '], allowedEmails: [''] });
    assert.equal(p.isNarrowed, false);
    assert.deepEqual(p.isAllowedRequester(requester('agent@example.com', HOME_ORG)), { allowed: true });
  });
});

describe('access/AccessPolicy space members', () => {
  const p = policy({ allowedOrgIds: [PARTNER_ORG], allowedDomains: ['example.com'], allowedEmails: ['pat@partner.example'] });

  it('counts members of the home and partner organizations as insiders', () => {
    assert.equal(p.isInsider({ personEmail: 'agent@example.com', personOrgId: HOME_ORG }), true);
    assert.equal(p.isInsider({ personEmail: 'sam@partner.example', personOrgId: PARTNER_ORG }), true);
  });

  it('counts members of any other organization as outsiders, whatever their email domain', () => {
    assert.equal(p.isInsider({ personEmail: 'eve@evil.example', personOrgId: OTHER_ORG }), false);
    assert.equal(p.isInsider({ personEmail: 'eve@example.com', personOrgId: OTHER_ORG }), false);
  });

  it('counts a listed email as an insider, whatever their organization', () => {
    assert.equal(p.isInsider({ personEmail: 'PAT@partner.example', personOrgId: OTHER_ORG }), true);
  });

  it('falls back to the email domain when the membership has no orgId', () => {
    assert.equal(p.isInsider({ personEmail: 'agent@example.com' }), true);
    assert.equal(p.isInsider({ personEmail: 'agent@example.com', personOrgId: '' }), true);
    assert.equal(p.isInsider({ personEmail: 'eve@evil.example' }), false);
  });

  it('counts a member without orgId as an outsider when no domains are listed', () => {
    assert.equal(policy().isInsider({ personEmail: 'agent@example.com' }), false);
  });
});
