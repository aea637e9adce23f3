// Results of the look-up use cases: what the cards module renders.
import type { PhoneNumber, Target } from '../commands/types';
import type { WebexApiError } from '../webex/errors';

/** Who a look-up found: a person, or a Webex Calling workspace (a common-area phone, a meeting room). */
export interface PersonSummary {
  id: string;
  displayName: string;
  /** Primary email; '' when Webex returned none (always for a workspace). */
  email: string;
  orgId: string;
  /** 'workspace' for a workspace; absent for a person. */
  kind?: 'person' | 'workspace';
}

/** A Webex Calling location, whose defaults apply to the people and workspaces there without custom settings. */
export interface LocationSummary {
  id: string;
  /** Absent when Get Location Details was refused or failed: cards show the ID instead. */
  name?: string;
}

/** Transfer numbers 1..3, null when unset. */
export type TransferNumberSlots = [string | null, string | null, string | null];

/**
 * The transfer numbers that apply to calls: the person's (or workspace's) own when their custom numbers
 * are on, their location's otherwise. `numbers` is null when the location's could not be read: `error`
 * says why, and there is none when Webex did not say which location it is.
 */
export type NumbersInEffect =
  | { from: 'own'; numbers: TransferNumberSlots }
  | { from: 'location'; numbers: TransferNumberSlots }
  /** `findingLocation`: `error` came from finding out their location (Get Person Details), not from reading its numbers. */
  | { from: 'location'; numbers: null; error?: WebexApiError; findingLocation?: true };

/** Transfer numbers normalized: unset (null, absent or "") is null. Index 0 is number 1. */
export interface TransferNumbersView {
  useCustomTransferNumbers: boolean;
  numbers: TransferNumberSlots;
}

/** Transfer number slots as Webex numbers them (TRANSFER_NUMBER_1 … 3). */
export type TransferSlot = 1 | 2 | 3;

/**
 * A misconfiguration an agent should see at once:
 * - numberNotUsed: the number is set but no call type's action transfers to it;
 * - numberNotSet: a call type's action transfers to this slot but no number is set.
 * Both are judged on what is in effect: the numbers that apply and the permissions that apply.
 */
export type SlotFlag = 'numberNotUsed' | 'numberNotSet';

export interface SlotUsage {
  /** Webex callType codes whose action is TRANSFER_NUMBER_<slot>, in Webex's order. */
  callTypes: string[];
  flag?: SlotFlag;
}

/** What each transfer number in effect is for, from the outgoing calling permissions in effect. Index 0 is number 1. */
export interface TransferUsage {
  slots: [SlotUsage, SlotUsage, SlotUsage];
}

export type LookupOutcome =
  | {
      kind: 'found';
      person: PersonSummary;
      /** Their own setting and numbers as stored; `inEffect` says what applies. */
      transfer: TransferNumbersView;
      inEffect: NumbersInEffect;
      /** Their location, when anything comes from it (numbers or permissions). */
      location?: LocationSummary;
      readAt: Date;
      /** What each number in effect is for; absent when the permissions could not be read (then `usageError` says why). */
      usage?: TransferUsage;
      usageError?: WebexApiError;
      /** Whose outgoing permissions `usage` comes from: their own, or their location's (their custom permissions are off). */
      usageFrom?: 'own' | 'location';
      /** The org the look-up was made in, when one was asked for (partner administrators). */
      orgId?: string;
    }
  /** `workspacesUnsearched`: the name was to be looked for among workspaces too, but Webex refused or failed. */
  | { kind: 'ambiguous'; target: Target; candidates: PersonSummary[]; more: boolean; orgId?: string; workspacesUnsearched?: WebexApiError }
  /**
   * `orgId`: the organization searched, when it is not the admin token's own (typed, or DEFAULT_ORG_ID).
   * `workspacesUnsearched`: a name was also to be looked for among workspaces, but Webex refused or failed.
   */
  | { kind: 'notFound'; target: Target; orgId?: string; workspacesUnsearched?: WebexApiError }
  /** The person found is in an organization this bot may not search (see ALLOWED_TARGET_ORG_IDS). */
  | { kind: 'otherOrg'; target: Target }
  /** The settings call answered 404: the person has no Webex Calling. */
  | { kind: 'noCalling'; person: PersonSummary; error: WebexApiError }
  | { kind: 'webexError'; stage: 'resolve' | 'settings'; error: WebexApiError; target: Target; person?: PersonSummary; orgId?: string };

/** One person of a several-people command, in the order asked. */
export interface LookupManyEntry {
  target: Target;
  outcome: LookupOutcome;
}

export interface LookupManyResult {
  entries: LookupManyEntry[];
  /** The org the look-ups were made in, when one was asked for. */
  orgId?: string;
}

/** One person (or workspace: `person.kind`) whose transfer numbers include the number searched for. */
export interface ReverseMatch {
  person: PersonSummary;
  /** Which of their numbers match, with the value as Webex stored it. */
  slots: { slot: TransferSlot; number: string }[];
}

/** A location whose own transfer numbers include the number searched for. */
export interface LocationMatch {
  location: LocationSummary;
  slots: { slot: TransferSlot; number: string }[];
  /** Calling users there whose custom numbers are off, so the location's numbers apply to them. */
  followers: number;
  /** Webex Calling workspaces there whose custom numbers are off. */
  workspaceFollowers?: number;
}

export interface ReverseScanProgress {
  /** Calling users listed so far. */
  listed: number;
  /** Calling users whose numbers were read (or failed to be) so far. */
  read: number;
  /** All calling users have been listed: `listed` is the total. */
  listingDone: boolean;
}

export interface ReverseResult {
  /** The number searched for. */
  number: PhoneNumber;
  /** People whose own (custom) numbers include it, in the order Webex lists people. */
  matches: ReverseMatch[];
  /** Locations whose numbers include it and apply to some of their people (those without custom numbers). */
  locationMatches: LocationMatch[];
  /** Locations with followers whose numbers could not be read (their people may transfer here too). */
  locationsFailed: number;
  /** Calling users whose transfer numbers were checked. */
  scanned: number;
  /** Calling users whose transfer numbers could not be read (they may match too). */
  failed: number;
  /** The last of those failures, for its tracking ID. */
  lastFailure?: WebexApiError;
  /** Why Webex Calling workspaces were not checked (most often: no spark-admin:workspaces_read). */
  workspacesUnsearched?: WebexApiError;
  /** Calling users listed; more than scanned + failed when time ran out. */
  listed: number;
  /** Time ran out before every calling user was listed and read. */
  stoppedEarly: boolean;
  /** Every calling user was listed and read without failure. */
  complete: boolean;
  /** When the scan the answer comes from finished (a cached scan keeps its time). */
  readAt: Date;
  /** An answer from a kept scan: how many of its matches were read again just now, and when. */
  reread?: number;
  rereadAt?: Date;
  /** The org that was scanned, when one was asked for. */
  orgId?: string;
  /** The org's index was still being built when time ran out: how far it had come (nothing is matched then). */
  building?: { listed: number; read: number; listingDone: boolean };
}
