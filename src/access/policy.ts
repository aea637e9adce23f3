// Who may ask the bot, and who counts as an insider of a space.
//
// The home organization is the admin token's own org (GET /people/me at start). The allowed
// organizations are the home org plus ALLOWED_ORG_IDS (comma-separated; the base64 API form and
// the bare UUID from Control Hub both work).
//
// A requester is allowed when, checked in this order:
//   1. they are not a bot (Webex person type "bot"): bots are always refused ("bot");
//   2. their email is in ALLOWED_EMAILS: allowed, whatever their organization (an explicit
//      widening for a named partner person);
//   3. their orgId is not an allowed organization: refused ("otherOrg");
//   4. when ALLOWED_DOMAINS or ALLOWED_EMAILS is set, the lists are allow-lists: their email's
//      domain must be in ALLOWED_DOMAINS (exact match: "example.com" does not admit
//      "eu.example.com"), or they are refused ("notListed") (listed emails were admitted in 2);
//   5. otherwise: allowed.
// With none of the three variables set, everyone in the home org is allowed, and nobody else.
// Note: ALLOWED_EMAILS alone means "only these people". To admit one partner person and keep
// the whole home org, also list the home org's domain(s) in ALLOWED_DOMAINS.
// Emails and domains compare case-insensitively; an unknown (empty) orgId is never allowed by step 3.
//
// A space member is an insider (the bot may show numbers while they are in the space) when their
// membership's personOrgId is an allowed organization, or when that orgId is missing and their
// email is in ALLOWED_EMAILS or its domain in ALLOWED_DOMAINS. A member from another org who is
// in ALLOWED_EMAILS is an insider too: they may ask for the same numbers themselves.
// A space is safe for numbers when every member except the bot itself is an insider; a 1:1 with
// an allowed requester is always safe (see SpaceMembership and AccessGuard).
import { orgKey } from './org-id';

export interface AccessPolicyOptions {
  /** The admin token's own organization. Required: without it nobody could be allowed. */
  homeOrgId: string;
  /** ALLOWED_ORG_IDS: further organizations (partners). */
  allowedOrgIds?: readonly string[];
  /** ALLOWED_DOMAINS: email domains, without "@". */
  allowedDomains?: readonly string[];
  /** ALLOWED_EMAILS: individual email addresses. */
  allowedEmails?: readonly string[];
}

export interface RequesterIdentity {
  id: string;
  email: string;
  orgId: string;
  /** Webex person type; "bot" is always refused. */
  type?: string;
}

export type RefusalReason = 'otherOrg' | 'notListed' | 'bot';

export type RequesterDecision = { allowed: true } | { allowed: false; reason: RefusalReason };

export interface SpaceMember {
  personEmail: string;
  personOrgId?: string;
}

export class AccessPolicy {
  private readonly orgs: ReadonlySet<string>;
  private readonly domains: ReadonlySet<string>;
  private readonly emails: ReadonlySet<string>;

  constructor(options: AccessPolicyOptions) {
    if (options.homeOrgId.trim() === '') throw new Error('AccessPolicy needs the home organization ID (from GET /people/me)');
    this.orgs = new Set([options.homeOrgId, ...(options.allowedOrgIds ?? [])].map(orgKey).filter((k) => k !== ''));
    this.domains = new Set((options.allowedDomains ?? []).map(normalizeDomain).filter((d) => d !== ''));
    this.emails = new Set((options.allowedEmails ?? []).map(normalizeEmail).filter((e) => e !== ''));
  }

  /** True when ALLOWED_DOMAINS or ALLOWED_EMAILS narrows the allowed organizations. */
  get isNarrowed(): boolean {
    return this.domains.size > 0 || this.emails.size > 0;
  }

  isAllowedRequester(requester: RequesterIdentity): RequesterDecision {
    if (requester.type === 'bot') return { allowed: false, reason: 'bot' };
    if (this.isListedEmail(requester.email)) return { allowed: true };
    if (!this.isAllowedOrg(requester.orgId)) return { allowed: false, reason: 'otherOrg' };
    if (this.isNarrowed && !this.isListedDomain(requester.email)) return { allowed: false, reason: 'notListed' };
    return { allowed: true };
  }

  isInsider(member: SpaceMember): boolean {
    if (this.isListedEmail(member.personEmail)) return true;
    if (typeof member.personOrgId === 'string' && member.personOrgId.trim() !== '') return this.isAllowedOrg(member.personOrgId);
    return this.isListedDomain(member.personEmail);
  }

  isAllowedOrg(orgId: string): boolean {
    const key = orgKey(typeof orgId === 'string' ? orgId : '');
    return key !== '' && this.orgs.has(key);
  }

  private isListedEmail(email: string): boolean {
    const e = normalizeEmail(email);
    return e !== '' && this.emails.has(e);
  }

  private isListedDomain(email: string): boolean {
    const domain = domainOf(email);
    return domain !== '' && this.domains.has(domain);
  }
}

function normalizeEmail(email: unknown): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@/, '');
}

/** The part after the last "@", lower case; '' when there is none. */
function domainOf(email: unknown): string {
  const e = normalizeEmail(email);
  const at = e.lastIndexOf('@');
  return at > 0 ? e.slice(at + 1) : '';
}
