// The reads of a reverse scan: one person's or workspace's numbers, which either are their own (and
// indexed) or follow their location; who follows each location (people and workspaces counted apart);
// and each followed location's numbers, read once, a few at a time.
import { isWebexApiError, type WebexApiError } from '../webex/errors';
import type { ConcurrencyLimit } from './concurrency';
import type { LocationDefaults } from './location-defaults';
import { normalizeTransferNumbers, numberSlots } from './normalize';
import type { AdminApi, CallOptions } from './ports';
import { type CallingEntity, type IndexedLocation, type IndexedPerson, indexNumbers } from './reverse-parts';

export type EntityRead = { kind: 'read'; entry: IndexedPerson } | { kind: 'follower'; locationId: string } | { kind: 'none' } | { kind: 'failed'; error: WebexApiError };

/**
 * One person's or workspace's numbers; 'follower' when their custom numbers are off (their location's
 * apply); 'none' when they have no calling settings (404) or follow a location Webex did not name.
 * Rejects on anything but a WebexApiError.
 */
export async function readEntityNumbers(admin: Pick<AdminApi, 'getTransferNumbers' | 'getWorkspaceTransferNumbers'>, entity: CallingEntity, call: CallOptions, defaultCountry?: string): Promise<EntityRead> {
  try {
    const id = entity.summary.id;
    const raw = entity.summary.kind === 'workspace' ? await admin.getWorkspaceTransferNumbers(id, call) : await admin.getTransferNumbers(id, call);
    const transfer = normalizeTransferNumbers(raw);
    if (!transfer.useCustomTransferNumbers) return entity.locationId ? { kind: 'follower', locationId: entity.locationId } : { kind: 'none' };
    return { kind: 'read', entry: { person: entity.summary, numbers: indexNumbers(transfer.numbers, defaultCountry) } };
  } catch (err) {
    if (!isWebexApiError(err)) throw err;
    // 404: listed with a location but without calling settings; nothing to match.
    return err.status === 404 ? { kind: 'none' } : { kind: 'failed', error: err };
  }
}

/** Who follows a location's numbers: people and workspaces, counted apart. */
export interface FollowerCount {
  followers: number;
  workspaceFollowers: number;
}

export function countFollower(followers: Map<string, FollowerCount>, locationId: string, entity: CallingEntity): void {
  const count = followers.get(locationId) ?? { followers: 0, workspaceFollowers: 0 };
  if (entity.summary.kind === 'workspace') count.workspaceFollowers++;
  else count.followers++;
  followers.set(locationId, count);
}

/** A copy whose counts can change without changing the original's (a kept scan must stay as it was). */
export function copyFollowers(followers: ReadonlyMap<string, FollowerCount>): Map<string, FollowerCount> {
  return new Map([...followers].map(([id, count]) => [id, { ...count }]));
}

export interface LocationReading {
  locations: LocationDefaults;
  limit: ConcurrencyLimit;
  /** Country for numbers written in national form. */
  defaultCountry?: string;
}

/**
 * The numbers (and names) of the locations that have followers, except those already in `known`;
 * `retry` are location IDs whose read failed before. One read per location; a Webex failure is counted
 * in `failedLocations`, anything else rejects.
 */
export async function readFollowedLocations(
  reading: LocationReading,
  wanted: { followers: ReadonlyMap<string, FollowerCount>; known: readonly IndexedLocation[]; retry: readonly string[] },
  call: CallOptions,
): Promise<{ locations: IndexedLocation[]; failedLocations: string[] }> {
  const { followers, known, retry } = wanted;
  const locations = known.map((entry) => ({ ...entry, ...(followers.get(entry.location.id) ?? {}) }));
  const failedLocations: string[] = [];
  const toRead = [...followers.keys()].filter((id) => retry.includes(id) || !known.some((entry) => entry.location.id === id));
  await Promise.all(
    toRead.map((locationId) =>
      reading.limit.run(async () => {
        try {
          const [numbers, location] = await Promise.all([reading.locations.numbers(locationId, call), reading.locations.summary(locationId, call)]);
          const count = followers.get(locationId) ?? { followers: 0, workspaceFollowers: 0 };
          locations.push({ location, numbers: indexNumbers(numberSlots(numbers), reading.defaultCountry), ...count });
        } catch (err) {
          if (!isWebexApiError(err)) throw err;
          failedLocations.push(locationId);
        }
      }),
    ),
  );
  return { locations, failedLocations };
}
