export { AccessPolicy, type AccessPolicyOptions, type RequesterIdentity, type RequesterDecision, type RefusalReason, type SpaceMember } from './policy';
export { orgKey } from './org-id';
export { TargetOrgScope, type TargetOrgScopeOptions } from './target-orgs';
export { RefusalNotices, DEFAULT_REFUSAL_NOTICE_WINDOW_MS, type RefusalNoticesOptions } from './refusal-notices';
export { SpaceMembership, MembershipChangedError, DEFAULT_MEMBERSHIP_TTL_MS, type ListMembers, type MemberRecord, type MembershipChangeMarkers, type SpaceMembershipOptions } from './space-membership';
export {
  RequesterRateLimiter,
  DEFAULT_RATE_WINDOW_MS,
  type RateLimitStore,
  type RateDecision,
  type RequesterRateLimiterOptions,
} from './rate-limiter';
export { AuditLog, type AuditEntry, type AuditLine, type AuditOutcome, type AuditLogOptions } from './audit';
export { auditFieldsOf, askedOfCard, type ReplyAuditFields } from './audit-fields';
export { listMembersFromPages, TooManyMembersError, type MembershipPage, type ListMembershipPage, type MemberPagesOptions } from './member-pages';
export { checkCardOrigin, type CardSubmitRef, type GetCardMessage, type CardOriginDecision } from './card-origin';
export { AccessGuard, lookupCost, carriesPersonData, type AccessGuardOptions, type AccessRequest, type Admission, type DenialReason, type Placement, type RoomRef } from './guard';
