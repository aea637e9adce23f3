// Who is in a space, asked of Webex when needed and remembered for a while. Every membership event
// (created/updated/deleted, duplicate or not) invalidates a space, so a newcomer from outside is seen
// at once; with several instances, a shared change marker tells the others. When in doubt about who is
// in a space (the marker cannot be read, or the list changed while it was being fetched) the caller
// gets an error and answers privately: that is the safe direction.
import { LRUCache } from 'lru-cache';
import type { AccessPolicy, SpaceMember } from './policy';

export interface MemberRecord extends SpaceMember {
  personId: string;
}

/** Lists every member of a room (all pages). Rejects when Webex fails; failures are not cached. */
export type ListMembers = (roomId: string) => Promise<MemberRecord[]>;

/**
 * Shared between instances (Redis): a value per room that changes whenever any instance sees a
 * membership event there. `read` rejects when the shared store cannot answer.
 */
export interface MembershipChangeMarkers {
  read(roomId: string): Promise<string | undefined>;
  touch(roomId: string): Promise<void>;
  /** Calls `listener` whenever the shared store answers again after it could not be reached. */
  onReconnect?(listener: () => void): void;
}

export interface SpaceMembershipOptions {
  listMembers: ListMembers;
  /** How long a room's member list is trusted without a membership event. Default 10 minutes. */
  ttlMs?: number;
  /** Bound on remembered members, summed over rooms (a room counts its member count + 1). Default 100 000. */
  maxCachedMembers?: number;
  /** The bot's own person ID: the bot is in every space it answers in and is never an outsider. */
  selfPersonId?: () => string | undefined;
  /** Set when instances share a store: membership events seen by one instance reach the others. */
  changeMarkers?: MembershipChangeMarkers;
  /**
   * False: never reuse a member list (list the space for every answer). For deployments where not
   * every membership change is sure to reach this instance (websocket mode). Default true.
   */
  cacheLists?: boolean;
  /** How long to wait before telling the other instances again of a change they could not be told of. Default 5 s. */
  shareRetryMs?: number;
  /** Told when a membership change could not be shared with the other instances. */
  onShareError?: (err: unknown, roomId: string) => void;
  /** Clock for the TTL; tests pass a fake one. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_MEMBERSHIP_TTL_MS = 10 * 60 * 1000;
const DEFAULT_SHARE_RETRY_MS = 5_000;
const DEFAULT_MAX_CACHED_MEMBERS = 100_000;

type Members = readonly MemberRecord[];

interface Entry {
  members: Members;
  /** The shared change marker when the list was fetched. */
  marker: string | undefined;
}

interface Fetch {
  promise: Promise<Members>;
  marker: string | undefined;
  /** Set by invalidate(): a list fetched across a membership event is neither cached nor trusted. */
  stale: boolean;
}

/** The member list changed while it was being read: whoever asked must not trust either version. */
export class MembershipChangedError extends Error {
  override readonly name = 'MembershipChangedError';
  constructor(roomId: string) {
    super(`The members of space ${roomId} changed while they were being listed`);
  }
}

