// Adapts a paged memberships listing (the Webex SDK's `memberships.list`, which answers with pages
// that have `items`, `hasNext()` and `next()`) to the ListMembers that SpaceMembership takes.
import { itemIds, PageGuard } from '../webex/page-guard';
import type { ListMembers, MemberRecord } from './space-membership';

export interface MembershipPage {
  items: unknown[];
  hasNext?: () => boolean;
  next?: () => Promise<MembershipPage>;
}

export type ListMembershipPage = (query: { roomId: string; max: number }) => Promise<MembershipPage>;

export interface MemberPagesOptions {
  /** Page size asked for; Webex allows up to 1000 for memberships. */
  pageSize?: number;
  /**
   * Most members read from one room. A bigger room makes the listing fail, so the answer goes
   * privately (fail closed) rather than trusting a partial list.
   */
  maxMembers?: number;
}

export class TooManyMembersError extends Error {
  override readonly name = 'TooManyMembersError';
  constructor(readonly roomId: string, readonly maxMembers: number) {
    super(`room has more than ${maxMembers} members`);
  }
}

export function listMembersFromPages(listPage: ListMembershipPage, options: MemberPagesOptions = {}): ListMembers {
  const pageSize = options.pageSize ?? 1000;
  const maxMembers = options.maxMembers ?? 5000;
  return async (roomId) => {
    const members: MemberRecord[] = [];
    // The SDK hides the next-page URLs, so the guard knows pages by what they hold; pages that keep
    // coming empty (or nearly) are bounded by their number. Either way the listing fails (closed).
    const guard = new PageGuard({ what: 'members', maxPages: Math.ceil(maxMembers / pageSize) + 10 });
    let page: MembershipPage = await listPage({ roomId, max: pageSize });
    for (;;) {
      const items = Array.isArray(page.items) ? page.items : [];
      guard.read(itemIds(items));
      for (const item of items) {
        const member = memberOf(item);
        if (member) members.push(member);
      }
      if (members.length > maxMembers) throw new TooManyMembersError(roomId, maxMembers);
      if (!page.hasNext?.() || !page.next) return members;
      guard.next(undefined);
      page = await page.next();
    }
  };
}

/** A membership as Webex returns it → the fields that decide who is inside. Items without a person are skipped. */
function memberOf(item: unknown): MemberRecord | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const m = item as Record<string, unknown>;
  if (typeof m.personId !== 'string' || m.personId === '') return undefined;
  const member: MemberRecord = { personId: m.personId, personEmail: typeof m.personEmail === 'string' ? m.personEmail : '' };
  if (typeof m.personOrgId === 'string' && m.personOrgId !== '') member.personOrgId = m.personOrgId;
  return member;
}
