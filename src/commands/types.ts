// What a chat message or a card submit asks for, after parsing. Pure data.

export type Target =
  | { kind: 'email'; email: string }
  | { kind: 'personId'; id: string }
  | { kind: 'name'; name: string };

export type Command =
  /** Look up one person's transfer numbers. `orgId` is for partner admins (issue: partner orgs). */
  | { kind: 'lookup'; target: Target; orgId?: string }
  | { kind: 'help' }
  /** The agent asked for a look-up but what follows is not an email, person ID or name. */
  | { kind: 'invalidTarget'; input: string; reason: 'empty' | 'malformed' | 'tooLong' };

export interface ParseContext {
  /** Names the bot may be mentioned by (display name, first name); stripped from the front. */
  botNames: string[];
}
