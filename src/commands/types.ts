// What a chat message or a card submit asks for, after parsing. Pure data.

/** Whom (or what) to look up. A `name` is looked for among people and Webex Calling workspaces alike. */
export type Target =
  | { kind: 'email'; email: string }
  | { kind: 'personId'; id: string }
  | { kind: 'name'; name: string }
  /** "workspace Lobby Phone": workspaces only. */
  | { kind: 'workspaceName'; name: string }
  | { kind: 'workspaceId'; id: string };

/** A phone number as typed (or as Webex stored it), with the forms it is compared by. */
export interface PhoneNumber {
  /** The number without wrapping (tel:, <>, quotes, trailing punctuation), otherwise as written. */
  raw: string;
  /** E.164 ("+12055553651") when the number is valid; national forms are read in the default country. */
  e164?: string;
  /** Every digit, in order ("12055553651"); how numbers that are not valid are compared. */
  digits: string;
}

/** Why what follows "transfer numbers for" cannot be looked up. */
/** `emptyForm`: a card's look-up box was submitted empty (`empty` is typed text with nothing after "for"). */
export type InvalidTargetReason = 'empty' | 'emptyForm' | 'malformed' | 'tooLong' | 'tooMany';

/** Why what follows "who transfers to" is not a number to search for. */
export type InvalidNumberReason = 'empty' | 'malformed' | 'tooShort' | 'tooLong';

/** Transfer number slots as Webex numbers them (TRANSFER_NUMBER_1 … 3). */
export type EditSlot = 1 | 2 | 3;

/** What an editor asked to change. `number` is E.164: only valid numbers get this far. */
export type EditChange =
  | { kind: 'setNumber'; slot: EditSlot; number: string }
  | { kind: 'clearNumber'; slot: EditSlot }
  /** `on`: their own numbers apply; off: their location's do. */
  | { kind: 'useCustom'; on: boolean };

/** Why an edit command cannot be carried out as typed: `number` not a valid phone number, `slot` not 1 to 3. */
export type InvalidEditReason = 'number' | 'slot' | 'target';

/** A button on an edit card: Confirm or Cancel a proposed change, or Undo a change made. */
export type EditDecision = 'confirm' | 'cancel' | 'undo';

export type Command =
  /**
   * Look up one person's transfer numbers. `orgId` is for partner admins; `fresh` (Refresh buttons)
   * reads everything from Webex again, nothing from caches.
   */
  | { kind: 'lookup'; target: Target; orgId?: string; fresh?: boolean }
  /** Look up several people (2 to MAX_TARGETS), in the order asked, duplicates removed. */
  | { kind: 'lookupMany'; targets: Target[]; orgId?: string; fresh?: boolean }
  /** Who has this number among their transfer numbers. */
  | { kind: 'reverse'; number: PhoneNumber; orgId?: string }
  /** The org's transfer-number setup: a summary card and a CSV of everyone; `location`: a location's name (or ID) to narrow it to. */
  | { kind: 'report'; location?: string; orgId?: string }
  /** Change one person's or workspace's transfer numbers (editors only; confirmed before it is written). */
  | { kind: 'edit'; target: Target; change: EditChange; orgId?: string }
  /** A press of Confirm, Cancel or Undo; `editId` names what the card proposed or did. */
  | { kind: 'editDecision'; decision: EditDecision; editId: string }
  /** An edit command that cannot be carried out as typed; nothing is read. */
  | { kind: 'invalidEdit'; input: string; reason: InvalidEditReason }
  | { kind: 'help' }
  /** The agent asked for a look-up but what follows is not an email, person ID or name (or too many of them). */
  | { kind: 'invalidTarget'; input: string; reason: InvalidTargetReason }
  /** The agent asked who transfers to a number, but what follows is not a phone number. */
  | { kind: 'invalidNumber'; input: string; reason: InvalidNumberReason }
  /** What follows "in org" (or a card's orgId) is not an organization ID: nothing is searched. */
  | { kind: 'invalidOrg'; input: string };

export interface ParseContext {
  /** Names the bot may be mentioned by (display name, first name); stripped from the front. */
  botNames: string[];
  /** ISO 3166 country whose national number formats are understood, e.g. "(205) 555-3651". Default "US". */
  defaultCountry?: string;
}
