// The organization's index, as data: one entry per calling user and Webex Calling workspace, with
// what applies to their calls (numbers and permissions in effect) and what is wrong with it. Plain
// JSON, so one instance can build it and the others read it from Redis.
import type { WebexApiErrorInit } from '../webex/errors';
import type { TransferNumberSlots } from '../lookup/types';

/**
 * A misconfiguration the report counts (issue wording in brackets):
 * - numberNotSet: a call type transfers to a slot that holds no number ("a call type transfers to a number that is not set");
 * - numberNotUsed: a number is set but no call type transfers to it ("a number set but used by no call type");
 * - invalidNumber: a number in effect is not a valid phone number;
 * - customWithoutNumbers: custom numbers are on but none is set (so nothing is transferred anywhere useful).
 */
export type FindingKind = 'numberNotSet' | 'numberNotUsed' | 'invalidNumber' | 'customWithoutNumbers';

export const FINDING_KINDS: readonly FindingKind[] = ['numberNotSet', 'numberNotUsed', 'invalidNumber', 'customWithoutNumbers'];

export interface Finding {
  kind: FindingKind;
  /** The transfer number concerned (1..3); absent for customWithoutNumbers. */
  slot?: 1 | 2 | 3;
}

/** A Webex failure as stored (WebexApiError's own fields): `new WebexApiError(stored)` brings it back. */
export type StoredError = WebexApiErrorInit;

export interface IndexEntry {
  id: string;
  kind: 'person' | 'workspace';
  name: string;
  /** '' for workspaces and people without one. */
  email: string;
  locationId?: string;
  /** Their own useCustomTransferNumbers; absent when their numbers could not be read. */
  customNumbers?: boolean;
  /** Whose transfer numbers apply: theirs, or their location's. */
  numbersFrom?: 'own' | 'location';
  /** The numbers in effect as Webex stores them; null when they could not be read (see `error`). */
  numbers: TransferNumberSlots | null;
  /**
   * The same numbers in E.164 where they are valid phone numbers (null otherwise), worked out once at
   * build time: parsing 30,000 numbers on every "who transfers to" would cost more than the answer.
   */
  e164?: [string | null, string | null, string | null];
  /** Webex callType codes sent to each number in effect; absent when the permissions in effect could not be read. */
  usage?: [string[], string[], string[]];
  /** Whose outgoing permissions apply. */
  usageFrom?: 'own' | 'location';
  findings: Finding[];
  /**
   * Why something could not be read: 'numbers' (their own: the entry is a failure, re-read later),
   * 'location' (their location's numbers), 'permissions' (the call types are unknown).
   */
  error?: { stage: 'numbers' | 'location' | 'permissions'; error: StoredError };
}

/** A location of someone in the index, with its numbers when they apply to some of its people and workspaces. */
export interface IndexLocation {
  id: string;
  /** Absent when Get Location Details was refused or failed. */
  name?: string;
  /** Read only for locations someone follows; null when that read failed, absent when nobody follows it. */
  numbers?: TransferNumberSlots | null;
}

export interface OrgIndexSnapshot {
  /** The org as the bot keys it (orgKey): both spellings of one org are one index. */
  orgKey: string;
  /** The org asked for, when it is not the admin token's own (partner administrators). */
  orgId?: string;
  startedAt: number;
  /** Epoch ms the build finished: "index as of". */
  builtAt: number;
  /** Everyone was listed and read, and workspaces were listed. */
  complete: boolean;
  /** Listed, in listing order (people, then workspaces). */
  entries: IndexEntry[];
  locations: IndexLocation[];
  /** Why workspaces were not listed (a token without spark-admin:workspaces_read). */
  workspacesUnsearched?: StoredError;
  /** Why the listing stopped before the end (the index then holds only who was listed). */
  listingFailed?: StoredError;
}

/** How far a build has come, for the "building the index" note. */
export interface BuildProgress {
  listed: number;
  read: number;
  listingDone: boolean;
}
