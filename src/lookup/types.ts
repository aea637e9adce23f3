// Results of the look-up use cases: what the cards module renders.
import type { PhoneNumber, Target } from '../commands/types';
import type { WebexApiError } from '../webex/errors';

export interface PersonSummary {
  id: string;
  displayName: string;
  /** Primary email; '' when Webex returned none. */
  email: string;
  orgId: string;
}

/** Transfer numbers normalized: unset (null, absent or "") is null. Index 0 is number 1. */
export interface TransferNumbersView {
  useCustomTransferNumbers: boolean;
  numbers: [string | null, string | null, string | null];
}

/** Transfer number slots as Webex numbers them (TRANSFER_NUMBER_1 … 3). */
export type TransferSlot = 1 | 2 | 3;

/**
 * A misconfiguration an agent should see at once:
 * - numberNotUsed: the number is set but no call type's action transfers to it;
 * - numberNotSet: a call type's action transfers to this slot but no number is set.
 * Only raised when the person's own (custom) numbers are in use: otherwise the location's apply.
 */
export type SlotFlag = 'numberNotUsed' | 'numberNotSet';

export interface SlotUsage {
  /** Webex callType codes whose action is TRANSFER_NUMBER_<slot>, in Webex's order. */
  callTypes: string[];
  flag?: SlotFlag;
}

/** What each transfer number is for, from the person's outgoing calling permissions. Index 0 is number 1. */
export interface TransferUsage {
  slots: [SlotUsage, SlotUsage, SlotUsage];
}

export type LookupOutcome =
  | {
      kind: 'found';
      person: PersonSummary;
      transfer: TransferNumbersView;
      readAt: Date;
      /** What each number is for; absent when the permissions could not be read (then `usageError` says why). */
      usage?: TransferUsage;
      usageError?: WebexApiError;
      /** The org the look-up was made in, when one was asked for (partner administrators). */
      orgId?: string;
    }
  | { kind: 'ambiguous'; target: Target; candidates: PersonSummary[]; more: boolean; orgId?: string }
  /** `orgId`: the organization searched, when it is not the admin token's own (typed, or DEFAULT_ORG_ID). */
  | { kind: 'notFound'; target: Target; orgId?: string }
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

/** One person whose transfer numbers include the number searched for. */
export interface ReverseMatch {
  person: PersonSummary;
  /** Which of their numbers match, with the value as Webex stored it. */
  slots: { slot: TransferSlot; number: string }[];
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
  /** In the order Webex lists people. */
  matches: ReverseMatch[];
  /** Calling users whose transfer numbers were checked. */
  scanned: number;
  /** Calling users whose transfer numbers could not be read (they may match too). */
  failed: number;
  /** The last of those failures, for its tracking ID. */
  lastFailure?: WebexApiError;
  /** Calling users listed; more than scanned + failed when time ran out. */
  listed: number;
  /** Time ran out before every calling user was listed and read. */
  stoppedEarly: boolean;
  /** Every calling user was listed and read without failure. */
  complete: boolean;
  /** When the scan the answer comes from finished (a cached scan keeps its time). */
  readAt: Date;
  /** The org that was scanned, when one was asked for. */
  orgId?: string;
}
