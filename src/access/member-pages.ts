// Adapts a paged memberships listing (the Webex SDK's `memberships.list`, which answers with pages
// that have `items`, `hasNext()` and `next()`) to the ListMembers that SpaceMembership takes.
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
    // Pages that keep coming empty (or nearly) must not loop forever either: a bounded number of pages.
    const maxPages = Math.ceil(maxMembers / pageSize) + 10;
    let pages = 1;
    let page: MembershipPage | undefined = await listPage({ roomId, max: pageSize });
    while (page) {
      if (pages++ > maxPages) throw new TooManyMembersError(roomId, maxMembers);
      for (const item of Array.isArray(page.items) ? page.items : []) {
        const member = memberOf(item);
        if (member) members.push(member);
      }
      if (members.length > maxMembers) throw new TooManyMembersError(roomId, maxMembers);
      page = page.hasNext?.() && page.next ? await page.next() : undefined;
    }
    return members;
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
