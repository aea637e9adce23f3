// The pure pieces of the org index and its reverse look-up (src/org-index): who is a calling user, a
// person's numbers as matched, the matches for a number, and waiting for work until a deadline.
import { phoneNumberOf, samePhoneNumber } from '../commands/phone-number';
import type { PhoneNumber } from '../commands/types';
import type { WebexPerson, WebexWorkspace } from '../webex/types';
import { summarizePerson, summarizeWorkspace } from './normalize';
import type { LocationMatch, LocationSummary, PersonSummary, ReverseMatch, TransferSlot } from './types';

export interface IndexedPerson {
  person: PersonSummary;
  numbers: { slot: TransferSlot; number: PhoneNumber }[];
}

/** A person or a Webex Calling workspace a scan reads, with the location whose numbers it may follow. */
export interface CallingEntity {
  summary: PersonSummary;
  locationId?: string;
}

export function personEntity(person: WebexPerson): CallingEntity {
  return { summary: summarizePerson(person), locationId: person.locationId };
}

export function workspaceEntity(workspace: WebexWorkspace): CallingEntity {
  const locationId = typeof workspace.locationId === 'string' && workspace.locationId !== '' ? workspace.locationId : undefined;
  return { summary: summarizeWorkspace(workspace), locationId };
}

/** People with a calling location are the calling users (FACTS: "Calling users have locationId"). */
export function isCallingUser(person: WebexPerson): boolean {
  return typeof person.locationId === 'string' && person.locationId !== '' && typeof person.id === 'string' && person.id !== '';
}

/** Transfer numbers 1..3 as read (null when unset) → the slots that hold a number. */
export function indexNumbers(numbers: readonly (string | null)[], defaultCountry: string | undefined): IndexedPerson['numbers'] {
  const indexed: IndexedPerson['numbers'] = [];
  numbers.forEach((value, i) => {
    if (value !== null) indexed.push({ slot: (i + 1) as TransferSlot, number: phoneNumberOf(value, defaultCountry) });
  });
  return indexed;
}

/** A location whose numbers apply to `followers` of its people and `workspaceFollowers` of its workspaces (those without custom numbers). */
export interface IndexedLocation {
  location: LocationSummary;
  numbers: IndexedPerson['numbers'];
  followers: number;
  workspaceFollowers: number;
}

export function locationMatchesIn(locations: readonly IndexedLocation[], number: PhoneNumber): LocationMatch[] {
  const matches: LocationMatch[] = [];
  for (const entry of locations) {
    const slots = entry.numbers.filter((n) => samePhoneNumber(n.number, number)).map((n) => ({ slot: n.slot, number: n.number.raw }));
    if (slots.length > 0) matches.push({ location: entry.location, slots, followers: entry.followers, workspaceFollowers: entry.workspaceFollowers });
  }
  return matches;
}

export function matchesIn(people: Iterable<IndexedPerson>, number: PhoneNumber): ReverseMatch[] {
  const matches: ReverseMatch[] = [];
  for (const entry of people) {
    const slots = entry.numbers.filter((n) => samePhoneNumber(n.number, number)).map((n) => ({ slot: n.slot, number: n.number.raw }));
    if (slots.length > 0) matches.push({ person: entry.person, slots });
  }
  return matches;
}

/** True when `work` finished; false when `stopAt` (epoch ms on `now`'s clock) came first. */
export function untilDeadline(work: Promise<void>, stopAt: number | undefined, now: () => number): Promise<boolean> {
  if (stopAt === undefined) return work.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, stopAt - now()));
  });
  // Work that fails after time is up has nobody waiting for it: keep that from being unhandled.
  work.catch(() => undefined);
  return Promise.race([work.then(() => true), timeUp]).finally(() => clearTimeout(timer));
}
