// Which organizations a look-up may search. Without `in org`, the bot searches its default org:
// DEFAULT_ORG_ID (a partner's bot serving one customer) or else the admin token's own org. A typed
// `in org <orgId>` is honoured only for that org or one listed in ALLOWED_TARGET_ORG_IDS: a partner
// admin token can read many customers, and a help-desk agent of one customer must not read another's.
import { orgKey } from './org-id';

export interface TargetOrgScopeOptions {
  /** The admin token's own organization. */
  homeOrgId: string;
  /** DEFAULT_ORG_ID: when set, the org searched without `in org`, instead of the home org. */
  defaultOrgId?: string;
  /** ALLOWED_TARGET_ORG_IDS: further organizations `in org` may name. */
  allowedTargetOrgIds?: readonly string[];
}

export class TargetOrgScope {
  private readonly keys: ReadonlySet<string>;
  /** The org searched when none is typed. */
  readonly defaultOrgId: string;
  readonly homeOrgId: string;

  constructor(options: TargetOrgScopeOptions) {
    this.homeOrgId = options.homeOrgId;
    this.defaultOrgId = options.defaultOrgId ?? options.homeOrgId;
    this.keys = new Set([this.defaultOrgId, ...(options.allowedTargetOrgIds ?? [])].map(orgKey).filter((k) => k !== ''));
  }

  allows(orgId: string): boolean {
    const key = orgKey(orgId);
    return key !== '' && this.keys.has(key);
  }
}