export class SpaceMembership {
  private readonly cache: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Fetch>();
  /** Rooms whose change the other instances could not be told of yet; retried until they are. */
  private readonly unshared = new Set<string>();
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SpaceMembershipOptions) {
    const now = options.now ?? Date.now;
    this.cache = new LRUCache<string, Entry>({
      maxSize: options.maxCachedMembers ?? DEFAULT_MAX_CACHED_MEMBERS,
      sizeCalculation: (entry) => entry.members.length + 1,
      ttl: options.ttlMs ?? DEFAULT_MEMBERSHIP_TTL_MS,
      perf: { now },
    });
    // While the shared store was out of reach, other instances' changes may have been lost on the way:
    // nothing remembered from before can be trusted, and changes of our own not yet shared are sent now.
    options.changeMarkers?.onReconnect?.(() => {
      this.forgetAll();
      this.shareUnshared();
    });
  }

  /**
   * The room's members, from the cache or from Webex; concurrent calls for a room share one fetch.
   * Rejects when Webex fails, when the shared marker cannot be read, or when the list changed meanwhile.
   */
  async members(roomId: string): Promise<Members> {
    const marker = await this.readMarker(roomId);
    const cached = this.cache.get(roomId);
    if (cached && cached.marker === marker) return cached.members;
    const pending = this.inFlight.get(roomId);
    if (pending && pending.marker === marker) return pending.promise;

    const fetch: Fetch = { promise: Promise.resolve([]), marker, stale: false };
    fetch.promise = Promise.resolve()
      .then(() => this.options.listMembers(roomId))
      .then((list) => {
        if (fetch.stale) throw new MembershipChangedError(roomId);
        const members: Members = Object.freeze(list.map(copyMember));
        if (this.options.cacheLists !== false) this.cache.set(roomId, { members, marker });
        return members;
      })
      .finally(() => {
        if (this.inFlight.get(roomId) === fetch) this.inFlight.delete(roomId);
      });
    this.inFlight.set(roomId, fetch);
    return fetch.promise;
  }

  /** True when anyone but the bot itself is not an insider under `policy`. Rejects when in doubt (see members()). */
  async hasOutsiders(roomId: string, policy: AccessPolicy): Promise<boolean> {
    const self = this.options.selfPersonId?.();
    const members = await this.members(roomId);
    return members.some((m) => m.personId !== self && !policy.isInsider(m));
  }

  /** Forgets a room here and, when instances share a store, everywhere. Idempotent: call it for every membership event. */
  invalidate(roomId: string): void {
    this.forgetLocally(roomId);
    const markers = this.options.changeMarkers;
    if (!markers) return;
    // A list cached here under the old marker is refused by members() once the new one is written.
    this.unshared.add(roomId);
    this.shareUnshared();
  }

  /** The shared marker of a room; when the store cannot answer, nothing cached here is trusted any more. */
  private async readMarker(roomId: string): Promise<string | undefined> {
    const markers = this.options.changeMarkers;
    if (!markers) return undefined;
    try {
      return await markers.read(roomId);
    } catch (err) {
      this.forgetAll();
      throw err;
    }
  }

  /** Tells the other instances of every change not yet told; what fails is tried again later. */
  private shareUnshared(): void {
    const markers = this.options.changeMarkers;
    if (!markers) return;
    for (const roomId of [...this.unshared]) {
      markers.touch(roomId).then(
        () => this.unshared.delete(roomId),
        (err) => {
          this.options.onShareError?.(err, roomId);
          this.retryLater();
        },
      );
    }
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.shareUnshared();
    }, this.options.shareRetryMs ?? DEFAULT_SHARE_RETRY_MS);
    this.retryTimer.unref();
  }

  private forgetAll(): void {
    for (const roomId of [...this.cache.keys(), ...this.inFlight.keys()]) this.forgetLocally(roomId);
  }

  /** Invalidates the event's room when it is a membership event; returns whether it was one. */
  onWebhookEvent(event: { resource?: unknown; data?: { roomId?: unknown } }): boolean {
    if (event.resource !== 'memberships' || typeof event.data?.roomId !== 'string') return false;
    this.invalidate(event.data.roomId);
    return true;
  }

  private forgetLocally(roomId: string): void {
    this.cache.delete(roomId);
    const pending = this.inFlight.get(roomId);
    if (pending) {
      pending.stale = true;
      this.inFlight.delete(roomId);
    }
  }
}

function copyMember(m: MemberRecord): MemberRecord {
  const copy: MemberRecord = { personId: String(m.personId ?? ''), personEmail: String(m.personEmail ?? '') };
  if (typeof m.personOrgId === 'string' && m.personOrgId !== '') copy.personOrgId = m.personOrgId;
  return copy;
}
