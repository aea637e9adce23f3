// Who is in a space, asked of Webex when needed and remembered for a while. Membership events
// (created/updated/deleted) invalidate a space, so a newcomer from outside is seen at once.
import { LRUCache } from 'lru-cache';
import type { AccessPolicy, SpaceMember } from './policy';

export interface MemberRecord extends SpaceMember {
  personId: string;
}

/** Lists every member of a room (all pages). Rejects when Webex fails; failures are not cached. */
export type ListMembers = (roomId: string) => Promise<MemberRecord[]>;

export interface SpaceMembershipOptions {
  listMembers: ListMembers;
  /** How long a room's member list is trusted without a membership event. Default 10 minutes. */
  ttlMs?: number;
  /** Bound on remembered members, summed over rooms (a room counts its member count + 1). Default 100 000. */
  maxCachedMembers?: number;
  /** The bot's own person ID: the bot is in every space it answers in and is never an outsider. */
  selfPersonId?: () => string | undefined;
  /** Clock for the TTL; tests pass a fake one. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_MEMBERSHIP_TTL_MS = 10 * 60 * 1000;
const DEFAULT_MAX_CACHED_MEMBERS = 100_000;

type Members = readonly MemberRecord[];

interface Fetch {
  promise: Promise<Members>;
  /** Set by invalidate(): a list fetched before a membership event must not be cached after it. */
  stale: boolean;
}

export class SpaceMembership {
  private readonly cache: LRUCache<string, Members>;
  private readonly inFlight = new Map<string, Fetch>();

  constructor(private readonly options: SpaceMembershipOptions) {
    const now = options.now ?? Date.now;
    this.cache = new LRUCache<string, Members>({
      maxSize: options.maxCachedMembers ?? DEFAULT_MAX_CACHED_MEMBERS,
      sizeCalculation: (members) => members.length + 1,
      ttl: options.ttlMs ?? DEFAULT_MEMBERSHIP_TTL_MS,
      perf: { now },
    });
  }

  /** The room's members, from the cache or from Webex; concurrent calls for a room share one fetch. */
  members(roomId: string): Promise<Members> {
    const cached = this.cache.get(roomId);
    if (cached) return Promise.resolve(cached);
    const pending = this.inFlight.get(roomId);
    if (pending) return pending.promise;

    const fetch: Fetch = { promise: Promise.resolve([]), stale: false };
    fetch.promise = Promise.resolve()
      .then(() => this.options.listMembers(roomId))
      .then((list) => {
        const members: Members = Object.freeze(list.map(copyMember));
        if (!fetch.stale) this.cache.set(roomId, members);
        return members;
      })
      .finally(() => {
        if (this.inFlight.get(roomId) === fetch) this.inFlight.delete(roomId);
      });
    this.inFlight.set(roomId, fetch);
    return fetch.promise;
  }

  /** True when anyone but the bot itself is not an insider under `policy`. Rejects when Webex fails. */
  async hasOutsiders(roomId: string, policy: AccessPolicy): Promise<boolean> {
    const self = this.options.selfPersonId?.();
    const members = await this.members(roomId);
    return members.some((m) => m.personId !== self && !policy.isInsider(m));
  }

  /** Forgets a room; call it for every memberships created/updated/deleted event in that room. */
  invalidate(roomId: string): void {
    this.cache.delete(roomId);
    const pending = this.inFlight.get(roomId);
    if (pending) {
      pending.stale = true;
      this.inFlight.delete(roomId);
    }
  }

  /** Invalidates the event's room when it is a membership event; returns whether it was one. */
  onWebhookEvent(event: { resource?: unknown; data?: { roomId?: unknown } }): boolean {
    if (event.resource !== 'memberships' || typeof event.data?.roomId !== 'string') return false;
    this.invalidate(event.data.roomId);
    return true;
  }
}

function copyMember(m: MemberRecord): MemberRecord {
  const copy: MemberRecord = { personId: String(m.personId ?? ''), personEmail: String(m.personEmail ?? '') };
  if (typeof m.personOrgId === 'string' && m.personOrgId !== '') copy.personOrgId = m.personOrgId;
  return copy;
}
