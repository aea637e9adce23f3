// A signed webhook event for a space the framework has not met yet already tells us what the framework
// would fetch to "discover" it: the bot is a member (Webex only sends it events of its own spaces), the
// space's type, and, in a 1:1, who the other member is. discovery-hints.ts answers those discovery
// calls from these hints, so the first command in a new space costs three Webex calls fewer.
import { LRUCache } from 'lru-cache';

export interface SpaceHint {
  roomId: string;
  roomType: 'direct' | 'group';
  /** The person who wrote, when known: in a 1:1, the other member. */
  sender?: { personId: string; personEmail?: string };
}

interface BotIdentity {
  id: string;
  email: string;
  displayName?: string;
}

export class SpaceHints {
  private readonly hints = new LRUCache<string, SpaceHint>({ max: 1000, ttl: 60_000 });
  private readonly memberships = new LRUCache<string, Record<string, unknown>>({ max: 1000, ttl: 60_000 });

  /** A membership webhook carries the whole membership: the framework's GET of it can be skipped. */
  rememberMembership(data: Record<string, unknown>): void {
    if (typeof data.id === 'string' && typeof data.roomId === 'string' && typeof data.personId === 'string') {
      this.memberships.set(data.id, data);
    }
  }

  membership(id: unknown): Record<string, unknown> | undefined {
    if (typeof id !== 'string') return undefined;
    const found = this.memberships.get(id);
    this.memberships.delete(id);
    return found;
  }

  remember(hint: SpaceHint): void {
    this.hints.set(hint.roomId, hint);
  }

  /** The late-discovery check "is the bot a member of this space?" */
  botMembership(query: unknown, bot: BotIdentity): { items: object[]; length: number } | undefined {
    const q = query as { roomId?: unknown; personId?: unknown } | undefined;
    if (typeof q?.roomId !== 'string' || q.personId !== bot.id) return undefined;
    const hint = this.hints.get(q.roomId);
    if (!hint) return undefined;
    return page([membership(hint, bot.id, bot.email, bot.displayName)]);
  }

  /** The space itself: only what the event told us (its id and type). */
  room(roomId: unknown): object | undefined {
    if (typeof roomId !== 'string') return undefined;
    const hint = this.hints.get(roomId);
    if (!hint) return undefined;
    return { id: hint.roomId, type: hint.roomType, title: '', isLocked: false };
  }

  /** The members of a 1:1 (the framework wants to know who the bot talks to there). */
  directMembers(query: unknown, bot: BotIdentity): { items: object[]; length: number } | undefined {
    const q = query as { roomId?: unknown; personId?: unknown; personEmail?: unknown } | undefined;
    if (typeof q?.roomId !== 'string' || q.personId !== undefined || q.personEmail !== undefined) return undefined;
    const hint = this.hints.get(q.roomId);
    if (!hint || hint.roomType !== 'direct' || !hint.sender?.personEmail) return undefined;
    // Used once: after spawning, the framework keeps its own bot object for the space.
    this.hints.delete(q.roomId);
    return page([
      membership(hint, bot.id, bot.email, bot.displayName),
      membership(hint, hint.sender.personId, hint.sender.personEmail),
    ]);
  }
}

function page(items: object[]): { items: object[]; length: number } {
  return { items, length: items.length };
}

function membership(hint: SpaceHint, personId: string, personEmail: string, personDisplayName?: string): object {
  return {
    id: `implied:${hint.roomId}:${personId}`,
    roomId: hint.roomId,
    roomType: hint.roomType,
    personId,
    personEmail,
    personDisplayName,
    isModerator: false,
    isMonitor: false,
  };
}
