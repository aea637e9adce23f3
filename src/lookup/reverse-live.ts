// A reverse look-up answered from the org index reads its matches again before answering (a handful of
// calls), so what it names is current: someone whose number changed since the index was built drops
// out, and a changed number of theirs is shown as it is now. Only matches are re-read: someone who
// started using the number since shows up once a look-up or the next refresh puts it in the index.
import type { PhoneNumber } from '../commands/types';
import { isWebexApiError } from '../webex/errors';
import type { ConcurrencyLimit } from './concurrency';
import type { LocationDefaults } from './location-defaults';
import { numberSlots } from './normalize';
import type { AdminApi, CallOptions } from './ports';
import { type IndexedPerson, indexNumbers, locationMatchesIn, matchesIn } from './reverse-parts';
import { readEntityNumbers } from './reverse-reads';
import type { LocationMatch, ReverseMatch } from './types';

/** Most matches read again before an answer from the index; the rest are answered from the index. */
export const MAX_LIVE_REREADS = 10;

export interface LiveReads {
  admin: Pick<AdminApi, 'getTransferNumbers' | 'getWorkspaceTransferNumbers'>;
  locations: LocationDefaults;
  limit: ConcurrencyLimit;
  defaultCountry?: string;
}

export interface LiveMatches {
  matches: ReverseMatch[];
  locationMatches: LocationMatch[];
  /** Matches read again (people, workspaces and locations) without a failure. */
  reread: number;
  /** What the reads found, by person or workspace ID, for the index: null when they no longer have numbers of their own. */
  entries: Map<string, IndexedPerson | null>;
  /** The numbers read again, by location ID. */
  locationNumbers: Map<string, IndexedPerson['numbers']>;
}

/**
 * The first MAX_LIVE_REREADS matches read again, in their order: those that no longer match are left
 * out, a failed read keeps what the index had. Rejects only on a programming error.
 */
export async function rereadMatches(reads: LiveReads, found: { matches: ReverseMatch[]; locationMatches: LocationMatch[] }, number: PhoneNumber, call: CallOptions): Promise<LiveMatches> {
  const entries = new Map<string, IndexedPerson | null>();
  const locationNumbers = new Map<string, IndexedPerson['numbers']>();
  let budget = MAX_LIVE_REREADS;
  const personBudget = Math.min(found.matches.length, budget);
  budget -= personBudget;
  const locationBudget = Math.min(found.locationMatches.length, budget);

  const matches = await Promise.all(
    found.matches.map((match, i) =>
      i >= personBudget
        ? match
        : reads.limit.run(async (): Promise<ReverseMatch | undefined> => {
            const read = await readEntityNumbers(reads.admin, { summary: match.person }, call, reads.defaultCountry);
            if (read.kind === 'failed') return match;
            const entry = read.kind === 'read' ? read.entry : null;
            entries.set(match.person.id, entry);
            return entry ? matchesIn([entry], number)[0] : undefined;
          }),
    ),
  );
  const locationMatches = await Promise.all(
    found.locationMatches.map((match, i) =>
      i >= locationBudget
        ? match
        : reads.limit.run(async (): Promise<LocationMatch | undefined> => {
            try {
              const numbers = indexNumbers(numberSlots(await reads.locations.numbers(match.location.id, call)), reads.defaultCountry);
              locationNumbers.set(match.location.id, numbers);
              return locationMatchesIn([{ location: match.location, numbers, followers: match.followers, workspaceFollowers: match.workspaceFollowers ?? 0 }], number)[0];
            } catch (err) {
              if (!isWebexApiError(err)) throw err;
              return match;
            }
          }),
    ),
  );
  return {
    matches: matches.filter((m): m is ReverseMatch => m !== undefined),
    locationMatches: locationMatches.filter((m): m is LocationMatch => m !== undefined),
    reread: entries.size + locationNumbers.size,
    entries,
    locationNumbers,
  };
}
